/// The relation a claim's measured value must satisfy, stated before the run.
///
/// Every case is a closed or open interval of the real line; `holds(for:)` decides membership and
/// `margin(for:)` says how far inside (positive) or outside (negative) the interval a value lies.
/// NaN never holds: a diverged measurement cannot reproduce anything.
public enum Expectation: Equatable, Sendable {
  /// measured < bound
  case below(Double)
  /// measured > bound
  case above(Double)
  /// measured ≤ bound
  case atMost(Double)
  /// measured ≥ bound
  case atLeast(Double)
  /// |measured − target| ≤ tolerance
  case within(Double, of: Double)
  /// low ≤ measured ≤ high
  case between(Double, Double)

  /// Whether `measured` satisfies the relation. False for NaN, whatever the bounds.
  public func holds(for measured: Double) -> Bool {
    guard !measured.isNaN else { return false }
    switch self {
    case .below(let bound): return measured < bound
    case .above(let bound): return measured > bound
    case .atMost(let bound): return measured <= bound
    case .atLeast(let bound): return measured >= bound
    case .within(let tolerance, let target): return abs(measured - target) <= tolerance
    case .between(let low, let high): return low <= measured && measured <= high
    }
  }

  /// The signed distance from `measured` to the nearest boundary of the relation: positive or
  /// zero inside, negative outside, NaN for NaN. For the strict relations (`below`, `above`) a
  /// margin of exactly 0 does not hold; for the others it does. IEEE subtraction never rounds a
  /// nonzero difference to zero, so the sign of the margin always agrees with `holds(for:)`.
  public func margin(for measured: Double) -> Double {
    guard !measured.isNaN else { return .nan }
    switch self {
    case .below(let bound), .atMost(let bound): return bound - measured
    case .above(let bound), .atLeast(let bound): return measured - bound
    case .within(let tolerance, let target): return tolerance - abs(measured - target)
    case .between(let low, let high): return min(measured - low, high - measured)
    }
  }
}

extension Expectation: CustomStringConvertible {
  /// The relation as a reader writes it: "< 0.1", "≥ 0.9", "= −1.386294 ± 1e-06", "in [0.4, 0.6]".
  /// Numbers are shown to 7 significant digits.
  public var description: String {
    let show = { (value: Double) in NumberText.precise(value) }
    switch self {
    case .below(let bound): return "< \(show(bound))"
    case .above(let bound): return "> \(show(bound))"
    case .atMost(let bound): return "≤ \(show(bound))"
    case .atLeast(let bound): return "≥ \(show(bound))"
    case .within(let tolerance, let target): return "= \(show(target)) ± \(show(tolerance))"
    case .between(let low, let high): return "in [\(show(low)), \(show(high))]"
    }
  }
}

extension Expectation: Codable {
  /// JSON that reads like the relation: `{"relation": "below", "bound": 0.1}`,
  /// `{"relation": "within", "target": -1.386, "tolerance": 1e-6}`,
  /// `{"relation": "between", "low": 0.4, "high": 0.6}`.
  private enum CodingKeys: String, CodingKey { case relation, bound, target, tolerance, low, high }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .below(let bound):
      try container.encode("below", forKey: .relation)
      try container.encode(bound, forKey: .bound)
    case .above(let bound):
      try container.encode("above", forKey: .relation)
      try container.encode(bound, forKey: .bound)
    case .atMost(let bound):
      try container.encode("atMost", forKey: .relation)
      try container.encode(bound, forKey: .bound)
    case .atLeast(let bound):
      try container.encode("atLeast", forKey: .relation)
      try container.encode(bound, forKey: .bound)
    case .within(let tolerance, let target):
      try container.encode("within", forKey: .relation)
      try container.encode(target, forKey: .target)
      try container.encode(tolerance, forKey: .tolerance)
    case .between(let low, let high):
      try container.encode("between", forKey: .relation)
      try container.encode(low, forKey: .low)
      try container.encode(high, forKey: .high)
    }
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let relation = try container.decode(String.self, forKey: .relation)
    switch relation {
    case "below": self = .below(try container.decode(Double.self, forKey: .bound))
    case "above": self = .above(try container.decode(Double.self, forKey: .bound))
    case "atMost": self = .atMost(try container.decode(Double.self, forKey: .bound))
    case "atLeast": self = .atLeast(try container.decode(Double.self, forKey: .bound))
    case "within":
      self = .within(
        try container.decode(Double.self, forKey: .tolerance),
        of: try container.decode(Double.self, forKey: .target))
    case "between":
      self = .between(
        try container.decode(Double.self, forKey: .low),
        try container.decode(Double.self, forKey: .high))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .relation, in: container,
        debugDescription:
          "unknown relation \"\(relation)\"; expected below, above, atMost, atLeast, within or between"
      )
    }
  }
}
