import Foundation
import Workbook

/// `workbook assign`: a chapter turned into a standalone Swift package for students.
///
/// The package holds the workbook's Math, Lessons and Workbook sources and the C shims, the
/// chapter (its main.swift, its page and figures, its last full run's results), the public tests
/// the plan names, and a README for the student. Every region of the chapter has its body
/// replaced by `fatalError("TODO: name: hint")`, in the sources and in the code the page quotes;
/// the package builds as it is.
public struct StudentPackage {
  public let root: URL
  public let plan: ChapterPlan
  public let regions: [SolutionRegion]
  public let chapterFolder: String

  /// Reads the chapter's plan and finds its regions in the workbook at `root`.
  /// - Throws: `AssignmentError` or `RegionError`, naming the file and what is wrong.
  public init(chapter: Int, root: URL) throws {
    self.root = root
    plan = try ChapterPlan.load(chapter: chapter, root: root)
    regions = try RegionCatalogue(root: root).regions(of: plan)
    chapterFolder = try ChapterFolders.folder(of: chapter, root: root)
  }

  /// "assignments/chapter-01".
  public static func defaultOutput(chapter: Int) -> String { "assignments/chapter-\(String(format: "%02d", chapter))" }

  /// The files that hold the chapter's regions, relative to the root: what a student hands in.
  public var regionFiles: [String] { Array(Set(regions.map(\.file))).sorted() }

  /// Writes the package into `output` (replacing what a previous `assign` wrote there) and
  /// returns the files written, relative to `output`. A file whose bytes are unchanged is left
  /// as it is, and an earlier build folder (`.build`) is kept, so a package built before
  /// rebuilds only what changed.
  @discardableResult
  /// - Throws: `AssignmentError.command` when `output` holds something that a previous `assign`
  ///   did not write (the folder is replaced, so it must not be a folder of other work).
  public func write(to output: URL) throws -> [String] {
    if FileManager.default.fileExists(atPath: output.path) {
      let contents = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
      let manifest = (try? String(contentsOf: output.appendingPathComponent("Package.swift"), encoding: .utf8)) ?? ""
      guard contents.isEmpty || manifest.contains(PackageManifest.signature) else {
        throw AssignmentError.command(
          "\(output.path): not empty and not written by `workbook assign`; choose another --output or remove it first")
      }
    }
    var written: [String] = []
    func put(_ text: String, _ relative: String) throws {
      try PackageFiles.writeIfChanged(Data(text.utf8), to: output.appendingPathComponent(relative))
      written.append(relative)
    }
    // Sources: every region of every chapter solved, except this chapter's, which are blanked.
    let mine = Dictionary(grouping: regions, by: \.file)
    for folder in PackageManifest.sourceFolders + [chapterFolder] {
      for file in PackageFiles.files(under: folder, of: root) where !file.hasSuffix("README.md") || folder == chapterFolder {
        let url = root.appendingPathComponent(file)
        if file.hasSuffix(".swift") {
          let text = try PackageFiles.read(url)
          let all = text.contains("BEGIN SOLUTION") ? try RegionParser.regions(in: text, file: file) : []
          let blanked = RegionSplicing.replacingBodies(of: text, regions: mine[file] ?? [], keepingOtherMarkers: false) { [$0.stub] }
          try put(all.isEmpty ? text : blanked, file)
        } else if file.hasSuffix("README.md") {
          try put(redactedPage(try PackageFiles.read(url)), file)
        } else {
          try PackageFiles.copy(file, from: root, to: output)
          written.append(file)
        }
      }
    }
    let number = String(format: "%02d", plan.chapter)
    for file in PackageFiles.files(under: "figures/chapter-\(number)", of: root) + ["results/chapter-\(number).json"]
    where FileManager.default.fileExists(atPath: root.appendingPathComponent(file).path) {
      try PackageFiles.copy(file, from: root, to: output)
      written.append(file)
    }
    // Public tests, with the support files of their targets.
    for file in publicTestFiles {
      try PackageFiles.copy(file, from: root, to: output)
      written.append(file)
    }
    try put(manifest.text, "Package.swift")
    try put(".build/\nPackage.resolved\n.swiftpm/\n", ".gitignore")
    try put(readme, "README.md")
    // What an earlier assignment wrote and this one did not: removed (the build folder stays).
    let kept = Set(written)
    for stale in PackageFiles.files(under: ".", of: output).map({ String($0.dropFirst(2)) })
    where !kept.contains(stale) && !stale.hasPrefix(".build/") && !stale.hasPrefix(".swiftpm/") && stale != "Package.resolved" {
      try FileManager.default.removeItem(at: output.appendingPathComponent(stale))
    }
    return written
  }

