import Foundation

/// How one chapter becomes an assignment and how it is graded: `grading/chapter-NN.json`, checked
/// in beside the hidden checks (`grading/checks/`). The points of every test live here and
/// nowhere else.
///
///     {
///       "chapter": 1,
///       "regions": ["optimal-discriminator"],
///       "publicTests": ["Tests/MathTests/TheoryTests.swift"],
///       "checkSeconds": 60, "chapterSeconds": 300,
///       "checks": [{"id": "optimal-discriminator.formula", "points": 4, "what": "…"}],
///       "claims": [{"id": "D1-pointwise", "points": 1}]
///     }
public struct ChapterPlan: Codable, Equatable, Sendable {
  /// A hidden check: one function of `grading/checks/` run in its own process.
  public struct Check: Codable, Equatable, Sendable {
    /// The check's id in the checks executable, "<region>.<property>".
    public var id: String
    public var points: Int
    /// What it verifies, in one line, for the reports.
    public var what: String
  }

  /// A claim of the chapter, graded from its `--quick` run: it passes when its outcome is the
  /// one the chapter states.
  public struct Claim: Codable, Equatable, Sendable {
    public var id: String
    public var points: Int
  }

  public var chapter: Int
  /// The regions blanked in the student's copy, in the order the student meets them.
  public var regions: [String]
  /// Test files of the workbook copied into the student's package (paths from the root).
  public var publicTests: [String]
  /// The time limit of one hidden check, in seconds.
  public var checkSeconds: Double
  /// The time limit of the chapter's `--quick` run, in seconds.
  public var chapterSeconds: Double
  public var checks: [Check]
  public var claims: [Claim]

  /// The most a submission can score.
  public var totalPoints: Int { checks.map(\.points).reduce(0, +) + claims.map(\.points).reduce(0, +) }

  /// "grading/chapter-01.json".
  public static func path(chapter: Int) -> String { "grading/chapter-\(String(format: "%02d", chapter)).json" }

  /// Reads and checks the plan of `chapter` under `root`.
  /// - Throws: `AssignmentError.badPlan` naming the file: unreadable JSON, a chapter number that
  ///   does not match the file, no regions, a check whose region is not in the plan, negative
  ///   points or a time limit that is not positive.
  public static func load(chapter: Int, root: URL) throws -> ChapterPlan {
    let path = Self.path(chapter: chapter)
    let url = root.appendingPathComponent(path)
    guard let data = try? Data(contentsOf: url) else {
      throw AssignmentError.badPlan(path: url.path, reason: "missing: every chapter that can be assigned has a plan here (chapters 1–10)")
    }
    let plan: ChapterPlan
    do { plan = try JSONDecoder().decode(ChapterPlan.self, from: data) } catch {
      throw AssignmentError.badPlan(path: url.path, reason: "not a valid plan (\(error))")
    }
    func bad(_ reason: String) -> AssignmentError { .badPlan(path: url.path, reason: reason) }
    guard plan.chapter == chapter else { throw bad("says chapter \(plan.chapter), expected \(chapter)") }
    guard !plan.regions.isEmpty else { throw bad("lists no regions: an assignment needs at least one") }
    for check in plan.checks {
      let region = String(check.id.prefix { $0 != "." })
      guard plan.regions.contains(region) else {
        throw bad("check '\(check.id)' belongs to region '\(region)', which is not in \"regions\" \(plan.regions)")
      }
    }
    if let negative = (plan.checks.map { ($0.id, $0.points) } + plan.claims.map { ($0.id, $0.points) }).first(where: { $0.1 < 0 }) {
      throw bad("'\(negative.0)' has negative points \(negative.1)")
    }
    guard plan.checkSeconds > 0 && plan.chapterSeconds > 0 else {
      throw bad("checkSeconds \(plan.checkSeconds) and chapterSeconds \(plan.chapterSeconds) must be positive")
    }
    return plan
  }
}

/// The chapter folders of a workbook: `chapters/01-optimal-discriminator` for chapter 1.
public enum ChapterFolders {
  /// "chapters/01-optimal-discriminator".
  /// - Throws: `AssignmentError.noChapter` when `root/chapters` has no folder `NN-…`.
  public static func folder(of chapter: Int, root: URL) throws -> String {
    let prefix = String(format: "%02d-", chapter)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("chapters").path)) ?? []
    guard let name = names.sorted().first(where: { $0.hasPrefix(prefix) }) else {
      throw AssignmentError.noChapter(number: chapter, root: root.path)
    }
    return "chapters/" + name
  }
}
