import CGD
import Foundation

/// Opaque shapes for painting pictures (the procedural faces) rather than figures, and the
/// box-average that turns a picture painted `factor` times too large into an antialiased one.
///
/// A pixel (x, y) covers the square [x, x + 1) × [y, y + 1); these shapes paint exactly the
/// pixels whose centres (x + ½, y + ½) lie inside them, so a shape's painted area is its true
/// area up to the pixels along its edge, without bias. (libgd's own fills, `fillPolygon` and
/// `gdImageFilledEllipse`, round the outline to whole pixels and paint the boundary as well: a
/// shape comes out about one pixel wider and taller than asked, which is a quarter of a pixel
/// in a picture painted at 4 × and too much for strokes under a pixel wide.)
///
/// Painted at `factor` × the final size and averaged over `factor × factor` blocks, each final
/// pixel gets the share of its area that a shape covers, quantised to 1/factor²:
/// supersampling, the simplest antialiasing there is. Coordinates are pixels of this (large)
/// image, origin top-left; painting honours the clip rectangle.
extension GDImage {
  /// Paints the polygon through `points` (closed; even-odd rule where it crosses itself).
  func paintPolygon(_ points: [Point], color: Color) {
    guard points.count >= 3, let rows = rowsToPaint(points.map(\.y)) else { return }
    let edges = Array(zip(points, points.dropFirst() + [points[0]]))
    var crossings: [Double] = []
    for y in rows {
      let centre = Double(y) + 0.5
      crossings.removeAll(keepingCapacity: true)
      for (a, b) in edges where (a.y <= centre) != (b.y <= centre) {
        crossings.append(a.x + (centre - a.y) / (b.y - a.y) * (b.x - a.x))
      }
      crossings.sort()
      for pair in stride(from: 0, to: crossings.count - 1, by: 2) {
        paintSpan(y: y, from: crossings[pair], to: crossings[pair + 1], color: color)
      }
    }
  }

  /// Paints the ellipse with centre `center` and semi-axes `radiusX`, `radiusY`.
  func paintEllipse(center: Point, radiusX: Double, radiusY: Double, color: Color) {
    guard radiusX > 0, radiusY > 0,
      let rows = rowsToPaint([center.y - radiusY, center.y + radiusY])
    else { return }
    for y in rows {
      let v = (Double(y) + 0.5 - center.y) / radiusY
      guard v * v < 1 else { continue }
      let half = radiusX * (1 - v * v).squareRoot()
      paintSpan(y: y, from: center.x - half, to: center.x + half, color: color)
    }
  }

  /// Paints the polyline through `points` `width` pixels wide with round joins and caps (and
  /// closes it when `closed`): a quadrilateral per segment and a disc at every point.
  /// Overlaps are painted twice, which an opaque colour does not show.
  func paintStroke(_ points: [Point], width: Double, color: Color, closed: Bool = false) {
    guard let first = points.first, width > 0 else { return }
    let r = width / 2
    let path = closed ? points + [first] : points
    for (a, b) in zip(path, path.dropFirst()) {
      let length = hypot(b.x - a.x, b.y - a.y)
      guard length > 0 else { continue }
      let (nx, ny) = (-(b.y - a.y) / length * r, (b.x - a.x) / length * r)
      paintPolygon(
        [
          Point(x: a.x + nx, y: a.y + ny), Point(x: b.x + nx, y: b.y + ny),
          Point(x: b.x - nx, y: b.y - ny), Point(x: a.x - nx, y: a.y - ny),
        ], color: color)
    }
    for p in points { paintEllipse(center: p, radiusX: r, radiusY: r, color: color) }
  }

  /// The rows whose centres may lie between the lowest and highest of `ys`, within the clip.
  private func rowsToPaint(_ ys: [Double]) -> ClosedRange<Int>? {
    guard let low = ys.min(), let high = ys.max(), low.isFinite, high.isFinite else { return nil }
    let first = max(Int(max(clip.minY, 0).rounded(.down)), Int(max(low, -1).rounded(.down)))
    let last = min(
      Int(min(clip.maxY, Double(height)).rounded(.up)) - 1, Int(min(high, 1e6).rounded(.up)))
    return first <= last ? first...last : nil
  }

  /// Paints the pixels of row `y` whose centres lie in [`left`, `right`), within the clip.
  private func paintSpan(y: Int, from left: Double, to right: Double, color: Color) {
    guard (0..<height).contains(y), let row = pointer.pointee.tpixels[y] else { return }
    let minX = max(0, Int(max(clip.minX, 0).rounded(.down)))
    let maxX = min(width, Int(min(clip.maxX, Double(width)).rounded(.up)))
    let x0 = max(minX, Int(max(left - 0.5, -1).rounded(.up)))
    let x1 = min(maxX, Int(min(right - 0.5, 1e6).rounded(.up)))
    guard x0 < x1 else { return }
    let value = Self.gdColor(color, alpha: 1)
    for x in x0..<x1 { row[x] = value }
  }

  /// Sets every pixel to `color`, ignoring the clip: the quick way to start a new picture.
  func fill(with color: Color) {
    let value = Self.gdColor(color, alpha: 1)
    for y in 0..<height {
      guard let row = pointer.pointee.tpixels[y] else { continue }
      for x in 0..<width { row[x] = value }
    }
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
      for block in 0..<w {
        var sum = 0
        for x in (block * factor)..<((block + 1) * factor) { sum += Int((row[x] >> 8) & 0xFF) }
        sums[base + block] += sum
      }
    }
    let scale = 1 / Float(255 * factor * factor)
    return sums.map { Float($0) * scale }
  }
}
