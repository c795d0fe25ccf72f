import CGD
import Foundation

/// A typeface of DejaVu Sans, the font of every figure (Debian package fonts-dejavu-core).
enum FontFace {
  case regular
  case bold

  var path: String {
    switch self {
    case .regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    case .bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    }
  }
}

/// A font face at a size in points (libgd renders at 96 dpi, so 10 pt is about 13 pixels).
struct Font {
  var face: FontFace = .regular
  var points: Double

  static let figureTitle = Font(face: .bold, points: 14)
  static let panelTitle = Font(face: .bold, points: 12)
  static let axisLabel = Font(points: 11)
  static let tickLabel = Font(points: 10)
  static let legend = Font(points: 10)
  static let caption = Font(points: 9)
}

/// How a text is placed relative to its anchor point.
struct TextAnchor {
  enum Horizontal { case leading, center, trailing }
  /// `top` and `bottom` are the top of a capital and the bottom of a descender; `middle` is
  /// half a capital above the baseline, which centres digits and capitals visually.
  enum Vertical { case top, middle, baseline, bottom }
  var horizontal: Horizontal
  var vertical: Vertical

  static let center = TextAnchor(horizontal: .center, vertical: .middle)
}

/// The extent of a text in pixels: its ink width, and the font's capital height and
/// descender depth (the same for every text in one font, so labels line up).
struct TextExtent {
  var width: Double
  var ascent: Double
  var descent: Double
  var height: Double { ascent + descent }
}

extension GDImage {
  /// FreeType's font cache must be set up once before threads draw text concurrently.
  private static let fontCacheReady: Bool = gdFontCacheSetup() == 0

  /// The font file for `face`.
  /// - Throws: `WorkbookError.badData` naming the missing file and the package that installs it.
  static func fontFile(_ face: FontFace) throws -> String {
    guard FileManager.default.fileExists(atPath: face.path) else {
      throw WorkbookError.badData(
        path: face.path,
        reason:
          "font file missing; figures are drawn in DejaVu Sans from the Debian package fonts-dejavu-core (sudo apt-get install fonts-dejavu-core, or `make setup`)"
      )
    }
    guard fontCacheReady else {
      throw WorkbookError.badData(
        path: face.path, reason: "libgd could not start FreeType (gdFontCacheSetup failed)")
    }
    return face.path
  }

  /// The extent of `text` in `font`, without drawing it.
  static func measure(_ text: String, _ font: Font) throws -> TextExtent {
    let metrics = try inkBox("Hg", font)
    let width = text.isEmpty ? 0 : try inkBox(text, font).width
    return TextExtent(width: width, ascent: metrics.ascent, descent: metrics.descent)
  }

  /// Draws `text` with its anchor at `point`, horizontally or rotated a quarter turn
  /// anticlockwise (reading upwards, for a y-axis label).
  func draw(
    _ text: String, at point: Point, font: Font, color: Color = .black,
    anchor: TextAnchor = .center,
    rotated: Bool = false
  ) throws {
    guard !text.isEmpty else { return }
    let extent = try Self.measure(text, font)
    let u: Double =
      switch anchor.horizontal {
      case .leading: 0
      case .center: extent.width / 2
      case .trailing: extent.width
      }
    let v: Double =
      switch anchor.vertical {
      case .top: -extent.ascent
      case .middle: -extent.ascent / 2
      case .baseline: 0
      case .bottom: extent.descent
      }
    // The baseline origin is the anchor moved back by (u, v) in the text's own frame.
    let origin =
      rotated ? Point(x: point.x - v, y: point.y + u) : Point(x: point.x - u, y: point.y - v)
    var box = [Int32](repeating: 0, count: 8)
    let file = try Self.fontFile(font.face)
    if let error = gdImageStringFT(
      pointer, &box, Self.gdColor(color, alpha: 1), file, font.points, rotated ? Double.pi / 2 : 0,
      Int32(pixel(origin.x)), Int32(pixel(origin.y)), text)
    {
      throw WorkbookError.badData(
        path: file, reason: "FreeType could not draw “\(text)”: \(String(cString: error))")
    }
  }

  /// The ink bounding box of `text` relative to its baseline origin.
  private static func inkBox(_ text: String, _ font: Font) throws -> TextExtent {
    let file = try fontFile(font.face)
    var box = [Int32](repeating: 0, count: 8)
    if let error = gdImageStringFT(nil, &box, 0, file, font.points, 0, 0, 0, text) {
      throw WorkbookError.badData(
        path: file, reason: "FreeType could not measure “\(text)”: \(String(cString: error))")
    }
    // box: lower-left, lower-right, upper-right, upper-left corners as (x, y) pairs.
    return TextExtent(
      width: Double(box[2] - box[0]), ascent: Double(-box[5]), descent: Double(box[1]))
  }
}
