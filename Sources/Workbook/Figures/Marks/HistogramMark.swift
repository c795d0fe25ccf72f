/// Bars counting `values` in `bins` equal bins over `range` (the data's own range when nil).
/// Values outside the range are left out. With `density`, bar heights are
/// count / (total counted · bin width), so the bars' area is 1 and they compare with a density.
struct HistogramMark: Mark {
  var values: [Double]
  var bins: Int
  var range: ClosedRange<Double>?
  var density: Bool
  var label: String?
  var color: Color
  var alpha: Double

  /// Bin edges (`bins + 1` of them) and bar heights (`bins`).
  var bars: (edges: [Double], heights: [Double]) {
    guard let span = range ?? DataExtent(values)?.range else { return ([], []) }
    let (low, high) =
      span.lowerBound < span.upperBound
      ? (span.lowerBound, span.upperBound) : (span.lowerBound - 0.5, span.upperBound + 0.5)
    let width = (high - low) / Double(bins)
    var counts = [Double](repeating: 0, count: bins)
    for v in values where v >= low && v <= high {
      counts[min(bins - 1, Int((v - low) / width))] += 1
    }
    let edges = (0...bins).map { low + Double($0) * width }
    let total = counts.reduce(0, +)
    let heights = density && total > 0 ? counts.map { $0 / (total * width) } : counts
    return (edges, heights)
  }

  var xExtent: DataExtent? {
    let edges = bars.edges
    guard let first = edges.first, let last = edges.last else { return nil }
    return DataExtent(first...last)
  }
  var yExtent: DataExtent? {
    let top = bars.heights.max() ?? 0
    return DataExtent(0...max(top, 0), exactLower: true)
  }
  var legendEntry: LegendEntry? {
    label.map { LegendEntry(label: $0, swatch: .box(color, alpha: alpha)) }
  }

  func validate(panel: String) throws {
    try requireFinite(values, "value", in: describe("histogram", label), panel: panel)
    if let range {
      try requireFinite(
        [range.lowerBound, range.upperBound], "range", in: describe("histogram", label),
        panel: panel)
    }
  }

  /// Bars share their edge pixels exactly, so translucent neighbours never overlap.
  func draw(in context: PlotContext) throws {
    let (edges, heights) = bars
    let base = pixel(context.y(0))
    for (i, height) in heights.enumerated() where height > 0 {
      let left = pixel(context.x(edges[i]))
      let right = pixel(context.x(edges[i + 1])) - 1
      let top = pixel(context.y(height))
      context.image.fillRect(x0: left, y0: top, x1: right, y1: base - 1, color: color, alpha: alpha)
      context.image.fillRect(
        x0: left, y0: top, x1: right, y1: top, color: color, alpha: min(1, alpha + 0.35))
    }
  }
}
