import Foundation
import Testing
import Workbook

@Suite("Claims ledger (RESULTS.md)")
struct ClaimsLedgerTests {
  private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ledger-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test(
    "lists every claim of the full-run results, by chapter, with a count and a pointer to ERRATA.md"
  )
  func summaryOfTwoChapters() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let results = folder.appendingPathComponent("results")
    let one = ClaimSpec(
      id: "D-star", statement: "D* = p/(p+q)", source: "Prop. 1", quantity: "max error",
      expected: .below(1e-6))
    let chapter1 = sampleResults(
      chapter: 1, slug: "01-optimal-discriminator", title: "The optimal discriminator",
      claims: [ClaimResult(spec: one, mode: .full, measured: 2e-7)])
    let chapter3 = sampleResults(claims: [
      ClaimResult(spec: sineClaim, mode: .full, measured: 0.043),
      ClaimResult(spec: noiseClaim, mode: .full, measured: 0.31),
    ])
    let quickOnly = sampleResults(
      chapter: 5, slug: "05-mse-blurs", title: "Why adversarial", mode: .quick,
      claims: [
        ClaimResult(
          spec: ClaimSpec(
            id: "Q-only", statement: "s", source: "t", quantity: "q", expected: .above(0)),
          mode: .quick, measured: 1)
      ])
    try AtomicFile.write(
      try chapter3.encoded(), to: results.appendingPathComponent("chapter-03.json"))
    try AtomicFile.write(
      try chapter1.encoded(), to: results.appendingPathComponent("chapter-01.json"))
    try AtomicFile.write(
      try quickOnly.encoded(), to: results.appendingPathComponent("chapter-05.json"))
    try AtomicFile.write("not results", to: results.appendingPathComponent("notes.txt"))

    let destination = folder.appendingPathComponent("RESULTS.md")
    try Ledger.writeSummary(resultsFolder: results, to: destination)
    let text = try String(contentsOf: destination, encoding: .utf8)

    #expect(text.contains("**2 of 3 claims reproduced; 3 of 3 as stated in 2 chapters.**"))
    #expect(text.contains("| D-star | D* = p/(p+q) | max error < 1e-06 | 2e-07 | reproduced | ✓ |"))
    #expect(text.contains("| RP-err |") && text.contains("| NP |"))
    #expect(text.contains("| 0.31 | not reproduced | ✓ |"))
    #expect(!text.contains("Q-only"))
    #expect(text.contains("[ERRATA.md](ERRATA.md)"))
    let first = try #require(text.range(of: "## Chapter 1 — The optimal discriminator"))
    let third = try #require(text.range(of: "## Chapter 3 — A GAN learns the sine curve"))
    #expect(first.lowerBound < third.lowerBound)
  }

  @Test("a results file that is not results is an error naming the file")
  func badResultsFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try AtomicFile.write("{ \"chapter\": 2 }", to: folder.appendingPathComponent("chapter-02.json"))
    #expect {
      try Ledger.fullRunResults(in: folder)
    } throws: { error in
      guard case .badData(let path, _) = error as? WorkbookError else { return false }
      return path.hasSuffix("chapter-02.json")
    }
  }

  @Test("with no full runs yet the summary says how to make one")
  func emptySummary() {
    let text = Ledger.summary([])
    #expect(text.contains("0 of 0 claims"))
    #expect(text.contains("make chapter-N"))
  }
}
