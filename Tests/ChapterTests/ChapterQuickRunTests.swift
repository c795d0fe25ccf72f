import Foundation
import Testing
import Workbook

/// Every chapter, run in --quick mode as a student would run it, meets the outcomes it states:
/// it exits 0, writes its results file with every claim measured and as stated, and writes its
/// figures. The chapters are the release executables built next to this test bundle
/// (`make test` builds them first).
@Suite(.serialized) struct ChapterQuickRunTests {
  static let chapters: [(number: Int, figures: [String])] = [
    (1, ["optimal-discriminator.png", "erratum-eq3.png"]),
    (2, ["criterion.png", "proposition-2.png", "figure-1.png"]),
    (3, ["samples.png", "losses.png", "training.gif", "seeds-and-variants.png"]),
    (4, ["costs.png", "early-training.png", "mode-collapse.png", "modes-over-training.png", "fooling-d.png", "dead-units.png"]),
    (5, ["toy.png", "next-frame.png", "frame-metrics.png"]),
    (6, ["samples.png", "training.gif", "nearest-neighbours.png", "distances.png", "interpolation.png", "quality.png"]),
    (7, ["classes.png", "per-class.png", "fooled.png"]),
    (8, ["pyramid.png", "sampling-chain.png", "samples.png", "cc-lapgan.png", "judged-real.png"]),
    (9, ["reconstructions.png", "sharpness.png", "latent-map.png", "faces.png", "faces-reconstructions.png"]),
    (10, ["reconstructions.png", "adding-attributes.png", "removing-attributes.png", "adding-attributes-vae.png"]),
  ]

  @Test(arguments: chapters.map(\.number))
  func quickRunMeetsItsStatedOutcomes(chapter: Int) throws {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("chapter-\(chapter)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let (status, text) = try runChapter(chapter, ["--quick", "--no-progress", "--out", output.path])
    #expect(status == 0, "chapter-\(chapter) --quick exited \(status):\n\(text)")

    let resultsFile = output.appendingPathComponent("results/chapter-\(String(format: "%02d", chapter)).json")
    let results = try ChapterResults.load(from: resultsFile)  // reads "nan", as the chapters write it
    #expect(results.mode == .quick)
    #expect(!results.claims.isEmpty)
    for claim in results.claims {
      #expect(claim.measured != nil, "\(claim.spec.id) was not measured")
      #expect(claim.matchesStatedOutcome, "\(claim.spec.id): \(claim.difference ?? "differs from its stated outcome")")
    }
    for figure in Self.chapters.first(where: { $0.number == chapter })!.figures {
      let url = output.appendingPathComponent("figures/chapter-\(String(format: "%02d", chapter))/\(figure)")
      let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
      #expect(size > 1000, "\(figure) is missing or empty")
    }
  }

  @Test func badFlagsFailWithAMessageNamingTheFlag() throws {
    let (status, text) = try runChapter(3, ["--epochs", "0"])
    #expect(status == 2)
    #expect(text.contains("--epochs"))
  }

  @Test func helpListsTheClaims() throws {
    let (status, text) = try runChapter(1, ["--help"])
    #expect(status == 0)
    #expect(text.contains("G1-logistic"))
  }

  @Test func unwritableOutputFolderFailsBeforeTraining() throws {
    let (status, text) = try runChapter(3, ["--quick", "--no-progress", "--out", "/proc/no-such-folder"])
    #expect(status == 2)
    #expect(text.contains("/proc/no-such-folder"))
  }

  @Test func weaveOnlyWithoutAFullRunSaysWhatToRun() throws {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("weave-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let (status, text) = try runChapter(2, ["--weave-only", "--out", output.path])
    #expect(status == 2)
    #expect(text.contains("make chapter-2"))
  }

  @Test func aFigureThatCannotBeSavedStopsTheRunNamingTheFileAndTheReason() throws {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("save-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    // A folder where the first figure goes: renaming a file over it fails.
    let figures = output.appendingPathComponent("figures/chapter-01")
    let blocked = figures.appendingPathComponent("optimal-discriminator.png")
    try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: blocked.appendingPathComponent("inside"))
    let (status, text) = try runChapter(1, ["--quick", "--no-progress", "--out", output.path])
    #expect(status == 1, "\(text)")
    #expect(text.contains("chapter-1: error: cannot write \(blocked.path): Is a directory"), "\(text)")
    let left = try FileManager.default.contentsOfDirectory(atPath: figures.path)
    #expect(left == ["optimal-discriminator.png"], "temporary files left behind: \(left)")
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("results/chapter-01.json").path))
  }

  /// Runs `chapter-N` with `arguments`; returns the exit status and the combined output.
  func runChapter(_ number: Int, _ arguments: [String]) throws -> (Int32, String) {
    let binary = try #require(Self.executable(named: "chapter-\(number)"),
                              "chapter-\(number) not built: run `swift build -c release` (make test does)")
    return try runProcess(binary, arguments)
  }

  /// The chapter executable beside the test bundle, or in .build/release of the working folder.
  static func executable(named name: String) -> URL? {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    let candidates = [
      testBinary.deletingLastPathComponent().appendingPathComponent(name),
      testBinary.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(name),
      URL(fileURLWithPath: ".build/release/\(name)"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }
}
