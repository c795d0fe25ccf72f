/// A sequential colour map for values on a line from low to high.
public enum ColorMap {
  /// Viridis (van der Walt & Smith, matplotlib 2015): dark purple → blue → green → yellow,
  /// perceptually uniform, readable in greyscale and under colour-vision deficiency.
  /// `t` is clamped to 0...1; the map is linear between nine published anchors.
  public static func viridis(_ t: Double) -> Color {
    let t = min(max(t.isFinite ? t : 0, 0), 1) * Double(viridisAnchors.count - 1)
    let i = min(Int(t), viridisAnchors.count - 2)
    return viridisAnchors[i].mixed(with: viridisAnchors[i + 1], t - Double(i))
  }

  private static let viridisAnchors: [Color] = [
    Color(r: 68, g: 1, b: 84), Color(r: 71, g: 45, b: 123), Color(r: 59, g: 82, b: 139),
    Color(r: 44, g: 114, b: 142), Color(r: 33, g: 145, b: 140), Color(r: 40, g: 174, b: 128),
    Color(r: 94, g: 201, b: 98), Color(r: 173, g: 220, b: 48), Color(r: 253, g: 231, b: 37),
  ]
}

/// A function of two variables sampled on a `width` × `height` grid of cells tiling
/// `xRange` × `yRange` (e.g. D(x) over the plane), drawn in viridis with a colour bar.
///
/// `values[j * width + i]` belongs to the cell whose centre is
/// x = xRange.lowerBound + (i + ½)·Δx, y = yRange.lowerBound + (j + ½)·Δy: row j = 0 is the
/// *bottom* row (smallest y), as in a plot, not the top row as in an image.
struct HeatmapMark: Mark {
  var values: [Double]
  var width: Int
  var height: Int
  var xRange: ClosedRange<Double>
  var yRange: ClosedRange<Double>
  var valueRange: ClosedRange<Double>?
  var label: String?

  var xExtent: DataExtent? { DataExtent(xRange, exactLower: true, exactUpper: true) }
  var yExtent: DataExtent? { DataExtent(yRange, exactLower: true, exactUpper: true) }

  /// The values mapped to the two ends of the colour map: `valueRange`, or the data's range.
  var colorRange: ClosedRange<Double> {
    if let valueRange { return valueRange }
    guard let extent = DataExtent(values)?.range else { return 0...1 }
    return extent.lowerBound < extent.upperBound ? extent : DataExtent(extent).axisRange(margin: 0)
  }

  func validate(panel: String) throws {
    let name = describe("heatmap", label)
    try requireFinite(values, "value", in: name, panel: panel)
    try requireFinite(
      [xRange.lowerBound, xRange.upperBound, yRange.lowerBound, yRange.upperBound], "x/y range",
      in: name,
      panel: panel)
    if let valueRange {
      try requireFinite(
        [valueRange.lowerBound, valueRange.upperBound], "valueRange", in: name, panel: panel)
    }
    if !(colorRange.upperBound - colorRange.lowerBound).isFinite {
      throw WorkbookError.badData(
        path: "figure \(panel)",
        reason: "\(name): values span \(colorRange), too wide for a colour scale")
    }
  }

  /// Fills every plot pixel whose centre lies inside the grid with its cell's colour.
  func draw(in context: PlotContext) throws {
    let colors = colorRange
    let span = colors.upperBound - colors.lowerBound
    let dx = (xRange.upperBound - xRange.lowerBound) / Double(width)
    let dy = (yRange.upperBound - yRange.lowerBound) / Double(height)
    let xs = pixelSpan(
      context.x(xRange.lowerBound), context.x(xRange.upperBound),
      within: context.plot.minX...context.plot.maxX)
    let ys = pixelSpan(
      context.y(yRange.upperBound), context.y(yRange.lowerBound),
      within: context.plot.minY...context.plot.maxY)
    guard let xs, let ys else { return }
    let columns = xs.map { px in
      min(width - 1, max(0, Int((context.x.inverse(Double(px) + 0.5) - xRange.lowerBound) / dx)))
    }
    for py in ys {
      let j = min(
        height - 1, max(0, Int((context.y.inverse(Double(py) + 0.5) - yRange.lowerBound) / dy)))
      for (px, i) in zip(xs, columns) {
        let t = span > 0 ? (values[j * width + i] - colors.lowerBound) / span : 0.5
        context.image.blendPixel(x: px, y: py, color: ColorMap.viridis(t), alpha: 1)
      }
    }
  }

  /// The pixels whose centres lie between two pixel positions, cut to `within`.
  private func pixelSpan(_ a: Double, _ b: Double, within: ClosedRange<Double>) -> ClosedRange<Int>?
  {
    let low = pixel(max(min(a, b), within.lowerBound))
    let high = pixel(min(max(a, b), within.upperBound)) - 1
    return low <= high ? low...high : nil
  }
}

/// The scale beside a heatmap: the colour map as a vertical bar, ticked in data values.
struct ColorBar {
  var range: ClosedRange<Double>
  var label: String?
  static let gap = 12.0
  static let barWidth = 14.0

  /// The horizontal room the bar, its tick labels and its label take right of the plot.
  func width(plotHeight: Double) throws -> Double {
    let labels = tickLabels(plotHeight: plotHeight).labels
    let widest = try labels.map { try GDImage.measure($0, .tickLabel).width }.max() ?? 0
    let title = try label.map { _ in try GDImage.measure("Hg", .axisLabel).height + 8 } ?? 0
    return Self.gap + Self.barWidth + 7 + widest + title + 4
  }

  func draw(on image: GDImage, beside plot: Rect) throws {
    let x0 = Int(plot.maxX + Self.gap)
    let x1 = x0 + Int(Self.barWidth) - 1
    let (top, bottom) = (Int(plot.minY), Int(plot.maxY) - 1)
    let scale = LinearScale(domain: range, pixels: (Double(bottom) + 0.5, Double(top) + 0.5))
    for py in top...bottom {
      let t =
        (scale.inverse(Double(py) + 0.5) - range.lowerBound) / (range.upperBound - range.lowerBound)
      image.fillRect(x0: x0, y0: py, x1: x1, y1: py, color: ColorMap.viridis(t))
    }
    image.strokeRect(x0: x0, y0: top, x1: x1, y1: bottom, color: Axes.frameColor)
    let (ticks, labels) = tickLabels(plotHeight: plot.height)
    var widest = 0.0
    for (tick, text) in zip(ticks, labels) {
      let py = Int(scale(tick).rounded(.down))
      image.fillRect(x0: x1 + 1, y0: py, x1: x1 + 3, y1: py, color: Axes.frameColor)
      try image.draw(
        text, at: Point(x: Double(x1) + 7, y: Double(py) + 0.5), font: .tickLabel,
        color: Axes.textColor,
        anchor: TextAnchor(horizontal: .leading, vertical: .middle))
      widest = max(widest, try GDImage.measure(text, .tickLabel).width)
    }
    if let label {
      try image.draw(
        label, at: Point(x: Double(x1) + 7 + widest + 6, y: plot.midY), font: .axisLabel,
        color: Axes.textColor,
        anchor: TextAnchor(horizontal: .center, vertical: .top), rotated: true)
    }
  }

  private func tickLabels(plotHeight: Double) -> (ticks: [Double], labels: [String]) {
    let (ticks, step) = NiceTicks.ticksAndStep(for: range, target: max(2, Int(plotHeight / 50)))
    return (ticks, NiceTicks.labels(ticks, step: step))
  }
}
