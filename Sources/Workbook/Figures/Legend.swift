/// Where a panel puts its legend: a corner of the plot area, or nowhere.
public enum LegendPosition: Sendable, Equatable {
  case topLeft, topRight, bottomLeft, bottomRight, none
}

/// The labelled marks of a panel in a box in one corner of the plot area: a white box at 90 %
/// opacity, so marks beneath stay faintly visible, with one swatch and label per row.
struct Legend {
  var entries: [LegendEntry]
  static let padding = 6.0
  static let swatchWidth = 24.0
  static let inset = 8.0

  func draw(on image: GDImage, in plot: Rect, at position: LegendPosition) throws {
    guard !entries.isEmpty, position != .none else { return }
    let font = Font.legend
    let metrics = try GDImage.measure("Hg", font)
    let rowHeight = (metrics.height + 5).rounded()
    let widest = try entries.map { try GDImage.measure($0.label, font).width }.max() ?? 0
    let width = (Self.padding * 2 + Self.swatchWidth + 6 + widest).rounded(.up)
    let height = (Self.padding * 2 + rowHeight * Double(entries.count) - 3).rounded(.up)
    let left = position == .topLeft || position == .bottomLeft
    let top = position == .topLeft || position == .topRight
    let box = Rect(
      x: (left ? plot.minX + Self.inset : plot.maxX - Self.inset - width).rounded(),
      y: (top ? plot.minY + Self.inset : plot.maxY - Self.inset - height).rounded(),
      width: width, height: height)

    image.fillRect(
      x0: Int(box.minX), y0: Int(box.minY), x1: Int(box.maxX) - 1, y1: Int(box.maxY) - 1,
      color: .white, alpha: 0.9)
    image.strokeRect(
      x0: Int(box.minX), y0: Int(box.minY), x1: Int(box.maxX) - 1, y1: Int(box.maxY) - 1,
      color: Color(r: 200, g: 200, b: 200))
    for (row, entry) in entries.enumerated() {
      let midY = box.minY + Self.padding + rowHeight * Double(row) + metrics.height / 2 + 0.5
      let swatch = Rect(
        x: box.minX + Self.padding, y: midY - 5, width: Self.swatchWidth, height: 10)
      drawSwatch(entry.swatch, in: swatch, on: image)
      try image.draw(
        entry.label, at: Point(x: swatch.maxX + 6, y: midY), font: font, color: Axes.textColor,
        anchor: TextAnchor(horizontal: .leading, vertical: .middle))
    }
  }

  private func drawSwatch(_ swatch: Swatch, in rect: Rect, on image: GDImage) {
    switch swatch {
    case .line(let color, let width, let dashed):
      let ends = [Point(x: rect.minX, y: rect.midY), Point(x: rect.maxX, y: rect.midY)]
      let pattern = dashPattern(width: width)
      let paths = dashed ? dashes(of: ends, on: pattern.on * 0.7, off: pattern.off * 0.7) : [ends]
      image.stroke(paths, width: width, color: color)
    case .marker(let color, let alpha, let radius):
      image.fillDisc(
        center: Point(x: rect.midX, y: rect.midY), radius: radius, color: color, alpha: alpha)
    case .box(let color, let alpha):
      image.fillRect(
        x0: Int(rect.minX), y0: Int(rect.minY), x1: Int(rect.maxX) - 1, y1: Int(rect.maxY) - 1,
        color: color,
        alpha: alpha)
    }
  }
}
