import Foundation

/// What the grader can tell from a folder of submissions without being told.
public enum SubmissionFolder {
  /// The chapter the students' packages were made for: the chapter folder (`chapters/NN-…`)
  /// that every submission holding one has, all the same.
  /// - Throws: `AssignmentError.command` when no submission has a chapter folder, or when they
  ///   disagree, saying to pass the chapter.
  public static func chapter(of submissions: URL) throws -> Int {
    let students = (try? FileManager.default.contentsOfDirectory(atPath: submissions.path))?.filter { !$0.hasPrefix(".") } ?? []
    var found: [String: Int] = [:]
    for student in students {
      let chapters = submissions.appendingPathComponent(student).appendingPathComponent("chapters")
      let names = (try? FileManager.default.contentsOfDirectory(atPath: chapters.path)) ?? []
      if let number = names.compactMap({ Int($0.prefix(2)) }).first { found[student] = number }
    }
    let numbers = Set(found.values)
    guard numbers.count == 1, let chapter = numbers.first else {
      let seen = found.isEmpty ? "no submission has a chapters/NN-… folder"
        : "the submissions are for chapters \(numbers.sorted().map(String.init).joined(separator: ", "))"
      throw AssignmentError.command("\(submissions.path): cannot tell which chapter to grade (\(seen)); pass --chapter N (make grade CHAPTER=N)")
    }
    return chapter
  }
}
