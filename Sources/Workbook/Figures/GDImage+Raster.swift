import Foundation

/// Antialiased strokes and discs with sub-pixel positions, any width and true translucency.
///
/// libgd's own antialiasing (`gdImageSetAntiAliased` with the `gdAntiAliased` colour) snaps
/// endpoints to whole pixels and ignores the colour's alpha, so a translucent or 2.5-pixel line
/// cannot be drawn with it. Here each pixel's coverage is computed from its centre's distance to
/// the shape (a one-pixel linear ramp at the edge, the usual signed-distance antialiasing) and
/// the colour is blended at `alpha × coverage` through libgd's alpha blending.
extension GDImage {
  /// Strokes every polyline in `paths` `width` pixels wide with round joins and caps.
  ///
  /// The paths share one coverage mask, so where they overlap (a joint, a crossing, the head of
  /// an arrow) a translucent colour is laid down once rather than darkening.
  /// Widths under one pixel are drawn one pixel wide at proportionally lower alpha.
  func stroke(_ paths: [[Point]], width: Double, color: Color, alpha: Double = 1) {
    let lineWidth = max(width, 1)
    let alpha = alpha * min(width, 1)
    let reach = lineWidth / 2 + 1
    let all = paths.joined()
    guard let first = all.first else { return }
    var bounds = (minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
    for p in all {
      bounds = (
        min(bounds.minX, p.x), min(bounds.minY, p.y), max(bounds.maxX, p.x), max(bounds.maxY, p.y)
      )
    }
    guard
      let box = pixelBox(
        bounds.minX - reach, bounds.minY - reach, bounds.maxX + reach, bounds.maxY + reach)
    else { return }
    let maskWidth = box.x1 - box.x0 + 1
    var coverage = [Float](repeating: 0, count: maskWidth * (box.y1 - box.y0 + 1))

    for path in paths {
      let segments = path.count == 1 ? [(path[0], path[0])] : Array(zip(path, path.dropFirst()))
      for (a, b) in segments {
        guard
          let seg = pixelBox(
            min(a.x, b.x) - reach, min(a.y, b.y) - reach, max(a.x, b.x) + reach,
            max(a.y, b.y) + reach,
            within: box)
        else { continue }
        for py in seg.y0...seg.y1 {
          for px in seg.x0...seg.x1 {
            let d = distance(from: Point(x: Double(px) + 0.5, y: Double(py) + 0.5), toSegment: a, b)
            let c = Float(min(max(lineWidth / 2 + 0.5 - d, 0), 1))
            let i = (py - box.y0) * maskWidth + (px - box.x0)
            if c > coverage[i] { coverage[i] = c }
          }
        }
      }
    }
    composite(coverage, box: box, color: color, alpha: alpha)
  }

  /// Fills a disc of `radius` pixels centred at `center`, antialiased, blended at `alpha`.
  func fillDisc(center: Point, radius: Double, color: Color, alpha: Double) {
    guard
      let box = pixelBox(
        center.x - radius - 1, center.y - radius - 1, center.x + radius + 1, center.y + radius + 1)
    else { return }
    for py in box.y0...box.y1 {
      for px in box.x0...box.x1 {
        let d = hypot(Double(px) + 0.5 - center.x, Double(py) + 0.5 - center.y)
        let c = min(max(radius + 0.5 - d, 0), 1)
        if c > 0 { blendPixel(x: px, y: py, color: color, alpha: alpha * c) }
      }
    }
  }

  /// Blends `color` into the pixels of `box` in proportion to their coverage.
  private func composite(_ coverage: [Float], box: PixelBox, color: Color, alpha: Double) {
    let maskWidth = box.x1 - box.x0 + 1
    for py in box.y0...box.y1 {
      for px in box.x0...box.x1 {
        let c = coverage[(py - box.y0) * maskWidth + (px - box.x0)]
        if c > 0 { blendPixel(x: px, y: py, color: color, alpha: alpha * Double(c)) }
      }
    }
  }

  /// Inclusive pixel bounds.
  struct PixelBox {
    var x0: Int, y0: Int, x1: Int, y1: Int
  }

  /// The pixels whose centres may lie in the given bounds, cut to `within` (default: the
  /// clip rectangle); nil when nothing is left.
  private func pixelBox(
    _ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double, within: PixelBox? = nil
  )
    -> PixelBox?
  {
    let limit =
      within
      ?? PixelBox(
        x0: max(0, Int(clip.minX.rounded(.down))), y0: max(0, Int(clip.minY.rounded(.down))),
        x1: min(width, Int(clip.maxX.rounded(.up))) - 1,
        y1: min(height, Int(clip.maxY.rounded(.up))) - 1)
    guard minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else { return nil }
    let box = PixelBox(
      x0: max(limit.x0, Int(max(minX, -1e6).rounded(.down))),
      y0: max(limit.y0, Int(max(minY, -1e6).rounded(.down))),
      x1: min(limit.x1, Int(min(maxX, 1e6).rounded(.up))),
      y1: min(limit.y1, Int(min(maxY, 1e6).rounded(.up))))
    return box.x0 <= box.x1 && box.y0 <= box.y1 ? box : nil
  }
}

/// The Euclidean distance from `p` to the segment from `a` to `b`.
private func distance(from p: Point, toSegment a: Point, _ b: Point) -> Double {
  let dx = b.x - a.x
  let dy = b.y - a.y
  let length2 = dx * dx + dy * dy
  let t = length2 == 0 ? 0 : min(max(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0), 1)
  return hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
}
