import Assignments
import Foundation
import Testing
import Workbook

/// The workbook's own regions and plans: every chapter 1–10 can be assigned, every check a plan
/// names exists, and a student's copy hides every solution of its chapter, in code and on the page.
@Suite struct AssignmentPlanTests {
  @Test(arguments: 1...10)
  func everyChapterHasAPlanWithRegionsAndKnownChecks(chapter: Int) throws {
    let plan = try ChapterPlan.load(chapter: chapter, root: Fixture.root)
    let regions = try RegionCatalogue(root: Fixture.root).regions(of: plan)
    #expect(!regions.isEmpty)
    for region in regions { #expect(!region.hint.isEmpty, "\(region.location) has no hint") }
    let checkSources = try FileManager.default.contentsOfDirectory(atPath: Fixture.root.appendingPathComponent("grading/checks").path)
      .map { try String(contentsOf: Fixture.root.appendingPathComponent("grading/checks/\($0)"), encoding: .utf8) }
      .joined()
    for check in plan.checks { #expect(checkSources.contains("\"\(check.id)\": {"), "no check \(check.id) in grading/checks") }
    // The claims are the chapter's own, as its last full run recorded them.
    let results = try ChapterResults.load(from: Fixture.root.appendingPathComponent("results/" + ChapterResults.fileName(chapter: chapter)))
    #expect(Set(plan.claims.map(\.id)).isSubset(of: Set(results.claims.map(\.spec.id))))
    #expect(!plan.checks.isEmpty && plan.totalPoints > 0)
  }

  @Test(arguments: [1, 9])
  func theStudentCopyHidesTheSolutionsInCodeAndOnThePage(chapter: Int) throws {
    let temp = try Fixture.temporaryFolder("assign-\(chapter)")
    defer { try? FileManager.default.removeItem(at: temp) }
    let package = try StudentPackage(chapter: chapter, root: Fixture.root)
    try package.write(to: temp)
    let page = try String(contentsOf: temp.appendingPathComponent(package.chapterFolder + "/README.md"), encoding: .utf8)
    for region in package.regions {
      let source = try String(contentsOf: temp.appendingPathComponent(region.file), encoding: .utf8)
      let body = region.body.joined(separator: "\n")
      #expect(!source.contains(body), "\(region.file) still holds the solution of \(region.name)")
      #expect(source.contains(region.stub))
      #expect(!page.contains(body), "the page still quotes the solution of \(region.name)")
    }
    #expect(package.regions.contains { page.contains($0.stub) }, "the page quotes no region's stub")
    // The other regions in the same files are solved, without their markers.
    let others = try RegionCatalogue(root: Fixture.root).regions.filter { region in
      package.regionFiles.contains(region.file) && !package.regions.contains(region)
    }
    for region in others {
      let source = try String(contentsOf: temp.appendingPathComponent(region.file), encoding: .utf8)
      #expect(!source.contains("BEGIN SOLUTION \(region.name)") && source.contains(region.body.joined(separator: "\n")))
    }
    let readme = try String(contentsOf: temp.appendingPathComponent("README.md"), encoding: .utf8)
    for region in package.regions { #expect(readme.contains("**\(region.name)**")) }
    #expect(readme.contains("Total: \(package.plan.totalPoints) points"))
    let manifest = try String(contentsOf: temp.appendingPathComponent("Package.swift"), encoding: .utf8)
    #expect(manifest.contains("(\(chapter), \"\(package.chapterFolder.dropFirst("chapters/".count))\")"))
  }

  @Test func assignReplacesOnlyAFolderItWrote() throws {
    let temp = try Fixture.temporaryFolder("assign-guard")
    defer { try? FileManager.default.removeItem(at: temp) }
    let package = try StudentPackage(chapter: 10, root: Fixture.root)
    try package.write(to: temp)  // empty: fine
    try package.write(to: temp)  // an earlier assignment: replaced
    let other = temp.appendingPathComponent("Sources")
    #expect {
      try package.write(to: other)
    } throws: { error in
      "\(error)" == "\(other.path): not empty and not written by `workbook assign`; choose another --output or remove it first"
    }
    #expect(FileManager.default.fileExists(atPath: other.appendingPathComponent("Math").path))
  }

  @Test func reportsCannotGoInsideTheSubmissions() throws {
    let temp = try Fixture.temporaryFolder("grade-guard")
    defer { try? FileManager.default.removeItem(at: temp) }
    try FileManager.default.createDirectory(at: temp.appendingPathComponent("ada"), withIntermediateDirectories: true)
    let grader = try Grader(chapter: 1, root: Fixture.root, work: temp.appendingPathComponent("work"))
    #expect {
      _ = try grader.grade(submissions: temp, output: temp.appendingPathComponent("grades"))
    } throws: { error in
      "\(error)".contains("the reports cannot go inside the submissions folder")
    }
    #expect(!FileManager.default.fileExists(atPath: temp.appendingPathComponent("work").path))
  }

  @Test func aPlanWithACheckOfAnotherRegionIsRejectedNamingTheFile() throws {
    let root = try Fixture.temporaryFolder("bad-plan")
    defer { try? FileManager.default.removeItem(at: root) }
    let plan = #"{"chapter": 1, "regions": ["a"], "publicTests": [], "checkSeconds": 1, "chapterSeconds": 1,"#
      + #" "checks": [{"id": "b.x", "points": 1, "what": "?"}], "claims": []}"#
    try AtomicFile.write(plan, to: root.appendingPathComponent("grading/chapter-01.json"))
    #expect {
      try ChapterPlan.load(chapter: 1, root: root)
    } throws: { error in
      "\(error)".contains("grading/chapter-01.json: check 'b.x' belongs to region 'b', which is not in \"regions\"")
    }
  }
}
