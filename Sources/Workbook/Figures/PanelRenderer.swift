/// Draws one `Panel` into its rectangle of a figure: title, axes (frame, grid, ticks, tick
/// labels, axis labels), the marks clipped to the plot area, a colour bar for a heatmap, and
/// the legend. Layout is measured from the actual text, so long tick labels move the plot
/// rather than overlap it.
struct PanelRenderer {
  let panel: Panel
  /// "panel 2 “Density”", for error messages.
  let name: String
  static let padding = 10.0

  func draw(on image: GDImage, in frame: Rect) throws {
    try validate()
    var area = frame.inset(left: Self.padding, top: 8, right: Self.padding, bottom: 8)
    if let title = panel.title {
      try image.draw(
        title, at: Point(x: frame.midX, y: area.minY), font: .panelTitle, color: Axes.textColor,
        anchor: TextAnchor(horizontal: .center, vertical: .top))
      area = area.inset(top: try GDImage.measure(title, .panelTitle).height + 8)
    }
    if let grid = panel.imageGrid {
      try grid.draw(on: image, in: area)
      return
    }
    let layout = try AxesLayout(panel: panel, area: area, name: name)
    let context = PlotContext(image: image, plot: layout.plot, x: layout.xScale, y: layout.yScale)
    if panel.showsAxes { drawGrid(layout, on: image) }
    image.clip = layout.plot
    defer {
      image.clip = Rect(x: 0, y: 0, width: Double(image.width), height: Double(image.height))
    }
    for mark in panel.marks { try mark.draw(in: context) }
    image.clip = Rect(x: 0, y: 0, width: Double(image.width), height: Double(image.height))
    if panel.showsAxes { try drawAxes(layout, in: area, on: image) }
    if let bar = layout.colorBar { try bar.draw(on: image, beside: layout.plot) }
    try Legend(entries: panel.marks.compactMap(\.legendEntry))
      .draw(on: image, in: layout.plot, at: panel.legendPosition)
  }

  private func validate() throws {
    for (axis, range) in [("xRange", panel.xRange), ("yRange", panel.yRange)] {
      if let range, !(range.lowerBound.isFinite && range.upperBound.isFinite) {
        throw WorkbookError.badData(
          path: "figure \(name)", reason: "\(axis) \(range) must be finite")
      }
    }
    for mark in panel.marks { try mark.validate(panel: name) }
    try panel.imageGrid?.validate(panel: name)
  }

  private func drawGrid(_ layout: AxesLayout, on image: GDImage) {
    let (left, right, top, bottom) = layout.frame
    for px in layout.xTicks.map({ layout.column($0) }) where px > left && px < right {
      image.fillRect(x0: px, y0: top + 1, x1: px, y1: bottom - 1, color: Axes.gridColor)
    }
    for py in layout.yTicks.map({ layout.row($0) }) where py > top && py < bottom {
      image.fillRect(x0: left + 1, y0: py, x1: right - 1, y1: py, color: Axes.gridColor)
    }
  }

  private func drawAxes(_ layout: AxesLayout, in area: Rect, on image: GDImage) throws {
    let (left, right, top, bottom) = layout.frame
    image.strokeRect(x0: left, y0: top, x1: right, y1: bottom, color: Axes.frameColor)
    let tick = Axes.tickLength
    for (value, text) in zip(layout.xTicks, layout.xLabels) {
      let px = layout.column(value)
      image.fillRect(x0: px, y0: bottom + 1, x1: px, y1: bottom + tick, color: Axes.frameColor)
      try image.draw(
        text, at: Point(x: Double(px) + 0.5, y: Double(bottom + tick + 4)), font: .tickLabel,
        color: Axes.textColor, anchor: TextAnchor(horizontal: .center, vertical: .top))
    }
    for (value, text) in zip(layout.yTicks, layout.yLabels) {
      let py = layout.row(value)
      image.fillRect(x0: left - tick, y0: py, x1: left - 1, y1: py, color: Axes.frameColor)
      try image.draw(
        text, at: Point(x: Double(left - tick - 3), y: Double(py) + 0.5), font: .tickLabel,
        color: Axes.textColor, anchor: TextAnchor(horizontal: .trailing, vertical: .middle))
    }
    if let xLabel = panel.xLabel {
      try image.draw(
        xLabel, at: Point(x: layout.plot.midX, y: area.maxY), font: .axisLabel,
        color: Axes.textColor,
        anchor: TextAnchor(horizontal: .center, vertical: .bottom))
    }
    if let yLabel = panel.yLabel {
      try image.draw(
        yLabel, at: Point(x: area.minX, y: layout.plot.midY), font: .axisLabel,
        color: Axes.textColor,
        anchor: TextAnchor(horizontal: .center, vertical: .top), rotated: true)
    }
  }
}

