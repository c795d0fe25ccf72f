/// A text whose left end, at the height of its middle, sits at the data point (x, y).
struct TextMark: Mark {
  var text: String
  var x: Double
  var y: Double
  var color: Color

  var xExtent: DataExtent? { DataExtent(x...x) }
  var yExtent: DataExtent? { DataExtent(y...y) }

  func validate(panel: String) throws {
    try requireFinite([x, y], "(x, y)", in: "text “\(text)”", panel: panel)
  }

  func draw(in context: PlotContext) throws {
    try context.image.draw(
      text, at: context.point(x, y), font: .tickLabel, color: color,
      anchor: TextAnchor(horizontal: .leading, vertical: .middle))
  }
}
