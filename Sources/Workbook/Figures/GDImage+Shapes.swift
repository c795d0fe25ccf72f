import CGD
import Foundation

/// Opaque filled shapes for drawing pictures (the procedural faces) rather than figures, and
/// the box-average that turns a picture drawn `factor` times too large into an antialiased one.
///
/// libgd fills ellipses and polygons without antialiasing: a pixel is either inside or not. Drawn
/// at `factor` × the final size and averaged over `factor × factor` blocks, each final pixel
/// gets the share of its area that a shape covers, quantised to 1/factor² — supersampling, the
/// simplest antialiasing there is. Coordinates are pixels of this (large) image, origin
/// top-left; colours are opaque.
extension GDImage {
  /// Fills the ellipse with centre `center` and semi-axes `radiusX`, `radiusY` (libgd rounds
  /// the centre and the diameters to whole pixels).
  func fillEllipse(center: Point, radiusX: Double, radiusY: Double, color: Color) {
    gdImageFilledEllipse(
      pointer, Int32(pixel(center.x)), Int32(pixel(center.y)), Int32(pixel(2 * radiusX)),
      Int32(pixel(2 * radiusY)), Self.gdColor(color, alpha: 1))
  }

  /// Strokes the polyline through `points` `width` pixels wide with round joins and caps (and
  /// closes it when `closed`): a quadrilateral per segment and a disc at every point.
  func strokePolyline(_ points: [Point], width: Double, color: Color, closed: Bool = false) {
    guard let first = points.first, width > 0 else { return }
    let r = width / 2
    let path = closed ? points + [first] : points
    for (a, b) in zip(path, path.dropFirst()) {
      let length = hypot(b.x - a.x, b.y - a.y)
      guard length > 0 else { continue }
      let (nx, ny) = (-(b.y - a.y) / length * r, (b.x - a.x) / length * r)
      fillPolygon(
        [
          Point(x: a.x + nx, y: a.y + ny), Point(x: b.x + nx, y: b.y + ny),
          Point(x: b.x - nx, y: b.y - ny), Point(x: a.x - nx, y: a.y - ny),
        ], color: color, alpha: 1)
    }
    for p in points { fillEllipse(center: p, radiusX: r, radiusY: r, color: color) }
  }

  /// The image's grey levels in [0, 1] (the green channel / 255), averaged over blocks of
  /// `factor × factor` pixels: `(width / factor) × (height / factor)` values, row by row.
  /// - Precondition: `factor` divides both sides.
  func greyLevels(averagedOver factor: Int) -> [Float] {
    precondition(
      factor >= 1 && width % factor == 0 && height % factor == 0,
      "greyLevels: factor \(factor) must divide the image's \(width) × \(height)")
    let (w, h) = (width / factor, height / factor)
    var sums = [Int](repeating: 0, count: w * h)
    for y in 0..<height {
      guard let row = pointer.pointee.tpixels[y] else { continue }
      let base = (y / factor) * w
      for x in 0..<width {
        sums[base + x / factor] += Int((row[x] >> 8) & 0xFF)
      }
    }
    let scale = 1 / Float(255 * factor * factor)
    return sums.map { Float($0) * scale }
  }
}
