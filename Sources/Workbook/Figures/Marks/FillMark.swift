/// The band between `lower[i]` and `upper[i]` over `xs[i]` (a confidence band, the area
/// under a density when `lower` is all zeros).
struct FillMark: Mark {
  var xs: [Double]
  var lower: [Double]
  var upper: [Double]
  var label: String?
  var color: Color
  var alpha: Double

  var xExtent: DataExtent? { DataExtent(xs) }
  var yExtent: DataExtent? {
    guard let low = DataExtent(lower), let high = DataExtent(upper) else { return nil }
    return low.union(high)
  }
  var legendEntry: LegendEntry? {
    label.map { LegendEntry(label: $0, swatch: .box(color, alpha: alpha)) }
  }

  func validate(panel: String) throws {
    let name = describe("fill", label)
    try requireFinite(xs, "x", in: name, panel: panel)
    try requireFinite(lower, "lower", in: name, panel: panel)
    try requireFinite(upper, "upper", in: name, panel: panel)
  }

  func draw(in context: PlotContext) throws {
    let top = zip(xs, upper).map { context.point($0, $1) }
    let bottom = zip(xs, lower).map { context.point($0, $1) }
    context.image.fillPolygon(top + bottom.reversed(), color: color, alpha: alpha)
  }
}
