/// What a run concluded about one claim.
public enum Verdict: String, Codable, Equatable, Sendable, CustomStringConvertible {
  /// The measured value satisfied the claim's expectation.
  case reproduced
  /// The measured value did not satisfy it (or was NaN).
  case notReproduced = "not reproduced"

  public var description: String { rawValue }
}

/// The verdict a chapter states, before running, that a claim will get.
///
/// Most claims are stated `.reproduced`. When the workbook has shown, with measured evidence in
/// the chapter's prose, that a text's claim does not hold, the claim is stated
/// `.notReproduced(because:)` with that evidence; its verdict stays "not reproduced" in every
/// table and the run still succeeds. A run fails only when a verdict differs from the stated
/// outcome, either way.
///
/// The evidence quotes the run's own numbers through the placeholders of the prose, so no
/// measured number is typed in by hand: `.notReproduced(because: "median {{value:G4-momentum}}
/// over {{fact:seeds}} seeds")`. The run fills them in for the tables and the results file, and
/// warns about any it has no value for (`Placeholder`).
public enum Outcome: Equatable, Sendable {
  case reproduced
  case notReproduced(because: String)

  /// The verdict this outcome predicts.
  public var verdict: Verdict {
    switch self {
    case .reproduced: .reproduced
    case .notReproduced: .notReproduced
    }
  }

  /// The stated reason for a `.notReproduced` outcome; nil for `.reproduced`.
  public var reason: String? {
    if case .notReproduced(let because) = self { return because }
    return nil
  }
}

extension Outcome: Codable {
  /// `{"verdict": "reproduced"}` or `{"verdict": "not reproduced", "because": "…"}`.
  private enum CodingKeys: String, CodingKey { case verdict, because }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(verdict, forKey: .verdict)
    try container.encodeIfPresent(reason, forKey: .because)
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    switch try container.decode(Verdict.self, forKey: .verdict) {
    case .reproduced: self = .reproduced
    case .notReproduced:
      self = .notReproduced(because: try container.decode(String.self, forKey: .because))
    }
  }
}
