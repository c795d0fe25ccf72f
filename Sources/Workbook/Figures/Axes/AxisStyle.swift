/// The colours and sizes shared by every panel's axes, in pixels.
enum Axes {
  static let frameColor = Color(r: 64, g: 64, b: 64)
  static let gridColor = Color(r: 232, g: 232, b: 232)
  static let textColor = Color(r: 32, g: 32, b: 32)
  static let tickLength = 4
  /// The smallest gap, in pixels, between neighbouring x tick labels.
  static let tickLabelGap = 12.0
  /// Pixels of plot per tick the axes aim for.
  static let pixelsPerXTick = 80.0
  static let pixelsPerYTick = 42.0
}
