import Foundation
import Math

/// One run of a chapter, from `chapter.start()` to `run.finish()`: the parsed options, the seed,
/// the output folders, and what the run has established so far (measured claims, facts, figures).
///
///     let run = chapter.start()
///     let epochs = run.epochs(full: 300, quick: 40)
///     …
///     try run.save(figure, as: "samples.png")
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

  private let started = ContinuousClock.now
  private var measured: [String: Double] = [:]
  private var facts: [String: String] = [:]
  private var figures: [String] = []
  private var bars: [ProgressBar] = []

  /// Prepares a run: creates `<out>/figures/chapter-NN` and `<out>/results` and checks that
  /// both (and, in a full run, the folder of the chapter's README.md) can be written.
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
    Allocator.retainFreedMemory()
    try Self.prepareFolder(figuresFolder)
    try Self.prepareFolder(resultsFile.deletingLastPathComponent())
    if mode == .full, case let .source(source) = weaveTarget(epochs: options.epochs) {
      let folder = source.deletingLastPathComponent()
      guard FileManager.default.isWritableFile(atPath: folder.path) else {
        throw WorkbookError.unwritable(
          path: folder.path, reason: "the folder is not writable, so README.md cannot be woven")
      }
    }
  }

  /// `.quick` with `--quick`, otherwise `.full`.
  public var mode: RunMode { options.mode }

  /// The lines printed when the run starts: chapter number and title, mode, seed, output folder.
  public var header: String {
    var facts = ["\(mode) run", "seed \(seed)", "\(chapter.claims.count) claims"]
    if let epochs = options.epochs { facts.append("--epochs \(epochs)") }
    facts.append("output in \(options.out)")
    return "Chapter \(chapter.number) — \(chapter.title)\n" + facts.joined(separator: " · ") + "\n"
  }

  // MARK: During the run

  /// The number of epochs to train: `--epochs` when given, otherwise `full` or `quick` by mode.
  public func epochs(full: Int, quick: Int) -> Int {
    guard full > 0, quick > 0 else {
      fatalError("run.epochs(full: \(full), quick: \(quick)): both budgets must be positive")
    }
    return options.epochs ?? (mode == .quick ? quick : full)
  }

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
  /// results. `name` is a file name such as "samples.png" (no folders).
  /// - Returns: where the figure was written.
  /// - Throws: the figure's encoding error, or `WorkbookError.unwritable`.
  @discardableResult
  public func save(_ figure: some FigureFile, as name: String) throws -> URL {
    guard !name.isEmpty, !name.contains("/") else {
      fatalError(
        "run.save(_:as: \"\(name)\"): the name must be a file name such as \"samples.png\"")
    }
    let url = figuresFolder.appendingPathComponent(name)
    try AtomicFile.write(try figure.encoded(), to: url)
    let relative = "figures/\(chapter.figureFolderName)/\(name)"
    if !figures.contains(relative) { figures.append(relative) }
    return url
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

  /// What the run has established so far, judged against the claims for this mode.
  public func results(now: Date = Date()) -> ChapterResults {
    let seconds = (ContinuousClock.now - started).inSeconds
    return ChapterResults(
      chapter: chapter.number, slug: chapter.slug, title: chapter.title, mode: mode, seed: seed,
      epochs: options.epochs,
      claims: chapter.claims.map { ClaimResult(spec: $0, mode: mode, measured: measured[$0.id]) },
      facts: facts, figures: figures, run: .current(seconds: seconds, now: now))
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
    let results = results()
    print(ClaimsTable.terminal(results))
    try AtomicFile.write(try results.encoded(), to: resultsFile)
    if mode == .full {
      switch weaveTarget(epochs: results.epochs) {
      case let .source(source):
        try weave(results, from: source)
        rewriteSummary()
      case let .none(reason):
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

  /// Stops the run on `error` (a `WorkbookError.diverged`, a file that cannot be written, …):
  /// prints it on standard error, writes nothing more and exits with 1.
  public func fail(_ error: Error) -> Never {
    endProgressLines()
    StandardError.write("\(chapter.commandName): error: \(error)\n")
    exit(1)
  }

  // MARK: Files

  /// Where a full run weaves README.md from, or why it weaves none.
  enum WeaveTarget {
    /// `<out>/chapters/<slug>/main.swift`; README.md goes beside it.
    case source(URL)
    case none(reason: String)
  }

  /// A chapter's README.md links the figures of its own workbook folder and reports the
  /// chapter's own training budget, so only a run that wrote those figures with that budget
  /// weaves it: one whose output folder holds `chapters/<slug>/main.swift` (the default
  /// `--out .` in the workbook's folder) and that has no `--epochs` override. Any other full run
  /// still writes its results and figures, and leaves README.md and RESULTS.md alone.
  func weaveTarget(epochs: Int?) -> WeaveTarget {
    if let epochs {
      return .none(reason: "--epochs \(epochs) changes the chapter's budget, and README.md reports the chapter's own")
    }
    let source = outputFolder.appendingPathComponent("chapters").appendingPathComponent(chapter.slug)
      .appendingPathComponent("main.swift")
    guard FileManager.default.fileExists(atPath: source.path) else {
      return .none(reason: "\(options.out) is not a workbook folder (no chapters/\(chapter.slug)/main.swift in it), and README.md links the figures of its own folder")
    }
    return .source(source)
  }

  /// Re-weaves README.md from main.swift and the last full run's results file, running nothing.
  /// - Throws: `WorkbookError.badData` when there is no full run's results file to weave from.
  public func weaveFromLastFullRun() throws {
    let results: ChapterResults
    do { results = try ChapterResults.load(from: resultsFile) } catch {
      throw WorkbookError.badData(path: resultsFile.path, reason: "no results of a full run to weave from; run `make chapter-\(chapter.number)` first (\(error))")
    }
    guard results.mode == .full else {
      throw WorkbookError.badData(path: resultsFile.path, reason: "holds a --quick run; weaving needs a full run's results")
    }
    switch weaveTarget(epochs: results.epochs) {
    case let .source(source):
      try weave(results, from: source)
      rewriteSummary()
    case let .none(reason):
      throw WorkbookError.badData(path: resultsFile.path, reason: "cannot be woven: \(reason)")
    }
  }

  /// Rewrites RESULTS.md from every full run's results file; a failure is only a warning.
  private func rewriteSummary() {
    let summary = outputFolder.appendingPathComponent("RESULTS.md")
    do {
      try Ledger.writeSummary(resultsFolder: resultsFile.deletingLastPathComponent(), to: summary)
    } catch {
      StandardError.write("\(chapter.commandName): warning: RESULTS.md not rewritten: \(error)\n")
    }
  }

  private func weave(_ results: ChapterResults, from source: URL) throws {
    let text: String
    do { text = try String(contentsOf: source, encoding: .utf8) } catch {
      throw WorkbookError.badData(
        path: source.path, reason: "cannot read the chapter's source (\(error))")
    }
    for placeholder in Weaver.unresolvedPlaceholders(source: text, results: results) {
      StandardError.write(
        "\(chapter.commandName): warning: \(placeholder) in main.swift has no value in this run\n")
    }
    let readme = source.deletingLastPathComponent().appendingPathComponent("README.md")
    try AtomicFile.write(Weaver.weave(source: text, results: results), to: readme)
    print("woven: \(readme.path)")
  }

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
