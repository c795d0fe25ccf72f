/// The affine map from a data interval onto a pixel interval (reversed for a y axis, whose
/// pixels grow downwards).
struct LinearScale {
  let domain: ClosedRange<Double>
  /// The pixel positions of `domain.lowerBound` and `domain.upperBound`.
  let pixels: (from: Double, to: Double)

  func callAsFunction(_ value: Double) -> Double {
    let span = domain.upperBound - domain.lowerBound
    let t = span == 0 ? 0.5 : (value - domain.lowerBound) / span
    return pixels.from + t * (pixels.to - pixels.from)
  }

  /// The data value at pixel position `pixel`.
  func inverse(_ pixel: Double) -> Double {
    let t = (pixel - pixels.from) / (pixels.to - pixels.from)
    return domain.lowerBound + t * (domain.upperBound - domain.lowerBound)
  }
}

/// The span of data one axis must show, and which of its ends should sit exactly on the
/// frame rather than leave a margin (the zero under histogram bars, the edge of a heatmap).
struct DataExtent {
  var range: ClosedRange<Double>
  var exactLower = false
  var exactUpper = false

  init(_ range: ClosedRange<Double>, exactLower: Bool = false, exactUpper: Bool = false) {
    self.range = range
    self.exactLower = exactLower
    self.exactUpper = exactUpper
  }

  /// The extent covering finite `values`; nil when there are none.
  init?<C: Collection<Double>>(_ values: C) {
    guard let low = values.min(), let high = values.max() else { return nil }
    self.init(low...high)
  }

  /// The smallest extent holding both; an end stays exact only if the end that wins is exact.
  func union(_ other: DataExtent) -> DataExtent {
    let lower = min(range.lowerBound, other.range.lowerBound)
    let upper = max(range.upperBound, other.range.upperBound)
    func exact(_ a: Double, _ aExact: Bool, _ b: Double, _ bExact: Bool, _ winner: Double) -> Bool {
      (a == winner && aExact) || (b == winner && bExact)
    }
    return DataExtent(
      lower...upper,
      exactLower: exact(
        range.lowerBound, exactLower, other.range.lowerBound, other.exactLower, lower),
      exactUpper: exact(
        range.upperBound, exactUpper, other.range.upperBound, other.exactUpper, upper))
  }

  /// The axis range for this extent: `margin` (a fraction of the span) added at each end that
  /// is not exact; a single value is widened to a unit-sized interval around it.
  func axisRange(margin: Double = 0.04) -> ClosedRange<Double> {
    var (lower, upper) = (range.lowerBound, range.upperBound)
    if upper - lower <= max(abs(lower), abs(upper)) * 1e-12 {
      let half = lower == 0 ? 0.5 : abs(lower) * 0.1
      return (lower - half)...(upper + half)
    }
    let pad = (upper - lower) * margin
    if !exactLower { lower -= pad }
    if !exactUpper { upper += pad }
    return lower...upper
  }
}
