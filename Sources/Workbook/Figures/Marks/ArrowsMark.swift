import Foundation

/// Arrows from `from[i]` to `to[i]`: the mapping x = G(z) drawn between a z line and an x line,
/// as in Fig. 1 of Goodfellow et al. (2014). Each arrow is blended on its own, so where many
/// arrows crowd together (G compresses) the colour deepens.
struct ArrowsMark: Mark {
  var from: [Point]
  var to: [Point]
  var color: Color
  var alpha: Double
  static let width = 1.2
  static let headLength = 7.0

  var xExtent: DataExtent? { DataExtent((from + to).map(\.x)) }
  var yExtent: DataExtent? { DataExtent((from + to).map(\.y)) }

  func validate(panel: String) throws {
    try requireFinite(
      from.flatMap { [$0.x, $0.y] }, "from (x, y pairs)", in: "arrows", panel: panel)
    try requireFinite(to.flatMap { [$0.x, $0.y] }, "to (x, y pairs)", in: "arrows", panel: panel)
  }

  func draw(in context: PlotContext) throws {
    for (start, end) in zip(from, to) {
      let a = context.point(start.x, start.y)
      let b = context.point(end.x, end.y)
      let length = hypot(b.x - a.x, b.y - a.y)
      guard length > 0.5 else { continue }
      // Unit vector back along the shaft, and the two barbs at ±25° from it.
      let (ux, uy) = ((a.x - b.x) / length, (a.y - b.y) / length)
      let head = min(Self.headLength, length * 0.5)
      let (c, s) = (cos(0.44), sin(0.44))
      let left = Point(x: b.x + head * (ux * c - uy * s), y: b.y + head * (ux * s + uy * c))
      let right = Point(x: b.x + head * (ux * c + uy * s), y: b.y + head * (-ux * s + uy * c))
      context.image.stroke(
        [[a, b], [left, b, right]], width: Self.width, color: color, alpha: alpha)
    }
  }
}
