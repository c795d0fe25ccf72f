import Foundation

/// The outcome of one hidden test for one student.
public struct TestOutcome: Codable, Equatable, Sendable {
  /// "check" (a hidden property check of a region) or "claim" (a claim of the chapter's quick run).
  public var kind: String
  public var id: String
  public var passed: Bool
  public var points: Int
  public var maximum: Int
  /// What was measured against what was expected, or why the test could not run.
  public var message: String
  public var seconds: Double
}

/// One student's grade for one chapter.
public struct StudentReport: Codable, Equatable, Sendable {
  public var student: String
  public var chapter: Int
  public var points: Int
  public var maximum: Int
  /// Whether the workbook built with the student's regions in it.
  public var compiled: Bool
  /// The compiler's first error when it did not.
  public var compilerError: String?
  /// Per region: "implemented", "not implemented" or why it could not be read.
  public var regions: [String: String]
  public var tests: [TestOutcome]
  /// Remarks on the grading itself (network isolation, time limits).
  public var notes: [String]
  public var buildSeconds: Double

  /// The report as Markdown, for the student.
  public var markdown: String {
    var lines = [
      "# Chapter \(chapter): \(student)", "",
      "**\(points) of \(maximum) points.**", "",
    ]
    if !compiled {
      lines += ["The workbook did not compile with your regions. The compiler's first error:", "", "```",
                compilerError ?? "(no error line found; see build.log.err)", "```", ""]
    }
    lines += ["| region | state |", "|---|---|"]
    lines += regions.keys.sorted().map { "| \($0) | \(regions[$0]!) |" }
    lines += ["", "| test | result | points | message |", "|---|---|---|---|"]
    for test in tests {
      let message = test.message.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
      lines.append("| \(test.kind) \(test.id) | \(test.passed ? "pass" : "FAIL") | \(test.points)/\(test.maximum) | \(message) |")
    }
    if !notes.isEmpty { lines += [""] + notes.map { "- \($0)" } }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// The grades of a class for one chapter.
public struct ClassReport: Codable, Equatable, Sendable {
  public var chapter: Int
  public var maximum: Int
  public var students: [StudentReport]
  public var notes: [String]

  public var markdown: String {
    var lines = ["# Chapter \(chapter): grades", "", "| student | points | compiled | failed tests |", "|---|---|---|---|"]
    for s in students {
      let failed = s.tests.filter { !$0.passed }.map { "\($0.kind) \($0.id)" }
      lines.append("| \(s.student) | \(s.points)/\(s.maximum) | \(s.compiled ? "yes" : "no") | \(failed.isEmpty ? "—" : failed.joined(separator: ", ")) |")
    }
    if !notes.isEmpty { lines += [""] + notes.map { "- \($0)" } }
    return lines.joined(separator: "\n") + "\n"
  }
}
