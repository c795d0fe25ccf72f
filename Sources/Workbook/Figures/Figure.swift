import Foundation

/// A figure of `rows × columns` panels, each `panelWidth × panelHeight` pixels, under an
/// optional title strip, rendered to PNG through libgd.
///
/// The image is `columns · panelWidth` pixels wide and `rows · panelHeight` pixels high, plus
/// `Figure.titleStripHeight` when there is a title (see `pixelWidth`, `pixelHeight`).
/// Panels are addressed row-major: panel `index` is at row `index / columns`, column
/// `index % columns`.
///
///     var figure = Figure(title: "D*(x) = p_data / (p_data + p_g)", columns: 2)
///     figure[0].line(xs, pData, label: "p_data")
///     figure[1].heatmap(values: d, width: 64, height: 64, xRange: -3...3, yRange: -3...3)
///     run.save(figure, as: "optimal-d.png")
public struct Figure: Sendable {
  public var title: String?
  public let rows: Int
  public let columns: Int
  public let panelWidth: Int
  public let panelHeight: Int
  private var panels: [Panel]

  /// The height in pixels of the strip that holds a figure title.
  public static let titleStripHeight = 34

  /// - Precondition: at least one row and column; panels at least 120 × 90 pixels.
  public init(
    title: String? = nil, rows: Int = 1, columns: Int = 1, panelWidth: Int = 480,
    panelHeight: Int = 360
  ) {
    precondition(
      rows >= 1 && columns >= 1, "Figure: rows \(rows) and columns \(columns) must be at least 1")
    precondition(
      panelWidth >= 120 && panelHeight >= 90,
      "Figure: panels of \(panelWidth) × \(panelHeight) pixels are too small to read; use at least 120 × 90"
    )
    self.title = title
    self.rows = rows
    self.columns = columns
    self.panelWidth = panelWidth
    self.panelHeight = panelHeight
    self.panels = Array(repeating: Panel(), count: rows * columns)
  }

  public var pixelWidth: Int { columns * panelWidth }
  public var pixelHeight: Int { rows * panelHeight + (title == nil ? 0 : Self.titleStripHeight) }

  /// Panel `index`, counted row by row from the top-left.
  public subscript(_ index: Int) -> Panel {
    get { panels[checked(index)] }
    set { panels[checked(index)] = newValue }
  }

  public subscript(row row: Int, column column: Int) -> Panel {
    get { self[position(row, column)] }
    set { self[position(row, column)] = newValue }
  }

  /// The figure as PNG bytes.
  /// - Throws: `WorkbookError.badData` when a panel holds a non-finite value (naming the panel,
  ///   the mark and the value) or the DejaVu Sans font is missing.
  public func renderPNG() throws -> Data {
    try render().pngData()
  }

  /// The figure drawn on a true-colour libgd image.
  func render() throws -> GDImage {
    let image = try GDImage(width: pixelWidth, height: pixelHeight)
    var top = 0
    if let title {
      try image.draw(
        title, at: Point(x: Double(pixelWidth) / 2, y: Double(Self.titleStripHeight) / 2 + 2),
        font: .figureTitle,
        color: Axes.textColor, anchor: .center)
      top = Self.titleStripHeight
    }
    for (index, panel) in panels.enumerated() {
      let frame = Rect(
        x: Double((index % columns) * panelWidth), y: Double(top + (index / columns) * panelHeight),
        width: Double(panelWidth), height: Double(panelHeight))
      let name = "panel \(index)" + (panel.title.map { " “\($0)”" } ?? "")
      try PanelRenderer(panel: panel, name: name).draw(on: image, in: frame)
    }
    return image
  }

  private func checked(_ index: Int) -> Int {
    precondition(
      panels.indices.contains(index),
      "Figure: panel \(index) does not exist; a \(rows) × \(columns) figure has panels 0..<\(panels.count)"
    )
    return index
  }

  private func position(_ row: Int, _ column: Int) -> Int {
    precondition(
      (0..<rows).contains(row) && (0..<columns).contains(column),
      "Figure: panel (row \(row), column \(column)) does not exist in a \(rows) × \(columns) figure"
    )
    return row * columns + column
  }
}
