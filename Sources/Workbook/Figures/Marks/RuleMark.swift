/// A reference line across the whole plot area at a fixed y (horizontal) or x (vertical),
/// such as D(x) = ½ or the mean of a distribution.
struct RuleMark: Mark {
  enum Orientation: Sendable { case horizontal, vertical }
  var orientation: Orientation
  var value: Double
  var label: String?
  var color: Color
  var dashed: Bool
  static let width = 1.5

  var xExtent: DataExtent? { orientation == .vertical ? DataExtent(value...value) : nil }
  var yExtent: DataExtent? { orientation == .horizontal ? DataExtent(value...value) : nil }
  var legendEntry: LegendEntry? {
    label.map { LegendEntry(label: $0, swatch: .line(color, width: Self.width, dashed: dashed)) }
  }

  func validate(panel: String) throws {
    let kind = orientation == .horizontal ? "horizontal line" : "vertical line"
    try requireFinite(
      [value], orientation == .horizontal ? "y" : "x", in: describe(kind, label), panel: panel)
  }

  func draw(in context: PlotContext) throws {
    let plot = context.plot
    let ends =
      switch orientation {
      case .horizontal:
        [Point(x: plot.minX, y: context.y(value)), Point(x: plot.maxX, y: context.y(value))]
      case .vertical:
        [Point(x: context.x(value), y: plot.minY), Point(x: context.x(value), y: plot.maxY)]
      }
    let pattern = dashPattern(width: Self.width)
    let paths = dashed ? dashes(of: ends, on: pattern.on, off: pattern.off) : [ends]
    context.image.stroke(paths, width: Self.width, color: color)
  }
}
