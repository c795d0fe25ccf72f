import Foundation
import PropertyBased
import Testing
import Workbook

let sineClaim = ClaimSpec(
  id: "RP-err", statement: "The generator's samples lie on the sine curve", source: "Lecture 6",
  quantity: "mean |x̃2 − sin x̃1|", expected: .below(0.1), quickExpected: .below(0.25))
let noiseClaim = ClaimSpec(
  id: "NP", statement: "Noise priors have limited impact", source: "Lecture 6",
  quantity: "error spread",
  expected: .below(0.1),
  outcome: .notReproduced(because: "Student-t noise leaves samples off the curve"))

let sampleFacts = RunFacts(
  seconds: 75, date: "2025-03-01T12:00:00Z", cores: 8, blasThreads: "default", swift: "6.3",
  system: "Linux")

/// Results of chapter `number` with the given claims.
func sampleResults(
  chapter number: Int = 3, slug: String = "03-sine-gan",
  title: String = "A GAN learns the sine curve",
  mode: RunMode = .full, seed: UInt64 = 2014, claims: [ClaimResult], facts: [String: String] = [:]
) -> ChapterResults {
  ChapterResults(
    chapter: number, slug: slug, title: title, mode: mode, seed: seed, claims: claims, facts: facts,
    figures: ["figures/chapter-03/samples.png"], run: sampleFacts)
}

@Suite("Claim results")
struct ClaimsResultTests {
  @Test("a value inside the expectation is reproduced, as stated")
  func reproduced() {
    let result = ClaimResult(spec: sineClaim, mode: .full, measured: 0.043)
    #expect(result.verdict == .reproduced)
    #expect(result.matchesStatedOutcome)
    #expect(result.difference == nil)
    #expect(result.spec == sineClaim)
  }

  @Test("--quick judges with the quick expectation; without one, with the full one")
  func quickExpectation() {
    #expect(ClaimResult(spec: sineClaim, mode: .quick, measured: 0.2).verdict == .reproduced)
    #expect(ClaimResult(spec: sineClaim, mode: .full, measured: 0.2).verdict == .notReproduced)
    #expect(ClaimResult(spec: noiseClaim, mode: .quick, measured: 0.2).expectation == .below(0.1))
  }

  @Test("a claim stated as not reproduced that does not hold is as stated")
  func notReproducedAsStated() {
    let result = ClaimResult(spec: noiseClaim, mode: .full, measured: 0.31)
    #expect(result.verdict == .notReproduced)
    #expect(result.matchesStatedOutcome)
  }

  @Test("a claim never recorded has no verdict and is not as stated")
  func unrecorded() {
    let result = ClaimResult(spec: noiseClaim, mode: .full, measured: nil)
    #expect(result.verdict == nil)
    #expect(!result.matchesStatedOutcome)
    #expect(result.difference?.contains("never recorded") == true)
  }

  @Test("NaN is not reproduced")
  func nanMeasured() {
    let result = ClaimResult(spec: sineClaim, mode: .full, measured: .nan)
    #expect(result.verdict == .notReproduced)
    #expect(result.difference?.contains("nan") == true)
  }

  @Test("ChapterResults survive a JSON round trip")
  func resultsRoundTrip() async throws {
    await propertyCheck(
      count: 100, input: Gen.uint64(in: 0...UInt64.max), Gen.double(in: -1e9...1e9),
      Gen.int(in: 1...1000)
    ) {
      seed, measured, epochs in
      var results = sampleResults(
        seed: seed,
        claims: [
          ClaimResult(spec: sineClaim, mode: .full, measured: measured),
          ClaimResult(spec: noiseClaim, mode: .full, measured: nil),
          ClaimResult(
            spec: ClaimSpec(
              id: "C", statement: "s", source: "t", quantity: "q", expected: .atMost(.infinity)),
            mode: .full, measured: -.infinity),
        ], facts: ["steps": "9600"])
      results.epochs = epochs
      let decoded = try ChapterResults.decode(try results.encoded())
      #expect(decoded == results)
    }
  }

  @Test("results JSON is stable, sorted and writes NaN as \"nan\"")
  func stableJSON() throws {
    let results = sampleResults(claims: [ClaimResult(spec: sineClaim, mode: .full, measured: .nan)])
    let first = try results.encoded()
    #expect(first == (try results.encoded()))
    let text = String(decoding: first, as: UTF8.self)
    #expect(text.contains(#""measured" : "nan""#))
    let keys = [
      "\"chapter\"", "\"claims\"", "\"facts\"", "\"figures\"", "\"mode\"", "\"run\"", "\"seed\"",
      "\"slug\"", "\"title\"",
    ]
    let positions = keys.map { text.range(of: "\n  \($0)")?.lowerBound }
    #expect(positions.allSatisfy { $0 != nil })
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    #expect(try ChapterResults.decode(first).claims[0].measured?.isNaN == true)
  }

  @Test("the terminal table fits 100 columns and marks a claim not as stated")
  func terminalTable() {
    let long = ClaimSpec(
      id: "a-very-long-claim-identifier-that-goes-on", statement: "s", source: "t", quantity: "q",
      expected: .within(1e-6, of: -1.3862943611198906))
    let results = sampleResults(claims: [
      ClaimResult(spec: sineClaim, mode: .full, measured: 0.5),
      ClaimResult(spec: long, mode: .full, measured: -1.386294),
      ClaimResult(spec: noiseClaim, mode: .full, measured: nil),
    ])
    let table = ClaimsTable.terminal(results)
    #expect(table.split(separator: "\n").allSatisfy { $0.count <= 100 })
    #expect(table.contains("RP-err") && table.contains("✗ (stated: reproduced)"))
    #expect(table.contains("not measured"))
    #expect(table.contains("a-very-long"))
  }
}

@Suite("Results files of earlier runs")
struct CommittedResultsTests {
  /// The package's results/ folder.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("results")

  @Test("every committed results file reads back and writes out byte for byte (what --weave-only loads)")
  func roundTrip() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
      .filter { $0.hasPrefix("chapter-") && $0.hasSuffix(".json") }
    #expect(!names.isEmpty)
    for name in names {
      let data = try Data(contentsOf: Self.folder.appendingPathComponent(name))
      let results = try ChapterResults.decode(data)
      let encoded = try results.encoded()
      #expect(encoded == data, "\(name) does not survive a round trip")
      let asStated = results.claims.allSatisfy { $0.matchesStatedOutcome }
      #expect(asStated, "\(name) holds a claim that is not as stated")
    }
  }
}
