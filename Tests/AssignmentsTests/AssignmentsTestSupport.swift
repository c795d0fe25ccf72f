import Assignments
import Foundation

/// The workbook's root (three levels above this file) and the tools the tests share.
enum Fixture {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The grader's template and build, shared with `make grade` so that a second run of the
  /// tests builds only what changed.
  static let work = root.appendingPathComponent(".build/grading")

  /// A fresh temporary folder.
  static func temporaryFolder(_ name: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes a submission for `student` under `folder`: the workbook's own copy of each of
  /// `files`, with `edits` (old text → new text, each of which must be found) applied.
  static func submission(_ student: String, in folder: URL, files: [String], edits: [String: (String, String)] = [:]) throws {
    for file in files {
      var text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      if let (old, new) = edits[file] {
        guard text.contains(old) else { throw SubmissionError(message: "\(file) has no \"\(old)\" to replace") }
        text = text.replacingOccurrences(of: old, with: new)
      }
      let url = folder.appendingPathComponent(student).appendingPathComponent(file)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
  }

  struct SubmissionError: Error { var message: String }

  /// Runs a program and returns its exit status and output (standard output and error together).
  static func run(_ arguments: [String], in folder: URL) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}

extension StudentReport {
  /// The ids of the tests that lost points, "check …" and "claim …".
  var failed: Set<String> { Set(tests.filter { !$0.passed }.map { "\($0.kind) \($0.id)" }) }
}
