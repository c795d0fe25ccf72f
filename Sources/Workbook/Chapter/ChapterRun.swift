import Foundation
import Math

/// One run of a chapter, from `chapter.start()` to `run.finish()`. The run owns everything
/// around the chapter's idea: the process set-up (OpenBLAS threads), the seed and the named
/// random streams drawn from it, the budget of a full or `--quick` run, the trainings that go
/// side by side, saving figures, and what the run has established (measured claims, facts,
/// figures). Every call that can fail stops the run with a message naming what went wrong, so
/// a chapter never needs `do`/`catch`.
///
///     let run = chapter.start()
///     let epochs = run.epochs(full: 300, quick: 40)
///     let seeds = run.budget(full: [1, 2, 3, 4, 5], quick: [1, 2])
///     var evaluation = run.generator("evaluation")
///     …
///     run.save(figure, as: "samples.png")
///     run.record("RP-err", meanError)
///     run.note("steps", steps)
///     run.finish()
///
/// A reference type because a run has identity: every call adds to the same record.
public final class ChapterRun {
  public let chapter: Chapter
  public let options: ChapterOptions
  /// The seed for every random generator of the run: `--seed`, or the chapter's default.
  public let seed: UInt64
  /// The folder given with `--out`.
  public let outputFolder: URL
  /// `<out>/figures/chapter-NN`, created by `init`.
  public let figuresFolder: URL
  /// `<out>/results/chapter-NN.json`; its folder is created by `init`.
  public let resultsFile: URL
  /// The warnings printed so far (an unresolved placeholder, an `--epochs` that changed
  /// nothing), without the "chapter-N: warning: " in front.
  public private(set) var warnings: [String] = []

  private let started = ContinuousClock.now
  private var measured: [String: Double] = [:]
  private var facts: [String: String] = [:]
  private var figures: [String] = []
  private var bars: [ProgressBar] = []
  /// Whether the chapter asked for an epoch budget, which `--epochs` overrides.
  private var hasEpochBudget = false
  /// Whether the chapter handed samples to `exportSamples`, which `--export-samples` writes.
  private var hasExportedSamples = false

  /// OpenBLAS threads in every chapter run: one. The workbook's matrices are small (at most a
  /// few hundred rows and columns), where handing a product to a second thread costs more than
  /// it saves; and a chapter that trains several models runs them side by side, one per core
  /// (`inParallel`), where BLAS threads of their own would only compete for the same cores.
  public static let blasThreads = 1

  /// Prepares a run: sets up the process (`blasThreads` OpenBLAS threads; freed memory kept for
  /// reuse), creates `<out>/figures/chapter-NN` and `<out>/results` and checks that both (and,
  /// in a full run, the folder of the chapter's README.md) can be written; with
  /// `--export-samples PATH`, creates PATH's folder and checks it too, so that a bad path stops
  /// the run before any training rather than after it.
  /// - Throws: `WorkbookError.unwritable` ("cannot write <path>: <reason>").
  public init(chapter: Chapter, options: ChapterOptions) throws {
    self.chapter = chapter
    self.options = options
    seed = options.seed ?? chapter.defaultSeed
    outputFolder = URL(fileURLWithPath: options.out, isDirectory: true)
    figuresFolder = outputFolder.appendingPathComponent("figures").appendingPathComponent(
      chapter.figureFolderName)
    resultsFile = outputFolder.appendingPathComponent("results")
      .appendingPathComponent(ChapterResults.fileName(chapter: chapter.number))
    BLAS.setThreadCount(Self.blasThreads)
    Allocator.retainFreedMemory()
    try Self.prepareFolder(figuresFolder)
    try Self.prepareFolder(resultsFile.deletingLastPathComponent())
    if let path = options.exportSamples { try Self.prepareExport(to: path) }
    if mode == .full, case .source(let source) = weaveTarget(epochs: options.epochs) {
      let folder = source.deletingLastPathComponent()
      guard FileManager.default.isWritableFile(atPath: folder.path) else {
        throw WorkbookError.unwritable(
          path: folder.path, reason: "the folder is not writable, so README.md cannot be woven")
      }
    }
  }

  /// `.quick` with `--quick`, otherwise `.full`. A chapter picks its budgets with `epochs` and
  /// `budget`, not by reading the mode.
  public var mode: RunMode { options.mode }

