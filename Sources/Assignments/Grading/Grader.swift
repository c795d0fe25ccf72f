import Foundation
import Workbook

/// `workbook grade`: every submission in a folder graded against the chapter's hidden tests.
///
/// For each student (one folder each under the submissions folder, laid out like the package
/// `workbook assign` wrote), the grader
/// 1. takes the bodies of the chapter's regions from the student's region files, and nothing
///    else (`RegionSplicing.taking`), into the reference files of the template;
/// 2. builds the chapter and the hidden checks incrementally (`GradingTemplate`); a build that
///    fails gives every test 0 and the report the compiler's first error;
/// 3. runs each hidden check of the plan in its own process, then the chapter in `--quick` mode,
///    each with its time limit, without network, in the student's own scratch folder; a check
///    passes when it exits 0, a claim when its outcome is the one the chapter states;
/// 4. writes the student's report (report.md, report.json) in that folder, puts the reference
///    files back, and goes on to the next student. The class report comes last.
public struct Grader {
  public var root: URL
  public var plan: ChapterPlan
  public var regions: [SolutionRegion]
  /// Where the template and the scratch folders live (`.build/grading` by default).
  public var work: URL
  /// Skips the chapter's quick run (the claims then fail with that reason): for tests of the
  /// checks alone.
  public var runClaims = true
  /// Progress lines ("grading alice…"), or nothing.
  public var progress: (String) -> Void = { _ in }
  /// The limit of one build, in seconds.
  public var buildSeconds: Double = 900
  /// The time limits of one check and of the chapter's quick run, in seconds: the plan's unless
  /// set (the tool's own tests shorten them).
  public var checkSeconds: Double?
  public var chapterSeconds: Double?

  public init(chapter: Int, root: URL, work: URL) throws {
    self.root = root
    self.work = work
    plan = try ChapterPlan.load(chapter: chapter, root: root)
    regions = try RegionCatalogue(root: root).regions(of: plan)
  }

  var products: [String] { (runClaims ? ["chapter-\(plan.chapter)"] : []) + ["grading-checks"] }

  /// Grades every folder under `submissions` (sorted by name) and writes the reports: each
  /// student's into `output/<student>/`, the class's as `output/class-report.md` and `.json`.
  public func grade(submissions: URL, output: URL) throws -> ClassReport {
    let students = try FileManager.default.contentsOfDirectory(atPath: submissions.path).filter { name in
      var isFolder: ObjCBool = false
      return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: submissions.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
    }.sorted()
    guard !students.isEmpty else {
      throw AssignmentError.command("\(submissions.path): no submissions (expected one folder per student)")
    }
    let (inside, folder) = (output.standardizedFileURL.path + "/", submissions.standardizedFileURL.path + "/")
    guard !inside.hasPrefix(folder) else {
      throw AssignmentError.command("\(output.path): the reports cannot go inside the submissions folder \(submissions.path)")
    }
    let template = try GradingTemplate(root: root, work: work)
    defer { template.close() }
    try template.synchronise()
    progress("building the reference in \(template.folder.path) …")
    let reference = try template.build(products: products, seconds: buildSeconds, log: work.appendingPathComponent("logs/reference-build"))
    if let error = reference.error {
      throw AssignmentError.command("the reference workbook does not build in \(template.folder.path):\n\(error)")
    }
    progress(String(format: "reference built in %.1f s", reference.seconds))
    let isolation = NetworkIsolation.probe(in: work)
    var reports: [StudentReport] = []
    for student in students {
      progress("grading \(student) …")
      let report = try gradeOne(student: student, submission: submissions.appendingPathComponent(student),
                                template: template, scratch: output.appendingPathComponent(student), isolation: isolation)
      progress("\(student): \(report.points)/\(report.maximum)")
      reports.append(report)
    }
    let notes = isolation.note.map { [$0] } ?? []
    let classReport = ClassReport(chapter: plan.chapter, maximum: plan.totalPoints, students: reports, notes: notes)
    try AtomicFile.write(classReport.markdown, to: output.appendingPathComponent("class-report.md"))
    try AtomicFile.write(try Self.json(classReport), to: output.appendingPathComponent("class-report.json"))
    return classReport
  }

