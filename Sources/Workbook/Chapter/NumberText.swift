import Foundation

/// How the ledger writes numbers for people: significant digits in `%g` style, a true minus
/// sign (U+2212) in front of negative numbers, and "nan" / "inf" for the non-finite values.
/// JSON files keep the exact `Double`; these strings are for tables and prose only.
public enum NumberText {
  /// 4 significant digits: "0.04312", "1.235e+04", "−0.6931". Used for measured values.
  public static func compact(_ value: Double) -> String { format(value, digits: 4) }

  /// 7 significant digits: "−1.386294", "1e-06". Used for expected bounds and tolerances.
  public static func precise(_ value: Double) -> String { format(value, digits: 7) }

  /// `value` in `%g` style with `digits` significant digits.
  public static func format(_ value: Double, digits: Int) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "−inf" : "inf" }
    let text = String(format: "%.\(digits)g", value)
    return text.hasPrefix("-") ? "−" + text.dropFirst() : text
  }
}
