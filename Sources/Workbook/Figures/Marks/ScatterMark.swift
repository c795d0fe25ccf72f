/// Translucent discs at (xs[i], ys[i]); where many overlap the colour deepens, so the
/// density of a sample shows.
struct ScatterMark: Mark {
  var xs: [Double]
  var ys: [Double]
  var label: String?
  var color: Color
  var alpha: Double
  var radius: Double

  var xExtent: DataExtent? { DataExtent(xs) }
  var yExtent: DataExtent? { DataExtent(ys) }
  var legendEntry: LegendEntry? {
    label.map {
      LegendEntry(label: $0, swatch: .marker(color, alpha: max(alpha, 0.8), radius: max(radius, 3)))
    }
  }

  func validate(panel: String) throws {
    try requireFinite(xs, "x", in: describe("scatter", label), panel: panel)
    try requireFinite(ys, "y", in: describe("scatter", label), panel: panel)
  }

  func draw(in context: PlotContext) throws {
    for (x, y) in zip(xs, ys) {
      context.image.fillDisc(
        center: context.point(x, y), radius: radius, color: color, alpha: alpha)
    }
  }
}
