/// Numerical integration on a uniform grid by the composite Simpson rule (error O(h⁴) for
/// smooth integrands), the workhorse for checking the theorems of Goodfellow et al. to 1e−6.
public struct Grid: Sendable {
  /// The grid points, from `range.lowerBound` to `range.upperBound` inclusive.
  public let points: [Double]
  /// Simpson weights: Σ weights[i]·f(points[i]) ≈ ∫ f over the range.
  public let weights: [Double]
  /// The spacing between neighbouring points.
  public let spacing: Double

  /// A grid of `intervals` equal steps over `range` (`intervals` is rounded up to an even number).
  public init(_ range: ClosedRange<Double>, intervals: Int = 20_000) {
    precondition(intervals > 0 && range.upperBound > range.lowerBound,
                 "Grid: needs a non-empty range and intervals > 0, got \(range) with \(intervals)")
    let n = intervals + intervals % 2
    let h = (range.upperBound - range.lowerBound) / Double(n)
    spacing = h
    points = (0...n).map { range.lowerBound + Double($0) * h }
    weights = (0...n).map { i in
      let w: Double = (i == 0 || i == n) ? 1 : (i % 2 == 1 ? 4 : 2)
      return w * h / 3
    }
  }

  /// ∫ f over the grid's range.
  public func integrate(_ f: (Double) -> Double) -> Double {
    var total = 0.0
    for (x, w) in zip(points, weights) { total += w * f(x) }
    return total
  }
}
