/// A polyline through (xs[i], ys[i]) in the order given.
struct LineMark: Mark {
  var xs: [Double]
  var ys: [Double]
  var label: String?
  var color: Color
  var width: Double
  var dashed: Bool

  var xExtent: DataExtent? { DataExtent(xs) }
  var yExtent: DataExtent? { DataExtent(ys) }
  var legendEntry: LegendEntry? {
    label.map { LegendEntry(label: $0, swatch: .line(color, width: width, dashed: dashed)) }
  }

  func validate(panel: String) throws {
    try requireFinite(xs, "x", in: describe("line", label), panel: panel)
    try requireFinite(ys, "y", in: describe("line", label), panel: panel)
  }

  func draw(in context: PlotContext) throws {
    let points = zip(xs, ys).map { context.point($0, $1) }
    let pattern = dashPattern(width: width)
    let paths = dashed ? dashes(of: points, on: pattern.on, off: pattern.off) : [points]
    context.image.stroke(paths, width: width, color: color)
  }
}