  func gradeOne(student: String, submission: URL, template: GradingTemplate, scratch: URL,
                isolation: NetworkIsolation) throws -> StudentReport {
    if FileManager.default.fileExists(atPath: scratch.path) {
      // Replaced only when it holds an earlier grading of this student (or nothing).
      let contents = (try? FileManager.default.contentsOfDirectory(atPath: scratch.path)) ?? []
      guard contents.isEmpty || contents.contains(where: { $0 == "report.json" || $0.hasPrefix("build.log") }) else {
        throw AssignmentError.command("\(scratch.path): exists and is not an earlier report; choose another --output")
      }
      try FileManager.default.removeItem(at: scratch)
    }
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    // 1. The student's region bodies into the reference files.
    var states: [String: String] = [:]
    let files = Dictionary(grouping: regions, by: \.file)
    for (file, fileRegions) in files {
      let reference = try PackageFiles.read(root.appendingPathComponent(file))
      let submitted = try? String(contentsOf: submission.appendingPathComponent(file), encoding: .utf8)
      let (source, taken) = RegionSplicing.taking(regions: fileRegions, from: submitted, submissionPath: file, into: reference)
      try template.write(source, to: file)
      for (name, state) in taken {
        switch state {
        case .implemented: states[name] = "implemented"
        case .notImplemented: states[name] = "not implemented (still the TODO stub)"
        case .unreadable(let why): states[name] = "graded as not implemented: \(why)"
        }
      }
    }
    defer {
      for file in files.keys { _ = try? PackageFiles.copy(file, from: root, to: template.folder) }
    }
    // 2. Build.
    let build = try template.build(products: products, seconds: buildSeconds, log: scratch.appendingPathComponent("build.log"))
    var report = StudentReport(
      student: student, chapter: plan.chapter, points: 0, maximum: plan.totalPoints, compiled: build.error == nil,
      compilerError: build.error, regions: states, tests: [], notes: isolation.note.map { [$0] } ?? [], buildSeconds: build.seconds)
    if let error = build.error {
      let firstLine = error.split(separator: "\n").first.map(String.init) ?? error
      report.tests = plan.checks.map { fail("check", $0.id, $0.points, "did not compile: \(firstLine)") }
        + plan.claims.map { fail("claim", $0.id, $0.points, "did not compile: \(firstLine)") }
    } else {
      // 3. The hidden checks, then the chapter's claims.
      for check in plan.checks {
        report.tests.append(try runCheck(check, template: template, scratch: scratch, isolation: isolation))
      }
      report.tests += try runClaims(template: template, scratch: scratch, isolation: isolation)
    }
    report.points = report.tests.map(\.points).reduce(0, +)
    try AtomicFile.write(report.markdown, to: scratch.appendingPathComponent("report.md"))
    try AtomicFile.write(try Self.json(report), to: scratch.appendingPathComponent("report.json"))
    return report
  }

  func fail(_ kind: String, _ id: String, _ points: Int, _ message: String, seconds: Double = 0) -> TestOutcome {
    TestOutcome(kind: kind, id: id, passed: false, points: 0, maximum: points, message: message, seconds: seconds)
  }

  func runCheck(_ check: ChapterPlan.Check, template: GradingTemplate, scratch: URL, isolation: NetworkIsolation) throws -> TestOutcome {
    let command = isolation.prefix + [template.executable("grading-checks").path, check.id]
    let result = try TimedProcess.run(command, in: scratch, seconds: checkSeconds ?? plan.checkSeconds,
                                      log: scratch.appendingPathComponent("checks/\(check.id)"))
    let said = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    switch result.ending {
    case .exited(0):
      return TestOutcome(kind: "check", id: check.id, passed: true, points: check.points, maximum: check.points,
                         message: said, seconds: result.seconds)
    case .exited(let status):
      let why = said.isEmpty ? "exited with status \(status): \(Self.lastLines(result.errors))" : said
      return fail("check", check.id, check.points, why, seconds: result.seconds)
    case .signal(let signal):
      return fail("check", check.id, check.points, "crashed: \(TimedProcess.describe(signal: signal)): \(Self.fatalMessage(result.errors))",
                  seconds: result.seconds)
    case .timedOut(let limit):
      return fail("check", check.id, check.points, "stopped at its time limit of \(Int(limit)) s (an endless loop?)", seconds: result.seconds)
    }
  }

