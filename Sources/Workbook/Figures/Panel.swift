import Math

/// One plot of a `Figure`: axes with nice ticks, a title, labels, a legend, and the marks
/// added to it (lines, scatters, histograms...), drawn in the order they were added.
///
/// Marks take data coordinates. A mark without a colour takes the next colour of `Palette`
/// (reference lines, arrows and text default to grey or black instead). Lengths are checked
/// when a mark is added (a mismatch is a programmer error and stops the program, naming both
/// counts); values are checked when the figure is rendered, which throws
/// `WorkbookError.badData` naming the panel, the mark and the first value that is NaN or
/// infinite.
public struct Panel: Sendable {
  public var title: String?
  public var xLabel: String?
  public var yLabel: String?
  /// The x range shown; nil fits the data with a 4 % margin (heatmap edges and the zero under
  /// histogram bars sit on the frame).
  public var xRange: ClosedRange<Double>?
  /// The y range shown; nil fits the data like `xRange`.
  public var yRange: ClosedRange<Double>?
  /// The y ticks drawn are those inside this range; nil draws them over all of `yRange` (set it
  /// when part of the plot is not a y axis, such as the arrow strip of a Fig. 1 replica).
  public var yTickRange: ClosedRange<Double>?
  public var legendPosition: LegendPosition = .topRight
  /// Whether the frame, grid, ticks and axis labels are drawn. `images` turns it off.
  public var showsAxes = true
  /// Names for a categorical x axis: when set, the x ticks sit at 1, 2, …, n and are labelled
  /// with the names instead of numbers (marks place category i at x = i + 1).
  public var xCategories: [String]?

  var marks: [any Mark] = []
  var imageGrid: ImageGrid?
  private var seriesCount = 0

  public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  /// A line through (xs[i], ys[i]), `width` pixels wide, solid or dashed.
  public mutating func line(
    _ xs: [Double], _ ys: [Double], label: String? = nil, color: Color? = nil, width: Double = 2,
    dashed: Bool = false
  ) {
    requireSameCount(xs.count, ys.count, "line", "xs", "ys")
    precondition(width > 0, "line: width \(width) must be positive")
    add(
      LineMark(
        xs: xs, ys: ys, label: label, color: color ?? nextColor(), width: width, dashed: dashed))
  }

  /// Discs of `radius` pixels at (xs[i], ys[i]), blended at `alpha` so dense regions darken.
  public mutating func scatter(
    _ xs: [Double], _ ys: [Double], label: String? = nil, color: Color? = nil, alpha: Double = 0.6,
    radius: Double = 2.5
  ) {
    requireSameCount(xs.count, ys.count, "scatter", "xs", "ys")
    requireAlpha(alpha, "scatter")
    precondition(radius > 0, "scatter: radius \(radius) must be positive")
    add(
      ScatterMark(
        xs: xs, ys: ys, label: label, color: color ?? nextColor(), alpha: alpha, radius: radius))
  }

  /// A histogram of `values` in `bins` equal bins over `range` (the values' own range when
  /// nil; values outside are left out). With `density` the bars have total area 1, so they
  /// compare with a probability density drawn by `line`; otherwise bar heights are counts.
  public mutating func histogram(
    _ values: [Double], bins: Int = 40, range: ClosedRange<Double>? = nil, density: Bool = true,
    label: String? = nil, color: Color? = nil, alpha: Double = 0.45
  ) {
    precondition(bins >= 1, "histogram: bins \(bins) must be at least 1")
    requireAlpha(alpha, "histogram")
    add(
      HistogramMark(
        values: values, bins: bins, range: range, density: density, label: label,
        color: color ?? nextColor(),
        alpha: alpha))
  }

  /// The band between `lower[i]` and `upper[i]` over `xs[i]`, filled at `alpha`.
  public mutating func fill(
    _ xs: [Double], lower: [Double], upper: [Double], label: String? = nil, color: Color? = nil,
    alpha: Double = 0.3
  ) {
    requireSameCount(xs.count, lower.count, "fill", "xs", "lower")
    requireSameCount(xs.count, upper.count, "fill", "xs", "upper")
    requireAlpha(alpha, "fill")
    add(
      FillMark(
        xs: xs, lower: lower, upper: upper, label: label, color: color ?? nextColor(), alpha: alpha)
    )
  }

  /// An arrow from each `from[i]` to `to[i]`, 1.2 pixels wide with a 7-pixel head: for
  /// instance the mapping x = G(z), from points (z, 0) on a z line to (G(z), 1) on an x line,
  /// as in Fig. 1 of Goodfellow et al. (2014). Defaults to black.
  public mutating func arrows(
    from: [(x: Double, y: Double)], to: [(x: Double, y: Double)], color: Color? = nil,
    alpha: Double = 0.7
  ) {
    requireSameCount(from.count, to.count, "arrows", "from", "to")
    requireAlpha(alpha, "arrows")
    add(
      ArrowsMark(
        from: from.map { Point(x: $0.x, y: $0.y) }, to: to.map { Point(x: $0.x, y: $0.y) },
        color: color ?? .black,
        alpha: alpha))
  }