  /// The lines printed when the run starts: chapter number and title, mode, seed, output folder.
  public var header: String {
    var facts = ["\(mode) run", "seed \(seed)", "\(chapter.claims.count) claims"]
    if let epochs = options.epochs { facts.append("--epochs \(epochs)") }
    facts.append("output in \(options.out)")
    return "Chapter \(chapter.number) — \(chapter.title)\n" + facts.joined(separator: " · ") + "\n"
  }

  // MARK: Budgets

  /// An epoch budget, the length of a training in passes over its data: `--epochs` when given,
  /// otherwise `full` or `quick` by mode. Both must be positive.
  public func epochs(full: Int, quick: Int) -> Int {
    guard full > 0, quick > 0 else {
      fatalError("run.epochs(full: \(full), quick: \(quick)): both budgets must be positive")
    }
    hasEpochBudget = true
    return options.epochs ?? budget(full: full, quick: quick)
  }

  /// Any other budget (a sample size, a list of seeds, a number of steps): `full` in a full
  /// run, `quick` with `--quick`. `--epochs` does not change it: it overrides epoch budgets
  /// only (`epochs(full:quick:)`), and a run given `--epochs` that asks for none warns that
  /// the flag changed nothing.
  ///
  ///     let seeds: [UInt64] = run.budget(full: [1, 2, 3, 4, 5], quick: [1, 2])
  public func budget<Value>(full: Value, quick: Value) -> Value {
    mode == .quick ? quick : full
  }

  // MARK: Random streams

  /// The run's random stream called `name`: `SeededGenerator(seed: run.seed, stream: name)`,
  /// determined by the seed and the name alone. The same name gives the same stream again
  /// (a figure can replay the exact draws of a measurement); a different name, an unrelated
  /// one. A sweep takes a family of names, one per job, such as `"sweep/\(variant)/\(seed)"`;
  /// make each job's generator here, on the main thread, and hand it to the job
  /// (`inParallel`), so no job's draws depend on another's or on scheduling.
  public func generator(_ name: String) -> SeededGenerator {
    SeededGenerator(seed: seed, stream: name)
  }

  // MARK: During the run

  /// A progress bar for `total` steps counted in `unit`, drawn on standard error as
  /// `--progress`/`--no-progress` or the terminal decide.
  public func progress(_ label: String, total: Int, unit: String = "steps") -> ProgressBar {
    let bar = ProgressBar(
      label: label, total: total, unit: unit,
      enabled: ProgressBar.shouldDraw(
        requested: options.progress, isTerminal: StandardError.isTerminal))
    bars.append(bar)
    return bar
  }

  /// Writes `figure` atomically to `<out>/figures/chapter-NN/<name>` and lists it in the
  /// results. `name` is a file name such as "samples.png" (no folders). A figure that cannot
  /// be drawn or written stops the run (`fail`) with a message naming the file and the reason;
  /// the file is then left as it was (never half written).
  /// - Returns: where the figure was written.
  @discardableResult
  public func save(_ figure: some FigureFile, as name: String) -> URL {
    do { return try write(figure, as: name) } catch { fail(error) }
  }

  /// `save(_:as:)`, throwing instead of stopping the run.
  /// - Throws: `WorkbookError.unwritable` naming the file, with the figure's encoding error or
  ///   the reason it cannot be written.
  func write(_ figure: some FigureFile, as name: String) throws -> URL {
    guard !name.isEmpty, !name.contains("/") else {
      fatalError(
        "run.save(_:as: \"\(name)\"): the name must be a file name such as \"samples.png\"")
    }
    let url = figuresFolder.appendingPathComponent(name)
    let data: Data
    do { data = try figure.encoded() } catch {
      throw WorkbookError.unwritable(path: url.path, reason: "the figure cannot be drawn: \(error)")
    }
    try AtomicFile.write(data, to: url)
    let relative = "figures/\(chapter.figureFolderName)/\(name)"
    if !figures.contains(relative) { figures.append(relative) }
    return url
  }

