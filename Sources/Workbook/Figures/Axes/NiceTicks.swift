import Foundation

/// Tick positions a reader can count with: steps of 1, 2 or 5 times a power of ten (the
/// "1-2-5 rule" of Heckbert 1990, "Nice numbers for graph labels"), and labels without
/// floating-point noise ("0.3", never "0.30000000000000004").
public enum NiceTicks {
  /// A step `m · 10^e` with `m` ∈ {1, 2, 5}.
  public struct Step: Sendable, Equatable {
    /// 1, 2 or 5.
    public let mantissa: Int
    public let exponent: Int
    public var value: Double { NiceTicks.decimal(mantissa, exponent) }
  }

  /// The 1-2-5 step nearest to `range` / `target` on a log scale (cut-offs at the geometric
  /// midpoints √2, √10, √50), so the range holds between `target / 1.6` and `1.6 · target` steps.
  /// - Precondition: the bounds and their difference are finite, `target` ≥ 1.
  public static func step(for range: ClosedRange<Double>, target: Int) -> Step {
    precondition(
      (range.upperBound - range.lowerBound).isFinite,
      "NiceTicks: range \(range) must be finite and span less than Double.greatestFiniteMagnitude")
    precondition(target >= 1, "NiceTicks: target \(target) must be at least 1")
    let span = range.upperBound - range.lowerBound
    let scale = max(abs(range.lowerBound), abs(range.upperBound), 1e-300)
    let raw = max(span, scale * 1e-12) / Double(target)
    var exponent = Int(log10(raw).rounded(.down))
    let fraction = raw / pow(10, Double(exponent))
    let mantissa: Int
    switch fraction {
    case ..<2.0.squareRoot(): mantissa = 1
    case ..<10.0.squareRoot(): mantissa = 2
    case ..<50.0.squareRoot(): mantissa = 5
    default:
      mantissa = 1
      exponent += 1
    }
    return Step(mantissa: mantissa, exponent: exponent)
  }

  /// The multiples of `step(for: range, target: target)` that lie in `range` (a point range
  /// gives its one value). Consecutive ticks differ by exactly one step, and every value of the
  /// range is less than one step from a tick.
  public static func ticks(for range: ClosedRange<Double>, target: Int = 6) -> [Double] {
    if range.lowerBound == range.upperBound { return [range.lowerBound] }
    return ticksAndStep(for: range, target: target).ticks
  }

  /// The ticks of `ticks(for:target:)` with the step that made them. A target so small that
  /// the step would leave fewer than two ticks in the range is doubled until two fit.
  public static func ticksAndStep(for range: ClosedRange<Double>, target: Int = 6)
    -> (ticks: [Double], step: Step)
  {
    var target = target
    while true {
      let step = step(for: range, target: target)
      let size = step.value
      let slack = 1e-9
      let first = Int((range.lowerBound / size - slack).rounded(.up))
      let last = Int((range.upperBound / size + slack).rounded(.down))
      if last > first || target > 1000 {
        let ticks =
          first <= last ? (first...last).map { decimal($0 * step.mantissa, step.exponent) } : []
        return (ticks, step)
      }
      target *= 2
    }
  }

  /// `value` written with exactly the digits that `step` resolves, the same number of decimals
  /// for every tick of an axis: "0.0", "0.5", "1.0" for a step of 0.5, "1500" for a step of 500;
  /// scientific ("2e-6", "1.5e7") for steps under 10⁻⁴ or values from 10⁶ on.
  public static func label(_ value: Double, step: Step) -> String {
    let value = value == 0 ? 0 : value  // no "-0.0"
    let magnitude = abs(value)
    if step.exponent >= -4 && magnitude < 1e6 {
      return String(format: "%.\(max(0, -step.exponent))f", value)
    }
    if value == 0 { return "0" }
    let leading = Int(log10(magnitude).rounded(.down))
    let digits = max(0, leading - step.exponent)
    var text = String(format: "%.\(digits)e", value)
    // "2.50e+06" → "2.50e6", "1e-05" → "1e-5": compact exponents.
    if let e = text.firstIndex(of: "e") {
      let exponent = Int(text[text.index(after: e)...]) ?? 0
      text = String(text[..<e]) + "e\(exponent)"
    }
    return text
  }

  /// Labels for `ticks` that were made with `step`.
  public static func labels(_ ticks: [Double], step: Step) -> [String] {
    ticks.map { label($0, step: step) }
  }

  /// `integer · 10^exponent`, correctly rounded (dividing by an exact power of ten rather than
  /// multiplying by an inexact 0.1 keeps 3 · 0.1 at 0.3).
  static func decimal(_ integer: Int, _ exponent: Int) -> Double {
    exponent >= 0
      ? Double(integer) * pow(10, Double(exponent)) : Double(integer) / pow(10, Double(-exponent))
  }
}
