/// One claim after a run: its spec, the mode and the expectation that applied, the measured
/// value and the verdict, and whether the verdict is the one the chapter stated.
///
/// A claim the run never recorded has `measured == nil` and `verdict == nil`, and never matches
/// its stated outcome: a claim that was not checked is not "as stated".
public struct ClaimResult: Codable, Equatable, Sendable {
  public var id: String
  public var statement: String
  public var source: String
  public var quantity: String
  /// The full-run relation, as in the spec.
  public var expected: Expectation
  /// The `--quick` relation, as in the spec (nil = same as `expected`).
  public var quickExpected: Expectation?
  /// The outcome the chapter stated before running.
  public var statedOutcome: Outcome
  public var mode: RunMode
  /// The relation that decided the verdict: `expected` or `quickExpected` according to `mode`.
  public var expectation: Expectation
  /// The value the run recorded; nil when it recorded none. May be NaN (never reproduced).
  public var measured: Double?
  /// reproduced / not reproduced; nil when nothing was measured.
  public var verdict: Verdict?
  /// `expectation.margin(for: measured)`: how far inside (+) or outside (−) the relation.
  public var margin: Double?
  /// True exactly when `verdict` equals the verdict of `statedOutcome`.
  public var matchesStatedOutcome: Bool

  /// Judges `measured` (nil: not recorded) against `spec` in `mode`.
  public init(spec: ClaimSpec, mode: RunMode, measured: Double?) {
    id = spec.id
    statement = spec.statement
    source = spec.source
    quantity = spec.quantity
    expected = spec.expected
    quickExpected = spec.quickExpected
    statedOutcome = spec.outcome
    self.mode = mode
    let expectation = spec.expectation(for: mode)
    let verdict = measured.map { expectation.holds(for: $0) ? Verdict.reproduced : .notReproduced }
    self.expectation = expectation
    self.measured = measured
    self.verdict = verdict
    margin = measured.map { expectation.margin(for: $0) }
    matchesStatedOutcome = verdict == spec.outcome.verdict
  }

  /// The spec this result was judged against.
  public var spec: ClaimSpec {
    ClaimSpec(
      id: id, statement: statement, source: source, quantity: quantity,
      expected: expected, quickExpected: quickExpected, outcome: statedOutcome)
  }

  /// Why this claim is not as stated, naming it and by how much; nil when it is as stated.
  ///
  ///     "RP-err: stated reproduced, but measured 0.31 is not < 0.1 (misses by 0.21)"
  public var difference: String? {
    guard !matchesStatedOutcome else { return nil }
    guard let measured, let verdict else {
      return
        "\(id): never recorded (the chapter must call run.record(\"\(id)\", value) before run.finish())"
    }
    let value = NumberText.compact(measured)
    let distance = margin.map { NumberText.compact(abs($0)) } ?? "nan"
    switch verdict {
    case .notReproduced where measured.isNaN:
      return
        "\(id): stated \(statedOutcome.verdict), but measured nan, which is never \(expectation)"
    case .notReproduced:
      return
        "\(id): stated \(statedOutcome.verdict), but measured \(value) is not \(expectation) (misses by \(distance))"
    case .reproduced:
      return
        "\(id): stated \(statedOutcome.verdict), but measured \(value) is \(expectation) (inside by \(distance)); "
        + "if the text's claim now holds, update the chapter's outcome and prose"
    }
  }
}