  /// Writes `images`, the chapter's generated samples (a generator's tanh output, `[N, 1, H, W]`,
  /// `[N, H, W]` or `[N, 784]`), as IDX files when the run was given `--export-samples PATH`, and
  /// does nothing otherwise; see `SampleExport.write(images:labels:to:)`. `labels`, the class a
  /// conditional model was asked for with each image (0...255, one per image), go beside them at
  /// `SampleExport.labelsPath(for: PATH)`. A second call replaces the files of the first. A file
  /// that cannot be written stops the run (`fail`), naming it.
  ///
  /// Every image chapter calls this once with the samples its figure shows. A chapter that never
  /// calls it (one without image samples) ignores `--export-samples`: `finish()` then warns
  /// "--export-samples: chapter N has no image samples; nothing written". A chapter with two
  /// kinds of samples (unconditional and class-conditional) names the second a `variant`, which
  /// goes to `SampleExport.variantPath(for: PATH, variant:)`.
  public func exportSamples(_ images: Tensor, labels: [Int]? = nil, variant: String? = nil) {
    guard let given = options.exportSamples else { return }
    let path = variant.map { SampleExport.variantPath(for: given, variant: $0) } ?? given
    do {
      try SampleExport.write(images: images, labels: labels, to: path)
    } catch {
      fail(Attempt(what: "--export-samples", error: error))
    }
    hasExportedSamples = true
    let dimensions = IDX.describe(SampleExport.dimensions(ofImages: images.shape))
    print(
      "samples: \(path) (idx3, \(dimensions))"
        + (labels.map { " and \(SampleExport.labelsPath(for: path)) (idx1, \($0.count))" } ?? ""))
  }

  /// Records the measured value of claim `id`; a second record of the same claim replaces the
  /// first. An id the chapter did not declare stops the program, naming the declared ids.
  public func record(_ id: String, _ value: Double) {
    guard chapter.claims.contains(where: { $0.id == id }) else {
      let known = chapter.claims.map { "\"\($0.id)\"" }.joined(separator: ", ")
      fatalError(
        "run.record(\"\(id)\", …): chapter \(chapter.number) declares no claim \"\(id)\"; "
          + "its claims are \(known.isEmpty ? "none" : known)")
    }
    measured[id] = value
  }

  /// Records a named fact for the prose, woven in place of `{{fact:NAME}}`.
  public func note(_ name: String, _ value: String) { facts[name] = value }

  /// Records a whole-number fact.
  public func note(_ name: String, _ value: Int) { facts[name] = String(value) }

  /// Records a measured fact, written to 4 significant digits.
  public func note(_ name: String, _ value: Double) { facts[name] = NumberText.compact(value) }

  // MARK: Finishing

  /// What the run has established so far, judged against the claims for this mode. The
  /// reasons of claims stated as not reproduced have their `{{value:ID}}` and `{{fact:NAME}}`
  /// filled from the run, like the prose.
  public func results(now: Date = Date()) -> ChapterResults {
    results(now: now) { _, _ in }
  }

  /// `results(now:)`, telling `unresolved` of each placeholder in a stated reason (with the
  /// claim's id) that the run has no value for.
  private func results(now: Date, unresolved: (String, Placeholder) -> Void) -> ChapterResults {
    let seconds = (ContinuousClock.now - started).inSeconds
    let results = ChapterResults(
      chapter: chapter.number, slug: chapter.slug, title: chapter.title, mode: mode, seed: seed,
      epochs: options.epochs,
      claims: chapter.claims.map { ClaimResult(spec: $0, mode: mode, measured: measured[$0.id]) },
      facts: facts, figures: figures,
      run: .current(seconds: seconds, blasThreads: Self.blasThreads, now: now))
    return results.fillingStatedReasons(
      missing: Weaver.notYetMeasured(chapter: chapter.number), unresolved: unresolved)
  }

  /// Each claim whose verdict differs from its stated outcome, naming it and by how much; an
  /// unrecorded claim is a difference.
  public static func differences(in results: ChapterResults) -> [String] {
    results.claims.compactMap(\.difference)
  }

  /// 0 when every claim is as stated, 1 otherwise.
  public static func exitCode(for results: ChapterResults) -> Int32 {
    differences(in: results).isEmpty ? 0 : 1
  }

  /// Everything `finish()` does except exiting: prints the claims table, writes the results
  /// file and, in a full run, weaves README.md and rewrites RESULTS.md; prints the differences
  /// on standard error.
  /// - Returns: the exit code, `exitCode(for:)` of the results.
  /// - Throws: when the results file or README.md cannot be written.
  public func complete() throws -> Int32 {
    endProgressLines()
    let results = results(now: Date()) { id, placeholder in
      warn("\(placeholder.text) in the stated outcome of \(id) has no value in this run")
    }
    if let epochs = options.epochs, !hasEpochBudget {
      warn(
        "--epochs \(epochs) changed nothing: this chapter has no epoch budget (its step counts, sample sizes and seeds keep their \(mode)-run values)"
      )
    }
    if options.exportSamples != nil, !hasExportedSamples {
      warn("--export-samples: chapter \(chapter.number) has no image samples; nothing written")
    }
    print(ClaimsTable.terminal(results))
    try AtomicFile.write(try results.encoded(), to: resultsFile)
    if mode == .full {
      switch weaveTarget(epochs: results.epochs) {
      case .source(let source):
        try weave(results, from: source)
        rewriteSummary()
      case .none(let reason):
        print("README.md and RESULTS.md not rewritten: \(reason)")
      }
    }
    print("\(results.claimsAsStated) of \(results.claims.count) claims as stated")
    print("results: \(display(resultsFile))")
    for difference in Self.differences(in: results) {
      StandardError.write("\(chapter.commandName): \(difference)\n")
    }
    return Self.exitCode(for: results)
  }

