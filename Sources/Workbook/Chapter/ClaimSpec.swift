/// A claim from the texts, stated before the run: what is claimed, where, what the chapter
/// measures to test it, the relation the measurement must satisfy in a full and in a `--quick`
/// run, and the outcome the chapter expects.
///
///     ClaimSpec(id: "RP-err", statement: "The generator's samples lie on the sine curve",
///               source: "Lecture 6 of the texts; CLAIMS.md RP",
///               quantity: "mean |x̃2 − sin x̃1| over 1000 samples",
///               expected: .below(0.1), quickExpected: .below(0.25))
public struct ClaimSpec: Equatable, Sendable {
  /// Short and unique within the chapter; `run.record(id, value)` and `{{value:id}}` use it.
  public var id: String
  /// The claim in the texts' words.
  public var statement: String
  /// Where it is stated: text, paper, section, equation or figure.
  public var source: String
  /// What the chapter measures, with its units and sample size.
  public var quantity: String
  /// The relation the measured value satisfies in a full run (the claim as published).
  public var expected: Expectation
  /// The relation for a `--quick` run; nil means the same as `expected`.
  public var quickExpected: Expectation?
  /// The verdict the chapter states in advance, with the evidence when it is "not reproduced".
  public var outcome: Outcome

  public init(
    id: String, statement: String, source: String, quantity: String,
    expected: Expectation, quickExpected: Expectation? = nil, outcome: Outcome = .reproduced
  ) {
    self.id = id
    self.statement = statement
    self.source = source
    self.quantity = quantity
    self.expected = expected
    self.quickExpected = quickExpected
    self.outcome = outcome
  }

  /// The relation that decides the verdict in `mode`.
  public func expectation(for mode: RunMode) -> Expectation {
    switch mode {
    case .full: expected
    case .quick: quickExpected ?? expected
    }
  }
}
