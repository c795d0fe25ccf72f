import Foundation
import Math
import Testing
import Workbook

/// A figure whose file is a few fixed bytes.
struct BytesFigure: FigureFile {
  var bytes: [UInt8]
  func encoded() throws -> Data { Data(bytes) }
}

/// A chapter 99 living in a fresh temporary folder with its own main.swift.
struct Sandbox {
  let folder: URL
  let chapter: Chapter

  init(claims: [ClaimSpec] = [sineClaim, noiseClaim]) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chapter-run-tests-\(UUID().uuidString)")
    let source = folder.appendingPathComponent("chapters/99-test/main.swift")
    try AtomicFile.write(
      "//: # Chapter 99\n//: Error {{value:RP-err}} after {{fact:steps}} steps.\nlet a = 1\n",
      to: source)
    chapter = Chapter(number: 99, slug: "99-test", title: "Test", claims: claims)
  }

  func run(_ arguments: [String] = []) throws -> ChapterRun {
    try ChapterRun(
      chapter: chapter, options: try chapter.parse(arguments: ["--out", folder.path] + arguments))
  }

  func text(_ path: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
  }

  func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path)
  }
}

@Suite("A chapter run")
struct ChapterRunTests {
  @Test(
    "a claim whose verdict differs from its stated outcome gives exit code 1, naming it and by how much"
  )
  func differsFromStated() {
    let results = sampleResults(claims: [
      ClaimResult(spec: sineClaim, mode: .full, measured: 0.3),
      ClaimResult(spec: noiseClaim, mode: .full, measured: 0.31),
    ])
    let differences = ChapterRun.differences(in: results)
    #expect(ChapterRun.exitCode(for: results) == 1)
    #expect(
      differences == ["RP-err: stated reproduced, but measured 0.3 is not < 0.1 (misses by 0.2)"])
  }

  @Test("a claim stated as not reproduced that now holds is also a difference")
  func unexpectedlyReproduced() {
    let results = sampleResults(claims: [ClaimResult(spec: noiseClaim, mode: .full, measured: 0.05)]
    )
    #expect(ChapterRun.exitCode(for: results) == 1)
    #expect(
      ChapterRun.differences(in: results).first?.hasPrefix(
        "NP: stated not reproduced, but measured 0.05 is < 0.1") == true)
  }

  @Test("every claim as stated gives exit code 0, including one stated as not reproduced")
  func allAsStated() {
    let results = sampleResults(claims: [
      ClaimResult(spec: sineClaim, mode: .full, measured: 0.043),
      ClaimResult(spec: noiseClaim, mode: .full, measured: 0.31),
    ])
    #expect(ChapterRun.differences(in: results).isEmpty)
    #expect(ChapterRun.exitCode(for: results) == 0)
  }

  @Test("a claim never recorded is a difference")
  func unrecordedIsADifference() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run(["--no-progress"])
    run.record("RP-err", 0.01)
    let results = run.results()
    #expect(ChapterRun.exitCode(for: results) == 1)
    #expect(ChapterRun.differences(in: results).count == 1)
    #expect(ChapterRun.differences(in: results).first?.hasPrefix("NP: never recorded") == true)
  }

  @Test("a full run writes the results, its figures, README.md beside main.swift and RESULTS.md")
  func fullRun() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run(["--seed", "5"])
    #expect(run.seed == 5)
    #expect(run.mode == .full)
    #expect(run.epochs(full: 300, quick: 40) == 300)
    #expect(run.header.hasPrefix("Chapter 99 — Test\nfull run · seed 5"))
    let written = run.save(BytesFigure(bytes: [1, 2, 3]), as: "samples.png")
    #expect(written.path.hasSuffix("figures/chapter-99/samples.png"))
    run.record("RP-err", 0.5)
    run.record("RP-err", 0.043)
    run.record("NP", 0.31)
    run.note("steps", 9600)
    run.note("rate", 0.123456)
    #expect(try run.complete() == 0)

    let results = try ChapterResults.load(from: run.resultsFile)
    #expect(run.resultsFile.path.hasSuffix("results/chapter-99.json"))
    #expect(results.seed == 5)
    #expect(results.claims.map(\.measured) == [0.043, 0.31])
    #expect(results.facts == ["steps": "9600", "rate": "0.1235"])
    #expect(results.figures == ["figures/chapter-99/samples.png"])
    #expect(try Data(contentsOf: written) == Data([1, 2, 3]))
    let readme = try sandbox.text("chapters/99-test/README.md")
    #expect(readme.contains("Error 0.043 after 9600 steps."))
    #expect(readme.contains("## Claims"))
    #expect(try sandbox.text("RESULTS.md").contains("## Chapter 99 — Test"))
  }

  @Test("a --quick run uses the quick budget and tolerances and weaves nothing")
  func quickRun() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run(["--quick"])
    #expect(run.epochs(full: 300, quick: 40) == 40)
    run.record("RP-err", 0.2)
    run.record("NP", 0.31)
    #expect(try run.complete() == 0)
    #expect(try ChapterResults.load(from: run.resultsFile).mode == .quick)
    #expect(!sandbox.exists("chapters/99-test/README.md"))
    #expect(!sandbox.exists("RESULTS.md"))
  }

  @Test("a full run with --epochs writes its results and leaves README.md and RESULTS.md alone")
  func epochsRunWeavesNothing() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run(["--epochs", "7"])
    run.record("RP-err", 0.043)
    run.record("NP", 0.31)
    #expect(try run.complete() == 0)
    #expect(try ChapterResults.load(from: run.resultsFile).epochs == 7)
    #expect(!sandbox.exists("chapters/99-test/README.md"))
    #expect(!sandbox.exists("RESULTS.md"))
    // --weave-only will not weave those results either, and says why.
    #expect {
      try sandbox.run(["--weave-only"]).weaveFromLastFullRun()
    } throws: { error in
      "\(error)".contains("--epochs 7 changes the chapter's budget")
    }
  }

  @Test("--weave-only restates the last full run's claims as main.swift states them now")
  func weaveOnlyRestatesEditedOutcomes() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run()
    run.note("steps", 300)
    run.record("RP-err", 0.3)  // misses its bar: stated reproduced, so not as stated
    run.record("NP", 0.31)
    #expect(try run.complete() == 1)
    // The author edits the stated outcome of RP-err, with a reason that quotes the run.
    var edited = sineClaim
    edited.outcome = .notReproduced(because: "after {{fact:steps}} steps the error is {{value:RP-err}}")
    let rewritten = Chapter(number: 99, slug: "99-test", title: "Test", claims: [edited, noiseClaim])
    let weaveOnly = try ChapterRun(
      chapter: rewritten, options: try rewritten.parse(arguments: ["--out", sandbox.folder.path, "--weave-only"]))
    try weaveOnly.weaveFromLastFullRun()
    let restated = try ChapterResults.load(from: weaveOnly.resultsFile)
    #expect(restated.claims.map(\.measured) == [0.3, 0.31], "the measurements are the run's")
    #expect(restated.claims[0].spec.outcome == .notReproduced(because: "after 300 steps the error is 0.3"))
    #expect(restated.claimsAsStated == 2)
    #expect(try !sandbox.text("RESULTS.md").contains("✗"), "RESULTS.md has every claim as stated")
    // A chapter that now declares other claims, or measures one differently, needs a new run.
    let fewer = Chapter(number: 99, slug: "99-test", title: "Test", claims: [edited])
    #expect {
      try ChapterRun(chapter: fewer, options: try fewer.parse(arguments: ["--out", sandbox.folder.path, "--weave-only"]))
        .weaveFromLastFullRun()
    } throws: { "\($0)".contains("now declares RP-err; run `make chapter-99`") }
    var stricter = edited
    stricter.expected = .below(0.01)
    let changed = Chapter(number: 99, slug: "99-test", title: "Test", claims: [stricter, noiseClaim])
    #expect {
      try ChapterRun(chapter: changed, options: try changed.parse(arguments: ["--out", sandbox.folder.path, "--weave-only"]))
        .weaveFromLastFullRun()
    } throws: { "\($0)".contains("claim RP-err now measures or expects something else") }
  }

  @Test("a full run into a folder that is not the workbook's weaves no README.md")
  func fullRunElsewhereWeavesNothing() throws {
    let sandbox = try Sandbox()
    let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("elsewhere-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: sandbox.folder)
      try? FileManager.default.removeItem(at: elsewhere)
    }
    let run = try ChapterRun(chapter: sandbox.chapter, options: try sandbox.chapter.parse(arguments: ["--out", elsewhere.path]))
    run.record("RP-err", 0.043)
    run.record("NP", 0.31)
    #expect(try run.complete() == 0)
    #expect(FileManager.default.fileExists(atPath: run.resultsFile.path))
    #expect(!sandbox.exists("chapters/99-test/README.md"))
    #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("RESULTS.md").path))
  }

  @Test("--epochs overrides both budgets")
  func epochsOverride() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    #expect(try sandbox.run(["--epochs", "7"]).epochs(full: 300, quick: 40) == 7)
    #expect(try sandbox.run(["--epochs", "7", "--quick"]).epochs(full: 300, quick: 40) == 7)
  }

  @Test("an output folder that cannot be written is an error naming it, before any training")
  func unwritableOutput() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let file = sandbox.folder.appendingPathComponent("a-file")
    try AtomicFile.write("x", to: file)
    let options = try sandbox.chapter.parse(arguments: [
      "--out", file.appendingPathComponent("out").path,
    ])
    #expect {
      try ChapterRun(chapter: sandbox.chapter, options: options)
    } throws: { error in
      let message = "\(error)"
      return message.hasPrefix("cannot write \(file.path)/out/figures/chapter-99: ")
        && message.contains("\(file.path) is a file, not a folder")
    }
  }

  @Test("progress bars follow --progress and --no-progress")
  func progressFlags() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    #expect(try sandbox.run(["--progress"]).progress("training", total: 10).isEnabled)
    #expect(try !sandbox.run(["--no-progress"]).progress("training", total: 10).isEnabled)
  }

  @Test("budget(full:quick:) picks by mode, and --epochs leaves it alone")
  func budgets() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    #expect(try sandbox.run().budget(full: [1, 2, 3], quick: [1]) == [1, 2, 3])
    #expect(try sandbox.run(["--quick"]).budget(full: [1, 2, 3], quick: [1]) == [1])
    #expect(try sandbox.run(["--epochs", "7"]).budget(full: 16_000, quick: 3_000) == 16_000)
    #expect(try sandbox.run(["--epochs", "7", "--quick"]).budget(full: 16_000, quick: 3_000) == 3_000)
  }

  @Test("--epochs in a run that asks for no epoch budget is a warning that it changed nothing")
  func unusedEpochs() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let stepsOnly = try sandbox.run(["--epochs", "7", "--no-progress"])
    _ = stepsOnly.budget(full: 16_000, quick: 3_000)
    stepsOnly.record("RP-err", 0.043)
    stepsOnly.record("NP", 0.31)
    #expect(try stepsOnly.complete() == 0)
    #expect(stepsOnly.warnings.contains { $0.hasPrefix("--epochs 7 changed nothing") })

    let epochs = try sandbox.run(["--epochs", "7", "--no-progress"])
    #expect(epochs.epochs(full: 300, quick: 40) == 7)
    epochs.record("RP-err", 0.043)
    epochs.record("NP", 0.31)
    #expect(try epochs.complete() == 0)
    #expect(epochs.warnings.isEmpty)
  }

  @Test("run.generator(name) is the stream of that name of the run's seed")
  func namedGenerator() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run(["--seed", "77"])
    var fromRun = run.generator("evaluation")
    var direct = SeededGenerator(seed: 77, stream: "evaluation")
    #expect(fromRun.next() == direct.next())
    var again = run.generator("evaluation")
    var other = run.generator("sweep/0/1")
    let first = again.next()
    #expect(first == SeededGenerator(seed: 77, stream: "evaluation").copyNext())
    #expect(other.next() != first)
  }

  @Test("the results record the OpenBLAS threads the run set")
  func blasThreads() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    #expect(try sandbox.run().results().run.blasThreads == String(ChapterRun.blasThreads))
    #expect(ChapterRun.blasThreads == 1)
  }

  @Test("a stated reason's values are filled from the run, in the results file and README.md; a missing one is a warning")
  func reasonPlaceholders() throws {
    let quoting = ClaimSpec(
      id: "NP", statement: "Noise priors have limited impact", source: "Lecture 6",
      quantity: "error spread", expected: .below(0.1),
      outcome: .notReproduced(because: "median {{value:NP}} over {{fact:seeds}} seeds; {{fact:none}}"))
    let sandbox = try Sandbox(claims: [sineClaim, quoting])
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run(["--no-progress"])
    run.record("RP-err", 0.043)
    run.record("NP", 0.3125)
    run.note("seeds", 5)
    run.note("steps", 9600)
    #expect(try run.complete() == 0)
    let filled = "median 0.3125 over 5 seeds; (not yet measured: run `make chapter-99`)"
    let saved = try ChapterResults.load(from: run.resultsFile)
    #expect(saved.claims[1].spec.outcome == .notReproduced(because: filled))
    #expect(try sandbox.text("results/chapter-99.json").contains(filled))
    #expect(try sandbox.text("chapters/99-test/README.md").contains("- **NP** is stated as not reproduced: \(filled)"))
    #expect(run.warnings == ["{{fact:none}} in the stated outcome of NP has no value in this run"])
    #expect(Chapter(number: 99, slug: "99-test", title: "Test", claims: [quoting]).helpPage()
      .contains("because median ‹NP› over ‹seeds› seeds"))
  }

  @Test("run.attempt gives the value of what it runs, which may change the caller's state")
  func attempt() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run()
    var rng = run.generator("data")
    let draws = run.attempt("drawing") { () throws -> [UInt64] in (0..<3).map { _ in rng.next() } }
    var replay = run.generator("data")
    #expect(draws == (0..<3).map { _ in replay.next() })
    #expect(rng.next() == replay.next())
  }

  @Test("a figure saved twice is listed once and holds the last bytes")
  func saveTwice() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run()
    run.save(BytesFigure(bytes: [1]), as: "a.png")
    let url = run.save(BytesFigure(bytes: [2, 3]), as: "a.png")
    #expect(run.results().figures == ["figures/chapter-99/a.png"])
    #expect(try Data(contentsOf: url) == Data([2, 3]))
  }
}

extension SeededGenerator {
  /// The next number of a copy, leaving this generator as it is.
  fileprivate func copyNext() -> UInt64 {
    var copy = self
    return copy.next()
  }
}