  /// Completes the run (see `complete()`) and exits: 0 when every claim is as stated, 1 when
  /// any differs or a file cannot be written.
  public func finish() -> Never {
    do {
      exit(try complete())
    } catch {
      fail(error)
    }
  }

  /// Stops the run on `error` (a `TrainingDiverged` from Lessons, a file that cannot be written, …):
  /// prints it on standard error, writes nothing more and exits with 1.
  public func fail(_ error: Error) -> Never {
    endProgressLines()
    StandardError.write("\(chapter.commandName): error: \(error)\n")
    exit(1)
  }

  /// The value of `body`, which may throw (a training that diverges, a data set that cannot be
  /// drawn); an error stops the run (`fail`), naming `what` and the error:
  ///
  ///     let gan = run.attempt("the recipe") { try recipe.train(on: data, epochs: epochs, using: &rng) }
  ///     // chapter-3: error: the recipe: the discriminator's loss is not finite at step 1200
  public func attempt<Value>(_ what: String, _ body: () throws -> Value) -> Value {
    do { return try body() } catch { fail(Attempt(what: what, error: error)) }
  }

  /// Prints `message` on standard error as a warning and keeps it in `warnings`.
  func warn(_ message: String) {
    warnings.append(message)
    StandardError.write("\(chapter.commandName): warning: \(message)\n")
  }

  // MARK: Files

  /// Creates `folder` with its missing parents and checks that a file can be created in it.
  private static func prepareFolder(_ folder: URL) throws {
    var path = ""
    for component in folder.standardizedFileURL.pathComponents {
      path = component == "/" ? "/" : (path.hasSuffix("/") ? path : path + "/") + component
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
        guard isFolder.boolValue else {
          throw WorkbookError.unwritable(
            path: folder.path, reason: "\(path) is a file, not a folder")
        }
      } else if mkdir(path, 0o755) != 0 && errno != EEXIST {
        throw WorkbookError.unwritable(
          path: folder.path, reason: "cannot create \(path) (\(String(cString: strerror(errno))))")
      }
    }
    let probe = folder.appendingPathComponent(".write-check-\(getpid())")
    guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else {
      throw WorkbookError.unwritable(
        path: folder.path,
        reason: "cannot create a file in it (\(String(cString: strerror(errno))))")
    }
    try? FileManager.default.removeItem(at: probe)
  }

  /// Creates the folder of the `--export-samples` file and checks that a file can be created in
  /// it, and that `path` itself is not a folder.
  /// - Throws: `WorkbookError.unwritable` naming `path` and the flag.
  private static func prepareExport(to path: String) throws {
    let file = URL(fileURLWithPath: path)
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), isFolder.boolValue
    {
      throw WorkbookError.unwritable(
        path: path,
        reason: "it is a folder; --export-samples expects a file name, such as samples.idx.gz")
    }
    do {
      try prepareFolder(file.deletingLastPathComponent())
    } catch WorkbookError.unwritable(let folder, let reason) {
      throw WorkbookError.unwritable(
        path: path, reason: "its folder \(folder): \(reason) (--export-samples)")
    }
  }

  private func display(_ url: URL) -> String {
    let base = outputFolder.standardizedFileURL.path
    let path = url.standardizedFileURL.path
    guard path.hasPrefix(base + "/") else { return path }
    let relative = String(path.dropFirst(base.count + 1))
    return options.out == "."
      ? relative : (options.out.hasSuffix("/") ? options.out : options.out + "/") + relative
  }

  private func endProgressLines() {
    if bars.contains(where: \.isMidLine) { StandardError.write("\n") }
    for bar in bars { bar.finishSilently() }
  }
}

/// An error of `ChapterRun.attempt` or `inParallel`, under the name of what was attempted.
struct Attempt: Error, CustomStringConvertible {
  let what: String
  let error: Error
  var description: String { "\(what): \(error)" }
}
