/// One thing drawn in a panel's plot area, in data coordinates: a line, a scatter, a
/// histogram... Panels keep marks in the order they were added and draw them in that order.
protocol Mark: Sendable {
  /// The data the mark shows along x; nil when it asks nothing of the x axis.
  var xExtent: DataExtent? { get }
  /// The data the mark shows along y; nil when it asks nothing of the y axis.
  var yExtent: DataExtent? { get }
  /// The mark's line in the legend; nil when it has no label.
  var legendEntry: LegendEntry? { get }
  /// Throws `WorkbookError.badData` when a value is not finite; `panel` names the panel.
  func validate(panel: String) throws
  /// Draws the mark; `context.image` is clipped to the plot area.
  func draw(in context: PlotContext) throws
}

extension Mark {
  var legendEntry: LegendEntry? { nil }
}

/// What a mark draws with: the image, the plot area and the data-to-pixel maps.
struct PlotContext {
  let image: GDImage
  let plot: Rect
  let x: LinearScale
  let y: LinearScale

  /// The pixel position of the data point (x, y).
  func point(_ x: Double, _ y: Double) -> Point {
    Point(x: self.x(x), y: self.y(y))
  }
}

/// The sample of a mark in a legend.
enum Swatch: Sendable {
  case line(Color, width: Double, dashed: Bool)
  case marker(Color, alpha: Double, radius: Double)
  case box(Color, alpha: Double)
}

/// One line of a legend: a swatch and its label.
struct LegendEntry: Sendable {
  var label: String
  var swatch: Swatch
}

/// Throws `WorkbookError.badData` naming the first non-finite entry of `values`, e.g.
/// "figure panel 1 “Density”: line “p_g”: y[17] is nan".
func requireFinite(_ values: [Double], _ name: String, in mark: String, panel: String) throws {
  guard let i = values.firstIndex(where: { !$0.isFinite }) else { return }
  throw WorkbookError.badData(
    path: "figure \(panel)",
    reason:
      "\(mark): \(name)[\(i)] is \(values[i]); only finite values can be plotted (did training diverge?)"
  )
}

/// "line “p_g”" or "line" when unlabelled, for error messages.
func describe(_ kind: String, _ label: String?) -> String {
  label.map { "\(kind) “\($0)”" } ?? kind
}

/// Dash and gap lengths in pixels for a dashed stroke `width` pixels wide.
func dashPattern(width: Double) -> (on: Double, off: Double) {
  (on: 4 + 2.5 * width, off: 2 + 1.5 * width)
}
