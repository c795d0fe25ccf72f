/// A dotted line through (xs[i], ys[i]): discs of `radius` pixels spaced `spacing` pixels apart
/// along the curve as drawn, so the dots stay evenly spaced where the curve is steep — the
/// "dotted line" of Fig. 1 of Goodfellow et al. (2014), beside solid and dashed ones.
struct DottedLineMark: Mark {
  var xs: [Double]
  var ys: [Double]
  var label: String?
  var color: Color
  var radius: Double
  var spacing: Double

  var xExtent: DataExtent? { DataExtent(xs) }
  var yExtent: DataExtent? { DataExtent(ys) }
  var legendEntry: LegendEntry? {
    label.map { LegendEntry(label: $0, swatch: .marker(color, alpha: 1, radius: max(radius, 2.5))) }
  }

  func validate(panel: String) throws {
    try requireFinite(xs, "x", in: describe("dotted line", label), panel: panel)
    try requireFinite(ys, "y", in: describe("dotted line", label), panel: panel)
  }

  func draw(in context: PlotContext) throws {
    for dot in Self.dots(along: zip(xs, ys).map { context.point($0, $1) }, spacing: spacing) {
      context.image.fillDisc(center: dot, radius: radius, color: color, alpha: 1)
    }
  }

  /// Points every `spacing` pixels of arc length along the polyline `points`, starting at its
  /// first point (interpolated inside segments, so long segments get several dots).
  static func dots(along points: [Point], spacing: Double) -> [Point] {
    guard var previous = points.first else { return [] }
    var dots = [previous]
    var toNext = spacing
    for point in points.dropFirst() {
      var (dx, dy) = (point.x - previous.x, point.y - previous.y)
      var length = (dx * dx + dy * dy).squareRoot()
      while length >= toNext {
        let t = toNext / length
        previous = Point(x: previous.x + t * dx, y: previous.y + t * dy)
        dots.append(previous)
        (dx, dy) = (point.x - previous.x, point.y - previous.y)
        length -= toNext
        toNext = spacing
      }
      toNext -= length
      previous = point
    }
    return dots
  }
}

extension Panel {
  /// A dotted line through (xs[i], ys[i]): discs of `radius` pixels, `spacing` pixels apart
  /// along the curve. Defaults to black.
  public mutating func dottedLine(
    _ xs: [Double], _ ys: [Double], label: String? = nil, color: Color? = nil, radius: Double = 1.4,
    spacing: Double = 5
  ) {
    precondition(xs.count == ys.count, "dotted line: xs has \(xs.count) values, ys \(ys.count)")
    precondition(radius > 0 && spacing > 0, "dotted line: radius \(radius) and spacing \(spacing) must be positive")
    add(DottedLineMark(xs: xs, ys: ys, label: label, color: color ?? .black, radius: radius, spacing: spacing))
  }
}
