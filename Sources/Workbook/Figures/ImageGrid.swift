/// Greyscale images in a grid that fills a panel (samples, nearest neighbours, pyramid
/// levels), each enlarged by nearest-neighbour sampling so pixels stay sharp squares.
///
/// `pixels[k]` is image k, `width × height` values row by row from the top-left; a value is
/// mapped linearly from `valueRange` to black...white (values outside are clamped). Images fill
/// the grid row by row, `columns` to a row; an optional caption sits under each image, cut
/// with "…" when wider than the image.
struct ImageGrid: Sendable {
  var pixels: [[Float]]
  var width: Int
  var height: Int
  var columns: Int
  var valueRange: ClosedRange<Float>
  var captions: [String]?
  static let gap = 6.0

  func validate(panel: String) throws {
    for (k, image) in pixels.enumerated() {
      if let i = image.firstIndex(where: { !$0.isFinite }) {
        throw WorkbookError.badData(
          path: "figure \(panel)",
          reason:
            "image grid: image \(k), pixel \(i) (row \(i / width), column \(i % width)) is \(image[i]); only finite values can be shown"
        )
      }
    }
  }

  func draw(on image: GDImage, in area: Rect) throws {
    guard !pixels.isEmpty else { return }
    let rows = (pixels.count + columns - 1) / columns
    let captionHeight = captions == nil ? 0 : try GDImage.measure("Hg", .caption).height + 4
    let cellWidth = (area.width - Self.gap * Double(columns - 1)) / Double(columns)
    let cellHeight = (area.height - Self.gap * Double(rows - 1)) / Double(rows) - captionHeight
    var scale = min(cellWidth / Double(width), cellHeight / Double(height))
    if scale >= 1 { scale.round(.down) }
    guard scale > 0 else { return }
    let tileWidth = Int(Double(width) * scale)
    let tileHeight = Int(Double(height) * scale)
    let gridWidth = Double(columns * tileWidth) + Self.gap * Double(columns - 1)
    let gridHeight =
      Double(rows) * (Double(tileHeight) + captionHeight) + Self.gap * Double(rows - 1)
    let left = (area.minX + (area.width - gridWidth) / 2).rounded(.down)
    let top = (area.minY + (area.height - gridHeight) / 2).rounded(.down)

    for (k, values) in pixels.enumerated() {
      let x0 = Int(left + Double(k % columns) * (Double(tileWidth) + Self.gap))
      let y0 = Int(top + Double(k / columns) * (Double(tileHeight) + captionHeight + Self.gap))
      for ty in 0..<tileHeight {
        let sy = min(height - 1, Int(Double(ty) / scale))
        for tx in 0..<tileWidth {
          let sx = min(width - 1, Int(Double(tx) / scale))
          image.blendPixel(x: x0 + tx, y: y0 + ty, color: grey(values[sy * width + sx]), alpha: 1)
        }
      }
      if let caption = captions?[k] {
        let text = try fitted(caption, width: Double(tileWidth) + Self.gap - 2)
        try image.draw(
          text, at: Point(x: Double(x0) + Double(tileWidth) / 2, y: Double(y0 + tileHeight) + 3),
          font: .caption,
          color: Axes.textColor, anchor: TextAnchor(horizontal: .center, vertical: .top))
      }
    }
  }

  /// The grey of `value`: `valueRange.lowerBound` black, `upperBound` white.
  func grey(_ value: Float) -> Color {
    let t = (value - valueRange.lowerBound) / (valueRange.upperBound - valueRange.lowerBound)
    let level = Int((min(max(t, 0), 1) * 255).rounded())
    return Color(r: level, g: level, b: level)
  }

  /// `text`, shortened with a trailing "…" until it is at most `width` pixels wide.
  private func fitted(_ text: String, width: Double) throws -> String {
    var text = text
    guard try GDImage.measure(text, .caption).width > width else { return text }
    while !text.isEmpty {
      text.removeLast()
      if try GDImage.measure(text + "…", .caption).width <= width { return text + "…" }
    }
    return ""
  }
}
