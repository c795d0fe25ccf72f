import Foundation
import Testing

/// `make chapter-N` is the command the README gives for every chapter: it must build the
/// chapter and run it (a pattern rule for a .PHONY target once made it do nothing at all).
@Suite struct MakefileTests {
  /// The package root: the folder of the Makefile, two levels above this file's folder.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Runs `make arguments…` in the package root; returns the exit status and combined output.
  func make(_ arguments: [String]) throws -> (Int32, String) {
    try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["make", "--no-print-directory"] + arguments, in: Self.root)
  }

  @Test(arguments: ChapterQuickRunTests.chapters.map(\.number))
  func chapterTargetBuildsAndRunsTheChapter(chapter: Int) throws {
    let (status, text) = try make(["-n", "chapter-\(chapter)", "ARGS=--seed 7"])
    #expect(status == 0, "\(text)")
    #expect(text.contains("swift build -c release --product chapter-\(chapter)\n"), "\(text)")
    #expect(text.contains(".build/release/chapter-\(chapter) --seed 7"), "\(text)")
  }

  @Test func unknownChapterFailsWithTheListOfChapters() throws {
    let (status, text) = try make(["chapter-99"])
    #expect(status == 2)
    #expect(text.contains("no chapter 99; chapters: 1 2 3 4 5"), "\(text)")
  }
}

/// `make assignment` and `make grade` (INSTRUCTORS.md) call the workbook command with the
/// chapter and the submissions, and say what is missing when a variable is not set.
@Suite struct AssignmentMakefileTests {
  func make(_ arguments: [String]) throws -> (Int32, String) {
    try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["make", "--no-print-directory"] + arguments, in: MakefileTests.root)
  }

  @Test func assignmentBuildsTheCommandAndAssignsTheChapter() throws {
    let (status, text) = try make(["-n", "assignment", "CHAPTER=3"])
    #expect(status == 0, "\(text)")
    #expect(text.contains("swift build -c release --product workbook\n"), "\(text)")
    #expect(text.contains(".build/release/workbook assign --chapter 3"), "\(text)")
  }

  @Test func gradePassesTheChapterOnlyWhenGiven() throws {
    let (status, text) = try make(["-n", "grade", "SUBMISSIONS=/tmp/class"])
    #expect(status == 0, "\(text)")
    #expect(text.contains(".build/release/workbook grade --submissions \"/tmp/class\""), "\(text)")
    #expect(!text.contains("--chapter"), "\(text)")
    let (_, withChapter) = try make(["-n", "grade", "SUBMISSIONS=/tmp/class", "CHAPTER=2"])
    #expect(withChapter.contains("--submissions \"/tmp/class\" --chapter 2"), "\(withChapter)")
  }

  @Test func missingVariablesAreNamed() throws {
    let (status, text) = try make(["assignment"])
    #expect(status == 2)
    #expect(text.contains("make assignment CHAPTER=1"), "\(text)")
    let (gradeStatus, gradeText) = try make(["grade"])
    #expect(gradeStatus == 2)
    #expect(gradeText.contains("make grade SUBMISSIONS="), "\(gradeText)")
  }
}