/// Where a panel's plot area sits and what its axes show: the data ranges, the ticks and
/// their labels, and the room the labels need.
struct AxesLayout {
  var plot: Rect
  var xScale: LinearScale
  var yScale: LinearScale
  var xTicks: [Double] = []
  var xLabels: [String] = []
  var yTicks: [Double] = []
  var yLabels: [String] = []
  var colorBar: ColorBar?

  /// The pixel columns and rows of the 1-pixel frame around the plot area.
  var frame: (left: Int, right: Int, top: Int, bottom: Int) {
    (Int(plot.minX), Int(plot.maxX) - 1, Int(plot.minY), Int(plot.maxY) - 1)
  }
  func column(_ x: Double) -> Int { Int(xScale(x).rounded(.down)) }
  func row(_ y: Double) -> Int { Int(yScale(y).rounded(.down)) }

  /// - Throws: `WorkbookError.badData` when a range is too wide for a Double (values near ±10³⁰⁸).
  init(panel: Panel, area: Rect, name: String) throws {
    let xRange =
      panel.xRange.map { DataExtent($0, exactLower: true, exactUpper: true).axisRange() }
      ?? Self.fit(panel.marks.compactMap(\.xExtent))
    let yRange =
      panel.yRange.map { DataExtent($0, exactLower: true, exactUpper: true).axisRange() }
      ?? Self.fit(panel.marks.compactMap(\.yExtent))
    for (axis, range) in [("x", xRange), ("y", yRange)]
    where !(range.upperBound - range.lowerBound).isFinite {
      throw WorkbookError.badData(
        path: "figure \(name)", reason: "the \(axis) axis would span \(range), too wide to plot")
    }
    colorBar = panel.marks.compactMap { $0 as? HeatmapMark }.last.map {
      ColorBar(range: $0.colorRange, label: $0.label)
    }

    var (left, right, top, bottom) = (0.0, 0.0, 0.0, 0.0)
    if panel.showsAxes {
      let tickText = try GDImage.measure("Hg", .tickLabel)
      let labelText = try GDImage.measure("Hg", .axisLabel)
      top = (tickText.ascent / 2).rounded(.up)
      bottom =
        Double(Axes.tickLength) + 4 + tickText.height
        + (panel.xLabel == nil ? 0 : 6 + labelText.height) + 1
      let (ticks, step) = NiceTicks.ticksAndStep(
        for: yRange, target: max(2, Int((area.height - top - bottom) / Axes.pixelsPerYTick)))
      let labels = NiceTicks.labels(ticks, step: step)
      let shown = ticks.indices.filter { panel.yTickRange?.contains(ticks[$0]) ?? true }
      yTicks = shown.map { ticks[$0] }
      yLabels = shown.map { labels[$0] }
      let widest = try yLabels.map { try GDImage.measure($0, .tickLabel).width }.max() ?? 0
      left =
        (panel.yLabel == nil ? 0 : labelText.height + 6) + widest + 3 + Double(Axes.tickLength) + 1
      right = 8
    }
    right += try colorBar?.width(plotHeight: area.height - top - bottom) ?? 0
    plot = area.inset(
      left: left.rounded(.up), top: top, right: right.rounded(.up), bottom: bottom.rounded(.up))
    plot = Rect(
      x: plot.x.rounded(), y: plot.y.rounded(), width: plot.width.rounded(),
      height: plot.height.rounded())
    xScale = LinearScale(domain: xRange, pixels: (plot.minX + 0.5, plot.maxX - 0.5))
    yScale = LinearScale(domain: yRange, pixels: (plot.maxY - 0.5, plot.minY + 0.5))
    if panel.showsAxes, let names = panel.xCategories {
      (xTicks, xLabels) = (names.indices.map { Double($0 + 1) }, names)
    } else if panel.showsAxes {
      try chooseXTicks(xRange)
    }
  }

  /// The most x ticks (up to one per `Axes.pixelsPerXTick`) whose labels keep
  /// `Axes.tickLabelGap` pixels apart.
  private mutating func chooseXTicks(_ range: ClosedRange<Double>) throws {
    var target = max(2, Int(plot.width / Axes.pixelsPerXTick))
    while true {
      let (ticks, step) = NiceTicks.ticksAndStep(for: range, target: target)
      let labels = NiceTicks.labels(ticks, step: step)
      let widest = try labels.map { try GDImage.measure($0, .tickLabel).width }.max() ?? 0
      let spacing = ticks.count > 1 ? xScale(ticks[1]) - xScale(ticks[0]) : .infinity
      if spacing >= widest + Axes.tickLabelGap || target <= 2 {
        (xTicks, xLabels) = (ticks, labels)
        return
      }
      target -= 1
    }
  }

  /// The axis range for the union of the marks' extents; 0...1 when no mark has one.
  private static func fit(_ extents: [DataExtent]) -> ClosedRange<Double> {
    guard let first = extents.first else { return 0...1 }
    return extents.dropFirst().reduce(first) { $0.union($1) }.axisRange()
  }
}
