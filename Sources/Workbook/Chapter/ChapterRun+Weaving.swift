import Foundation

/// Weaving a chapter's page and the workbook's RESULTS.md at the end of a full run, or from the
/// last full run's results with `--weave-only`.
extension ChapterRun {
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
      return .none(
        reason:
          "--epochs \(epochs) changes the chapter's budget, and README.md reports the chapter's own"
      )
    }
    let source = outputFolder.appendingPathComponent("chapters").appendingPathComponent(
      chapter.slug
    )
    .appendingPathComponent("main.swift")
    guard FileManager.default.fileExists(atPath: source.path) else {
      return .none(
        reason:
          "\(options.out) is not a workbook folder (no chapters/\(chapter.slug)/main.swift in it), and README.md links the figures of its own folder"
      )
    }
    return .source(source)
  }

  /// Re-weaves README.md from main.swift and the last full run's results file, running nothing.
  /// - Throws: `WorkbookError.badData` when there is no full run's results file to weave from.
  public func weaveFromLastFullRun() throws {
    let results: ChapterResults
    do { results = try ChapterResults.load(from: resultsFile) } catch {
      throw WorkbookError.badData(
        path: resultsFile.path,
        reason:
          "no results of a full run to weave from; run `make chapter-\(chapter.number)` first (\(error))"
      )
    }
    guard results.mode == .full else {
      throw WorkbookError.badData(
        path: resultsFile.path, reason: "holds a --quick run; weaving needs a full run's results")
    }
    switch weaveTarget(epochs: results.epochs) {
    case .source(let source):
      let restated = try restating(results)
      if restated != results { try AtomicFile.write(try restated.encoded(), to: resultsFile) }
      try weave(restated, from: source)
      rewriteSummary()
    case .none(let reason):
      throw WorkbookError.badData(path: resultsFile.path, reason: "cannot be woven: \(reason)")
    }
  }

  /// The last full run's measurements judged against the claims as main.swift states them now:
  /// a stated outcome or its reason edited after the run (a claim found not reproduced, and
  /// why) reaches the page, the results file and RESULTS.md without running the chapter again.
  /// Every claim keeps the value it measured; the reasons are filled from the run's facts.
  /// - Throws: `WorkbookError.badData` when the chapter now declares other claims (ids or order)
  ///   than the run measured, or when what a claim measures or expects has changed: that needs
  ///   a new run.
  func restating(_ results: ChapterResults) throws -> ChapterResults {
    let (now, then) = (chapter.claims.map(\.id), results.claims.map(\.spec.id))
    guard now == then else {
      throw WorkbookError.badData(
        path: resultsFile.path,
        reason: "the run measured the claims \(then.joined(separator: ", ")), and chapter \(chapter.number) now declares \(now.joined(separator: ", ")); run `make chapter-\(chapter.number)`")
    }
    for (spec, result) in zip(chapter.claims, results.claims)
    where spec.quantity != result.spec.quantity || spec.expected != result.spec.expected {
      throw WorkbookError.badData(
        path: resultsFile.path,
        reason: "claim \(spec.id) now measures or expects something else than the run did; run `make chapter-\(chapter.number)`")
    }
    var restated = results
    for index in restated.claims.indices { restated.claims[index].spec = chapter.claims[index] }
    return restated.fillingStatedReasons(missing: Weaver.notYetMeasured(chapter: chapter.number)) { id, placeholder in
      warn("\(placeholder.text) in the stated outcome of \(id) has no value in the last full run")
    }
  }

  /// Rewrites RESULTS.md from every full run's results file; a failure is only a warning.
  func rewriteSummary() {
    let summary = outputFolder.appendingPathComponent("RESULTS.md")
    do {
      try Ledger.writeSummary(resultsFolder: resultsFile.deletingLastPathComponent(), to: summary)
    } catch {
      warn("RESULTS.md not rewritten: \(error)")
    }
  }

  func weave(_ results: ChapterResults, from source: URL) throws {
    let text: String
    do { text = try String(contentsOf: source, encoding: .utf8) } catch {
      throw WorkbookError.badData(
        path: source.path, reason: "cannot read the chapter's source (\(error))")
    }
    for placeholder in Weaver.unresolvedPlaceholders(source: text, results: results) {
      warn("\(placeholder) in main.swift has no value in this run")
    }
    let folder = source.deletingLastPathComponent()
    let packageRoot = folder.deletingLastPathComponent().deletingLastPathComponent()
    let page: String
    do {
      page = try Weaver.weave(source: text, results: results, packageRoot: packageRoot)
    } catch let error as WeaveError {
      throw WorkbookError.badData(path: source.path, reason: "cannot weave README.md: \(error)")
    }
    let readme = folder.appendingPathComponent("README.md")
    try AtomicFile.write(page, to: readme)
    print("woven: \(readme.path)")
  }
}
