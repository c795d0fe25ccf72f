import ArgumentParser
import Assignments
import Foundation
import Workbook

/// `workbook assign` and `workbook grade`: a chapter of the workbook as a course assignment, and
/// a folder of submissions graded against its hidden tests. INSTRUCTORS.md is the guide.
@main
struct WorkbookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workbook",
    abstract: "Course assignments from the GAN Workbook: make one, grade a class.",
    discussion: "Run from the workbook's folder (or pass --root). See INSTRUCTORS.md.",
    subcommands: [Assign.self, Grade.self])
}

/// The workbook's folder, an option of both subcommands.
struct RootOption: ParsableArguments {
  @Option(name: .long, help: "The workbook's folder: the one with Package.swift and grading/.")
  var root: String = "."

  var url: URL { URL(fileURLWithPath: root).standardizedFileURL }

  /// Checks that `chapter` has a plan under the root.
  func validate(chapter: Int) throws {
    let plan = url.appendingPathComponent(ChapterPlan.path(chapter: chapter))
    guard FileManager.default.fileExists(atPath: plan.path) else {
      throw ValidationError("--chapter \(chapter): no plan \(plan.path); every chapter that can be assigned has one in grading/")
    }
  }
}

struct Assign: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a chapter's student package: its regions blanked, its page, figures and public tests.")

  @Option(name: .long, help: "The chapter (1–10).")
  var chapter: Int

  @OptionGroup var root: RootOption

  @Option(name: .long, help: "Where to write the package (default: assignments/chapter-NN under the root).")
  var output: String?

  func validate() throws { try root.validate(chapter: chapter) }

  func run() throws {
    let start = Date()
    let package = try StudentPackage(chapter: chapter, root: root.url)
    let folder = URL(fileURLWithPath: output ?? root.url.appendingPathComponent(StudentPackage.defaultOutput(chapter: chapter)).path)
    let files = try package.write(to: folder)
    print("workbook assign: chapter \(chapter): \(files.count) files in \(folder.path)")
    for region in package.regions { print("  blanked \(region.name) (\(region.location))") }
    print(String(format: "  %d points: %d hidden checks, %d claims; done in %.1f s",
                 package.plan.totalPoints, package.plan.checks.count, package.plan.claims.count, Date().timeIntervalSince(start)))
  }
}

struct Grade: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Grade every submission (one folder per student) against the chapter's hidden tests.")

  @Option(name: .long, help: "The chapter (1–10); by default the one the submissions' packages were made for.")
  var chapter: Int?

  @OptionGroup var root: RootOption

  @Option(name: .long, help: "The folder of submissions: one folder per student, laid out like the assignment.")
  var submissions: String

  @Option(name: .long, help: "Where the reports go (default: <submissions>/../grades-chapter-NN).")
  var output: String?

  @Option(name: .long, help: "The template and its build (default: .build/grading under the root).")
  var work: String?

  @Flag(name: .long, help: "Run the hidden checks only, not the chapter's --quick run (claims then score 0).")
  var checksOnly = false

  @Option(name: .long, help: "The time limit of one hidden check, in seconds (default: the plan's checkSeconds).")
  var checkSeconds: Double?

  @Option(name: .long, help: "The time limit of the chapter's --quick run, in seconds (default: the plan's chapterSeconds).")
  var chapterSeconds: Double?

  func validate() throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: submissions, isDirectory: &isFolder), isFolder.boolValue else {
      throw ValidationError("--submissions \(submissions): no such folder")
    }
    for (flag, value) in [("--check-seconds", checkSeconds), ("--chapter-seconds", chapterSeconds)] {
      if let value, !(value > 0) { throw ValidationError("\(flag) \(value): must be a positive number of seconds") }
    }
    if let chapter { try root.validate(chapter: chapter) }
  }

  func run() throws {
    let start = Date()
    let submissionsURL = URL(fileURLWithPath: submissions).standardizedFileURL
    let chapter = try self.chapter ?? SubmissionFolder.chapter(of: submissionsURL)
    try root.validate(chapter: chapter)
    let outputURL = URL(fileURLWithPath: output ?? submissionsURL.deletingLastPathComponent()
      .appendingPathComponent("grades-chapter-\(String(format: "%02d", chapter))").path)
    var grader = try Grader(chapter: chapter, root: root.url,
                            work: URL(fileURLWithPath: work ?? root.url.appendingPathComponent(".build/grading").path))
    grader.runClaims = !checksOnly
    grader.checkSeconds = checkSeconds
    grader.chapterSeconds = chapterSeconds
    grader.progress = { print("workbook grade: \($0)") }
    let report = try grader.grade(submissions: submissionsURL, output: outputURL)
    print(report.markdown)
    print(String(format: "workbook grade: reports in %@ (%.0f s)", outputURL.path, Date().timeIntervalSince(start)))
  }
}