  func runClaims(template: GradingTemplate, scratch: URL, isolation: NetworkIsolation) throws -> [TestOutcome] {
    guard runClaims else {
      return plan.claims.map { fail("claim", $0.id, $0.points, "not run (claims skipped)") }
    }
    let out = scratch.appendingPathComponent("chapter-run")
    let command = isolation.prefix + [template.executable("chapter-\(plan.chapter)").path, "--quick", "--no-progress", "--out", out.path]
    let result = try TimedProcess.run(command, in: scratch, seconds: chapterSeconds ?? plan.chapterSeconds,
                                      log: scratch.appendingPathComponent("chapter-\(plan.chapter)"))
    let seconds = result.seconds
    var stopped: String?
    switch result.ending {
    case .exited: break
    case .signal(let signal):
      stopped = "the chapter crashed before recording it: \(TimedProcess.describe(signal: signal)): \(Self.fatalMessage(result.errors))"
    case .timedOut(let limit):
      stopped = "the chapter's --quick run was stopped at its time limit of \(Int(limit)) s (an endless loop?)"
    }
    let file = out.appendingPathComponent("results/" + ChapterResults.fileName(chapter: plan.chapter))
    let results = try? ChapterResults.load(from: file)
    if results == nil && stopped == nil {
      stopped = "the chapter wrote no results (exit \(result.ending)): \(Self.lastLines(result.errors))"
    }
    return plan.claims.map { claim in
      if let stopped { return fail("claim", claim.id, claim.points, stopped, seconds: seconds) }
      guard let measured = results?.claims.first(where: { $0.spec.id == claim.id }) else {
        return fail("claim", claim.id, claim.points, "the chapter's results have no claim \(claim.id)", seconds: seconds)
      }
      if measured.matchesStatedOutcome {
        let value = measured.measured.map { NumberText.compact($0) } ?? "nan"
        return TestOutcome(kind: "claim", id: claim.id, passed: true, points: claim.points, maximum: claim.points,
                           message: "as stated (\(measured.spec.outcome.verdict)): measured \(value), expected \(measured.expectation)",
                           seconds: seconds)
      }
      // The ledger's advice to the chapter's author ("update the chapter's outcome") is not for a student.
      let difference = (measured.difference ?? "\(claim.id): differs from its stated outcome")
        .components(separatedBy: "; if the text's claim now holds").first ?? ""
      return fail("claim", claim.id, claim.points, difference, seconds: seconds)
    }
  }

  /// The `Fatal error: …` line of a crashed Swift program, or its last lines.
  static func fatalMessage(_ errors: String) -> String {
    let markers = ["Fatal error", "Precondition failed", "Assertion failed"]
    if let line = errors.split(separator: "\n").first(where: { line in markers.contains { line.contains($0) } }) {
      return String(line)
    }
    return lastLines(errors)
  }

  static func lastLines(_ text: String, count: Int = 2) -> String {
    let lines = text.split(separator: "\n").suffix(count).map(String.init)
    return lines.isEmpty ? "(no output)" : lines.joined(separator: " / ")
  }

  static func json<T: Encodable>(_ value: T) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
  }
}

/// Whether the grader can run a submission without network: `unshare --net` (a new, empty
/// network namespace; needs root or user namespaces). When it cannot, grading goes on and
/// every report says so.
struct NetworkIsolation {
  var prefix: [String]
  var note: String?

  static func probe(in folder: URL) -> NetworkIsolation {
    let probe = try? TimedProcess.run(["unshare", "--net", "true"], in: folder, seconds: 10,
                                      log: folder.appendingPathComponent("logs/unshare-probe"))
    if case .exited(0)? = probe?.ending { return NetworkIsolation(prefix: ["unshare", "--net", "--"], note: nil) }
    let why = probe.map { Grader.lastLines($0.errors) } ?? "unshare could not be run"
    return NetworkIsolation(prefix: [], note: "network NOT isolated: `unshare --net` failed here (\(why)); submissions ran with the network")
  }
}
