/// The claims of a run as a table: plain text for the terminal (fits 100 columns) and Markdown
/// for the woven README.md.
public enum ClaimsTable {
  /// The terminal table: claim id, expected, measured, verdict, and ✓ when the verdict is the
  /// stated one or ✗ with the stated verdict. Cells too long for `width` columns end in "…".
  ///
  ///     claim    expected  measured  verdict         as stated
  ///     RP-err   < 0.1     0.043     reproduced      ✓
  ///     NP       < 0.1     0.31      not reproduced  ✓
  public static func terminal(_ results: ChapterResults, width: Int = 100) -> String {
    let header = ["claim", "expected", "measured", "verdict", "as stated"]
    let rows = results.claims.map { claim in
      [
        claim.spec.id, claim.expectation.description, measuredText(claim), verdictText(claim),
        asStatedText(claim),
      ]
    }
    let title = "Claims (\(results.mode) run, seed \(results.seed))"
    return title + "\n" + TextTable(header: header, rows: rows).rendered(width: width)
  }

  /// The Markdown table, followed by the reasons of the claims stated as not reproduced and a
  /// line saying which run measured the values.
  public static func markdown(_ results: ChapterResults) -> String {
    var lines = [
      "| id | claim | source | expected | measured | verdict | as stated |",
      "|---|---|---|---|---|---|---|",
    ]
    for claim in results.claims {
      let cells = [
        claim.spec.id, claim.spec.statement, claim.spec.source,
        "\(claim.spec.quantity) \(claim.expectation)",
        measuredText(claim), verdictText(claim), asStatedText(claim),
      ]
      lines.append("| " + cells.map(escaped).joined(separator: " | ") + " |")
    }
    let reasons = results.claims.compactMap { claim in
      claim.spec.outcome.reason.map { "- **\(claim.spec.id)** is stated as not reproduced: \($0)" }
    }
    if !reasons.isEmpty { lines += [""] + reasons }
    let (day, time) = (results.run.date.prefix(10), ProgressBar.duration(results.run.seconds))
    lines += [
      "",
      "Measured by the \(results.mode) run with seed \(results.seed) on \(day) (\(time) on \(results.run.cores) cores).",
    ]
    return lines.joined(separator: "\n")
  }

  /// The measured value with as many digits as its expectation needs: a claim checked to a
  /// tolerance around a target (−log 4 ± 1e−6) shows 7 significant digits, others 4.
  static func measuredText(_ claim: ClaimResult) -> String {
    guard let measured = claim.measured else { return "—" }
    if case .within = claim.expectation { return NumberText.precise(measured) }
    return NumberText.compact(measured)
  }

  static func verdictText(_ claim: ClaimResult) -> String {
    claim.verdict?.description ?? "not measured"
  }

  static func asStatedText(_ claim: ClaimResult) -> String {
    claim.matchesStatedOutcome ? "✓" : "✗ (stated: \(claim.spec.outcome.verdict))"
  }

  /// A Markdown table cell: pipes escaped, line breaks as spaces.
  static func escaped(_ cell: String) -> String {
    cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}

/// A plain-text table with columns padded to their widest cell; when the table is wider than
/// asked, the widest columns are cut and their long cells end in "…".
struct TextTable {
  var header: [String]
  var rows: [[String]]

  func rendered(width: Int) -> String {
    let gap = 2
    var widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    while widths.reduce(0, +) + gap * (widths.count - 1) > width,
      let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 8
    {
      widths[widest] -= 1
    }
    func line(_ cells: [String]) -> String {
      let padded = cells.enumerated().map { column, cell in
        let fitted =
          cell.count > widths[column] ? String(cell.prefix(widths[column] - 1)) + "…" : cell
        return column == cells.count - 1
          ? fitted : fitted + String(repeating: " ", count: widths[column] - fitted.count)
      }
      return padded.joined(separator: String(repeating: " ", count: gap))
    }
    let rule = widths.map { String(repeating: "─", count: $0) }.joined(
      separator: String(repeating: " ", count: gap))
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
  }
}