  /// A reference line across the plot at height `y` (grey and dashed unless told otherwise).
  public mutating func horizontalLine(
    _ y: Double, label: String? = nil, color: Color? = nil, dashed: Bool = true
  ) {
    add(
      RuleMark(
        orientation: .horizontal, value: y, label: label, color: color ?? .gray, dashed: dashed))
  }

  /// A reference line across the plot at `x` (grey and dashed unless told otherwise).
  public mutating func verticalLine(
    _ x: Double, label: String? = nil, color: Color? = nil, dashed: Bool = true
  ) {
    add(
      RuleMark(
        orientation: .vertical, value: x, label: label, color: color ?? .gray, dashed: dashed))
  }

  /// `s` in 10 pt type, its left end at the data point (x, y), vertically centred on it.
  public mutating func text(_ s: String, x: Double, y: Double, color: Color? = nil) {
    add(TextMark(text: s, x: x, y: y, color: color ?? Axes.textColor))
  }

  /// A function of two variables on a `width` × `height` grid of cells tiling
  /// `xRange` × `yRange`, in the viridis colour map with a colour bar right of the plot
  /// (titled `label`). `values[j * width + i]` is the value at the centre of cell (i, j):
  /// x = xRange.lowerBound + (i + ½)·Δx, y = yRange.lowerBound + (j + ½)·Δy, so j = 0 is the
  /// bottom row. `valueRange` fixes the colour scale (so frames of an animation agree); nil
  /// uses the values' range.
  public mutating func heatmap(
    values: [Double], width: Int, height: Int, xRange: ClosedRange<Double>,
    yRange: ClosedRange<Double>,
    valueRange: ClosedRange<Double>? = nil, label: String? = nil
  ) {
    precondition(
      width >= 1 && height >= 1, "heatmap: grid \(width) × \(height) must be at least 1 × 1")
    precondition(
      values.count == width * height,
      "heatmap: values has \(values.count) entries but a \(width) × \(height) grid needs \(width * height)"
    )
    precondition(
      xRange.lowerBound < xRange.upperBound && yRange.lowerBound < yRange.upperBound,
      "heatmap: xRange \(xRange) and yRange \(yRange) must not be empty")
    if let valueRange {
      precondition(
        valueRange.lowerBound < valueRange.upperBound,
        "heatmap: valueRange \(valueRange) must not be empty")
    }
    add(
      HeatmapMark(
        values: values, width: width, height: height, xRange: xRange, yRange: yRange,
        valueRange: valueRange,
        label: label))
  }

  /// A grid of greyscale images filling the panel below its title, `columns` to a row, with
  /// no axes. `pixels[k]` holds image k's `width × height` values row by row from the top;
  /// `valueRange` maps to black...white. `captions`, if given, has one entry per image.
  /// A panel shows either an image grid or marks, not both.
  public mutating func images(
    _ pixels: [[Float]], width: Int, height: Int, columns: Int,
    valueRange: ClosedRange<Float> = 0...1,
    captions: [String]? = nil
  ) {
    precondition(
      marks.isEmpty, "images: this panel already has \(marks.count) marks; use a panel of its own")
    precondition(
      width >= 1 && height >= 1, "images: size \(width) × \(height) must be at least 1 × 1")
    precondition(columns >= 1, "images: columns \(columns) must be at least 1")
    precondition(
      valueRange.lowerBound < valueRange.upperBound,
      "images: valueRange \(valueRange) must not be empty")
    for (k, image) in pixels.enumerated() {
      precondition(
        image.count == width * height,
        "images: image \(k) has \(image.count) pixels but \(width) × \(height) needs \(width * height)"
      )
    }
    if let captions {
      requireSameCount(pixels.count, captions.count, "images", "pixels", "captions")
    }
    imageGrid = ImageGrid(
      pixels: pixels, width: width, height: height, columns: columns, valueRange: valueRange,
      captions: captions)
    showsAxes = false
  }

  /// The first `count` images (all when nil) of a batch `[n, 1, height, width]`, as
  /// `images(_:width:height:columns:valueRange:captions:)` draws them.
  public mutating func images(
    _ batch: Tensor, count: Int? = nil, columns: Int, valueRange: ClosedRange<Float> = 0...1,
    captions: [String]? = nil
  ) {
    precondition(
      batch.rank == 4 && batch.shape[1] == 1,
      "images: a batch of grey images [n, 1, height, width] is needed, got \(batch.shape)")
    let shown = min(count ?? batch.rows, batch.rows)
    images(
      (0..<shown).map { batch.rows($0..<($0 + 1)).scalars }, width: batch.shape[3],
      height: batch.shape[2], columns: columns, valueRange: valueRange, captions: captions)
  }

  mutating func add(_ mark: any Mark) {
    precondition(
      imageGrid == nil,
      "this panel shows an image grid; put \(type(of: mark)) in a panel of its own")
    marks.append(mark)
  }

  private mutating func nextColor() -> Color {
    defer { seriesCount += 1 }
    return Palette.series(seriesCount)
  }
}

private func requireSameCount(_ a: Int, _ b: Int, _ mark: String, _ nameA: String, _ nameB: String)
{
  precondition(a == b, "\(mark): \(nameA) has \(a) entries but \(nameB) has \(b); they must match")
}

private func requireAlpha(_ alpha: Double, _ mark: String) {
  precondition((0...1).contains(alpha), "\(mark): alpha \(alpha) must be in 0...1")
}
