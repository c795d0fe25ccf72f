import Foundation

/// The claims ledger of the whole workbook: RESULTS.md, every claim of every chapter with its
/// verdict as measured by the chapter's last full run, read from results/chapter-*.json.
public enum Ledger {
  /// Reads the full-run results in `resultsFolder` (files named chapter-*.json), sorted by
  /// chapter number. Results of `--quick` runs are skipped: they check the code, not the texts.
  /// - Throws: `WorkbookError.badData` for a folder or file that cannot be read.
  public static func fullRunResults(in resultsFolder: URL) throws -> [ChapterResults] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: resultsFolder.path)
    } catch {
      throw WorkbookError.badData(
        path: resultsFolder.path,
        reason: "cannot list the results folder (\((error as NSError).localizedDescription))")
    }
    return try names.filter { $0.hasPrefix("chapter-") && $0.hasSuffix(".json") }
      .map { try ChapterResults.load(from: resultsFolder.appendingPathComponent($0)) }
      .filter { $0.mode == .full }
      .sorted { ($0.chapter, $0.slug) < ($1.chapter, $1.slug) }
  }

  /// The text of RESULTS.md for `results`: a count line, then per chapter a table of its
  /// claims with measured value, verdict and whether the verdict is as stated, and a pointer
  /// to ERRATA.md for the places where a text is wrong.
  public static func summary(_ results: [ChapterResults]) -> String {
    let claims = results.flatMap(\.claims)
    let reproduced = claims.filter { $0.verdict == .reproduced }.count
    let asStated = claims.filter(\.matchesStatedOutcome).count
    var lines = [
      "# Results",
      "",
      "<!-- Written by the workbook from results/chapter-*.json after each full chapter run; do not edit. -->",
      "",
      "Every claim of every chapter, as measured by the chapter's last full run. A claim that does not "
        + "hold stays \"not reproduced\" with its measured value; where a text is wrong, "
        + "[ERRATA.md](ERRATA.md) says where and shows the numbers.",
      "",
      "**\(reproduced) of \(claims.count) claims reproduced; \(asStated) of \(claims.count) as stated "
        + "in \(results.count) \(results.count == 1 ? "chapter" : "chapters").**",
    ]
    for chapter in results {
      lines += [
        "",
        "## Chapter \(chapter.chapter) — \(chapter.title)",
        "",
        "[chapters/\(chapter.slug)](chapters/\(chapter.slug)/README.md) · seed \(chapter.seed) · "
          + chapter.run.date.prefix(10),
        "",
        "| id | claim | expected | measured | verdict | as stated |",
        "|---|---|---|---|---|---|",
      ]
      for claim in chapter.claims {
        let cells = [
          claim.spec.id, claim.spec.statement, "\(claim.spec.quantity) \(claim.expectation)",
          ClaimsTable.measuredText(claim),
          ClaimsTable.verdictText(claim), ClaimsTable.asStatedText(claim),
        ]
        lines.append("| " + cells.map(ClaimsTable.escaped).joined(separator: " | ") + " |")
      }
    }
    if results.isEmpty { lines += ["", "No chapter has a full run yet: run `make chapter-N`."] }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Rewrites `destination` (RESULTS.md) atomically from the full-run results in `resultsFolder`.
  /// - Throws: `WorkbookError.badData` for unreadable results, `.unwritable` for the destination.
  public static func writeSummary(resultsFolder: URL, to destination: URL) throws {
    try AtomicFile.write(summary(try fullRunResults(in: resultsFolder)), to: destination)
  }
}
