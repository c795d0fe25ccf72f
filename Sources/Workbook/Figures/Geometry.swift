import Foundation

/// A point in pixel coordinates: x to the right, y downwards, (0, 0) the top-left corner of
/// the top-left pixel, so the centre of pixel (i, j) is (i + 0.5, j + 0.5).
struct Point: Equatable {
  var x: Double
  var y: Double
}

/// `value` rounded to a whole pixel and kept within ±10⁶, so data far outside the plot
/// (clipped anyway) cannot overflow an integer coordinate; NaN, which validation rules out,
/// maps to the lower limit.
func pixel(_ value: Double) -> Int {
  guard !value.isNaN else { return -1_000_000 }
  return Int(min(max(value.rounded(), -1e6), 1e6))
}

/// An axis-aligned rectangle in pixel coordinates (see `Point`).
struct Rect: Equatable {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  var minX: Double { x }
  var maxX: Double { x + width }
  var minY: Double { y }
  var maxY: Double { y + height }
  var midX: Double { x + width / 2 }
  var midY: Double { y + height / 2 }

  /// The rectangle shrunk by the given amounts on each side (never to a negative size).
  func inset(left: Double = 0, top: Double = 0, right: Double = 0, bottom: Double = 0) -> Rect {
    Rect(
      x: x + left, y: y + top,
      width: max(0, width - left - right), height: max(0, height - top - bottom))
  }
}

/// Splits a polyline into dashes of `on` pixels separated by gaps of `off` pixels, measured
/// along the line, so a dashed curve keeps an even rhythm however its points are spaced.
func dashes(of points: [Point], on: Double, off: Double) -> [[Point]] {
  precondition(on > 0 && off > 0, "dash lengths must be positive (on \(on), off \(off))")
  var dashes: [[Point]] = []
  var current: [Point] = []
  var drawing = true
  var left = on
  for (a, b) in zip(points, points.dropFirst()) {
    var start = a
    var remaining = hypot(b.x - a.x, b.y - a.y)
    if drawing && current.isEmpty { current.append(start) }
    while remaining > left {
      let t = left / remaining
      let cut = Point(x: start.x + (b.x - start.x) * t, y: start.y + (b.y - start.y) * t)
      if drawing {
        current.append(cut)
        dashes.append(current)
        current = []
      } else {
        current = [cut]
      }
      remaining -= left
      start = cut
      drawing.toggle()
      left = drawing ? on : off
    }
    left -= remaining
    if drawing { current.append(b) }
  }
  if current.count > 1 { dashes.append(current) }
  return dashes
}
