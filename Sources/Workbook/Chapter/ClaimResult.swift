/// One claim after a run: the spec it was judged against, the mode of the run and the value
/// the run measured; the expectation that applied, the verdict, the margin and whether the
/// verdict is the one the chapter stated all follow from those three.
///
/// A claim the run never recorded has `measured == nil` and `verdict == nil`, and never matches
/// its stated outcome: a claim that was not checked is not "as stated".
public struct ClaimResult: Equatable, Sendable {
  /// The claim as the chapter states it (a stated reason with its placeholders filled in).
  public var spec: ClaimSpec
  public var mode: RunMode
  /// The value the run recorded; nil when it recorded none. May be NaN (never reproduced).
  public var measured: Double?

  /// Judges `measured` (nil: not recorded) against `spec` in `mode`.
  public init(spec: ClaimSpec, mode: RunMode, measured: Double?) {
    self.spec = spec
    self.mode = mode
    self.measured = measured
  }

  /// The relation that decides the verdict: the spec's `expected` or `quickExpected` by mode.
  public var expectation: Expectation { spec.expectation(for: mode) }

  /// reproduced / not reproduced; nil when nothing was measured.
  public var verdict: Verdict? {
    measured.map { expectation.holds(for: $0) ? .reproduced : .notReproduced }
  }

  /// `expectation.margin(for: measured)`: how far inside (+) or outside (−) the relation.
  public var margin: Double? { measured.map { expectation.margin(for: $0) } }

  /// True exactly when `verdict` equals the verdict of the stated outcome.
  public var matchesStatedOutcome: Bool { verdict == spec.outcome.verdict }

  /// Why this claim is not as stated, naming it and by how much; nil when it is as stated.
  ///
  ///     "RP-err: stated reproduced, but measured 0.31 is not < 0.1 (misses by 0.21)"
  public var difference: String? {
    guard !matchesStatedOutcome else { return nil }
    let id = spec.id
    let stated = spec.outcome.verdict
    guard let measured, let verdict else {
      return
        "\(id): never recorded (the chapter must call run.record(\"\(id)\", value) before run.finish())"
    }
    let value = NumberText.compact(measured)
    let distance = margin.map { NumberText.compact(abs($0)) } ?? "nan"
    switch verdict {
    case .notReproduced where measured.isNaN:
      return "\(id): stated \(stated), but measured nan, which is never \(expectation)"
    case .notReproduced:
      return
        "\(id): stated \(stated), but measured \(value) is not \(expectation) (misses by \(distance))"
    case .reproduced:
      return
        "\(id): stated \(stated), but measured \(value) is \(expectation) (inside by \(distance)); "
        + "if the text's claim now holds, update the chapter's outcome and prose"
    }
  }
}

extension ClaimResult: Codable {
  /// One flat object per claim, for a reader of results/chapter-NN.json: the spec's fields
  /// (`id`, `statement`, `source`, `quantity`, `expected`, `quickExpected`, `statedOutcome`),
  /// then `mode` and `measured`, then what follows from them (`expectation`, `verdict`,
  /// `margin`, `matchesStatedOutcome`). Decoding reads the first two groups and works out the
  /// third again, so a results file cannot hold a verdict its numbers do not give.
  private enum CodingKeys: String, CodingKey {
    case id, statement, source, quantity, expected, quickExpected, statedOutcome
    case mode, measured
    case expectation, verdict, margin, matchesStatedOutcome
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(spec.id, forKey: .id)
    try container.encode(spec.statement, forKey: .statement)
    try container.encode(spec.source, forKey: .source)
    try container.encode(spec.quantity, forKey: .quantity)
    try container.encode(spec.expected, forKey: .expected)
    try container.encodeIfPresent(spec.quickExpected, forKey: .quickExpected)
    try container.encode(spec.outcome, forKey: .statedOutcome)
    try container.encode(mode, forKey: .mode)
    try container.encodeIfPresent(measured, forKey: .measured)
    try container.encode(expectation, forKey: .expectation)
    try container.encodeIfPresent(verdict, forKey: .verdict)
    try container.encodeIfPresent(margin, forKey: .margin)
    try container.encode(matchesStatedOutcome, forKey: .matchesStatedOutcome)
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    spec = ClaimSpec(
      id: try container.decode(String.self, forKey: .id),
      statement: try container.decode(String.self, forKey: .statement),
      source: try container.decode(String.self, forKey: .source),
      quantity: try container.decode(String.self, forKey: .quantity),
      expected: try container.decode(Expectation.self, forKey: .expected),
      quickExpected: try container.decodeIfPresent(Expectation.self, forKey: .quickExpected),
      outcome: try container.decode(Outcome.self, forKey: .statedOutcome))
    mode = try container.decode(RunMode.self, forKey: .mode)
    measured = try container.decodeIfPresent(Double.self, forKey: .measured)
  }
}