  /// The support files a test target's tests use (helpers, not tests).
  static let testSupport: [String: [String]] = [
    "MathTests": ["Tests/MathTests/GradientCheck.swift"],
    "LessonsTests": ["Tests/LessonsTests/LessonsTestSupport.swift"],
  ]

  var publicTestTargets: [String] {
    Array(Set(plan.publicTests.map { $0.split(separator: "/").dropFirst().first.map(String.init) ?? "Tests" })).sorted()
  }

  var publicTestFiles: [String] {
    Array(Set(plan.publicTests + publicTestTargets.flatMap { Self.testSupport[$0] ?? [] })).sorted()
  }

  var manifest: PackageManifest {
    let targets = publicTestTargets.map { name in
      PackageManifest.TestTarget(name: name, dependencies: name == "MathTests" ? ["Math"] : ["Math", "Lessons", "Workbook"])
    }
    return PackageManifest(
      name: "GANWorkbookChapter\(plan.chapter)",
      chapters: [.init(number: plan.chapter, folder: String(chapterFolder.dropFirst("chapters/".count)))],
      testTargets: targets, gradingChecks: false)
  }

  /// The chapter's page with the code of every region replaced by its stub, wherever the page
  /// quotes it (`{{code:NAME}}` quotes sources without their marker lines).
  func redactedPage(_ page: String) -> String {
    var page = page
    for region in regions {
      let body = region.body.joined(separator: "\n")
      page = page.replacingOccurrences(of: body, with: region.stub)
    }
    return page
  }

  /// The student's README: what to implement, how to run the tests, how it is graded.
  var readme: String {
    let number = plan.chapter
    let regionList = regions.map { region in
      "- **\(region.name)** in `\(region.file)` (line \(region.beginLine)): \(region.hint.isEmpty ? "see the doc comment above it" : region.hint)"
    }.joined(separator: "\n")
    let checks = plan.checks.map { "| \($0.id) | \($0.what) | \($0.points) |" }.joined(separator: "\n")
    let claims = plan.claims.map { "| claim \($0.id) | the chapter's claim, in `--quick` mode, has its stated outcome | \($0.points) |" }
      .joined(separator: "\n")
    let tests = plan.publicTests.isEmpty ? "" : """

      The public tests (`\(plan.publicTests.joined(separator: "`, `"))`) check the same functions:

      ```sh
      swift test
      ```

      They stop at the first `fatalError("TODO: …")` they reach, so run them once your regions are written.
      """
    return """
      # Assignment: chapter \(number)

      Read the chapter first: [\(chapterFolder)/README.md](\(chapterFolder)/README.md). Its code is
      in `\(chapterFolder)/main.swift`; the models and the mathematics it uses are in `Sources/`.

      ## What to implement

      Each function below has its body replaced by `fatalError("TODO: …")` between a
      `// BEGIN SOLUTION name` line and an `// END SOLUTION` line. Replace the `fatalError` line by
      your code, between the markers. The doc comment above each function states what it must
      compute, and the `// HINT:` line how to start.

      \(regionList)

      Keep the marker lines as they are. Only the code between them is graded: everything else in
      your files is replaced by the workbook's own version, so a helper you need goes inside the
      region (a nested function is fine).

      ## Run it

      ```sh
      swift build                                   # builds as handed out
      swift run chapter-\(number) --quick --out /tmp/try    # the chapter in seconds, with its claims table
      ```
      \(tests)

      The chapter prints a table of its claims and exits with a non-zero status when a claim's
      outcome differs from the one it states: that is the first sign that something is wrong.

      ## How it is graded

      The grader takes from your package only the regions above (files
      `\(regionFiles.joined(separator: "`, `"))`), puts them into the workbook, builds it, and runs
      hidden tests, each in its own process, with a time limit (\(Int(plan.checkSeconds)) s per check,
      \(Int(plan.chapterSeconds)) s for the chapter's `--quick` run) and no network:

      | test | what it checks | points |
      |---|---|---|
      \(checks)
      \(claims)

      Total: \(plan.totalPoints) points. A check that fails says what it measured and what it expected;
      a program that does not compile, crashes or runs past its time limit scores 0 on the tests it
      could not finish, with the reason in your report.

      """
  }
}
