import CGD
import Foundation

/// The one owner of a libgd image (`gdImagePtr`): creates it, draws on it, encodes and decodes
/// it, and destroys it in `deinit`. Nothing else in the workbook imports `CGD`; the figure code
/// draws through this class only (in the manner of twostraws/SwiftGD).
///
/// Images are true-colour with alpha blending on, so every translucent drawing call composites
/// "source over" onto what is already there. Coordinates are pixels, origin top-left.
/// Drawing is spread over three files: this one (life cycle, pixels, rectangles, polygons,
/// encoding), `GDImage+Raster.swift` (antialiased strokes and discs) and `GDImage+Text.swift`
/// (FreeType text).
final class GDImage {
  /// The libgd image; valid for the lifetime of `self`.
  let pointer: gdImagePtr
  let width: Int
  let height: Int

  /// The rectangle that drawing is confined to; the whole image by default.
  var clip: Rect {
    didSet {
      gdImageSetClip(
        pointer, Int32(max(0, clip.minX.rounded(.down))), Int32(max(0, clip.minY.rounded(.down))),
        Int32(min(Double(width), clip.maxX.rounded(.up)) - 1),
        Int32(min(Double(height), clip.maxY.rounded(.up)) - 1))
    }
  }

  /// A true-colour `width` × `height` image filled with `background`.
  /// - Throws: `WorkbookError.badData` when libgd cannot allocate the image.
  init(width: Int, height: Int, background: Color = .white) throws {
    precondition(width > 0 && height > 0, "image size must be positive, got \(width) × \(height)")
    guard let pointer = gdImageCreateTrueColor(Int32(width), Int32(height)) else {
      throw WorkbookError.badData(
        path: "figure", reason: "libgd could not allocate a \(width) × \(height) image")
    }
    self.pointer = pointer
    self.width = width
    self.height = height
    self.clip = Rect(x: 0, y: 0, width: Double(width), height: Double(height))
    gdImageAlphaBlending(pointer, 1)
    gdImageSaveAlpha(pointer, 0)
    gdImageFilledRectangle(
      pointer, 0, 0, Int32(width - 1), Int32(height - 1), Self.gdColor(background, alpha: 1))
  }

  /// Takes ownership of an image libgd has created.
  private init(owning pointer: gdImagePtr) {
    self.pointer = pointer
    self.width = Int(pointer.pointee.sx)
    self.height = Int(pointer.pointee.sy)
    self.clip = Rect(x: 0, y: 0, width: Double(width), height: Double(height))
  }

  deinit { gdImageDestroy(pointer) }

  /// Decodes PNG bytes (the first frame of a GIF when `format` is `.gif`).
  /// - Throws: `WorkbookError.badData` naming the format when libgd cannot decode the bytes.
  static func decode(_ data: Data, format: EncodedFormat) throws -> GDImage {
    let decoded: gdImagePtr? = data.withUnsafeBytes { raw in
      guard let base = raw.baseAddress, raw.count > 0 else { return nil }
      let bytes = UnsafeMutableRawPointer(mutating: base)
      switch format {
      case .png: return gdImageCreateFromPngPtr(Int32(raw.count), bytes)
      case .gif: return gdImageCreateFromGifPtr(Int32(raw.count), bytes)
      }
    }
    guard let decoded else {
      throw WorkbookError.badData(
        path: "<\(format) bytes>",
        reason: "\(data.count) bytes that libgd cannot decode as \(format)")
    }
    return GDImage(owning: decoded)
  }

  enum EncodedFormat: String, CustomStringConvertible {
    case png = "PNG"
    case gif = "GIF"
    var description: String { rawValue }
  }

  // MARK: Pixels

  /// The colour of pixel (x, y) as 0...255 channels; works for palette and true-colour images.
  func rgb(x: Int, y: Int) -> (r: Int, g: Int, b: Int) {
    precondition(
      (0..<width).contains(x) && (0..<height).contains(y),
      "pixel (\(x), \(y)) is outside the \(width) × \(height) image")
    let c = gdImageGetTrueColorPixel(pointer, Int32(x), Int32(y))
    return (Int((c >> 16) & 0xFF), Int((c >> 8) & 0xFF), Int(c & 0xFF))
  }

  /// Every pixel as 0xRRGGBB, row by row from the top.
  func packedRGB() -> [UInt32] {
    var out = [UInt32](repeating: 0, count: width * height)
    for y in 0..<height {
      for x in 0..<width {
        out[y * width + x] =
          UInt32(gdImageGetTrueColorPixel(pointer, Int32(x), Int32(y))) & 0xFF_FFFF
      }
    }
    return out
  }

  /// Blends `color` at `alpha` (0...1) over pixel (x, y); ignores pixels outside the clip.
  func blendPixel(x: Int, y: Int, color: Color, alpha: Double) {
    gdImageSetPixel(pointer, Int32(x), Int32(y), Self.gdColor(color, alpha: alpha))
  }

  // MARK: Filled shapes (libgd's own, not antialiased: edges are axis-aligned or soft)

  /// Fills the pixels `x0...x1` × `y0...y1` (inclusive), blending at `alpha`.
  func fillRect(x0: Int, y0: Int, x1: Int, y1: Int, color: Color, alpha: Double = 1) {
    guard x1 >= x0 && y1 >= y0 else { return }
    gdImageFilledRectangle(
      pointer, Int32(x0), Int32(y0), Int32(x1), Int32(y1), Self.gdColor(color, alpha: alpha))
  }

  /// A 1-pixel rectangle outline around the pixels `x0...x1` × `y0...y1`.
  func strokeRect(x0: Int, y0: Int, x1: Int, y1: Int, color: Color, alpha: Double = 1) {
    gdImageSetThickness(pointer, 1)
    gdImageRectangle(
      pointer, Int32(x0), Int32(y0), Int32(x1), Int32(y1), Self.gdColor(color, alpha: alpha))
  }

  /// Fills a simple polygon (scanline fill, even-odd), blending at `alpha`.
  func fillPolygon(_ points: [Point], color: Color, alpha: Double) {
    guard points.count >= 3 else { return }
    var gdPoints = points.map { gdPoint(x: Int32(pixel($0.x)), y: Int32(pixel($0.y))) }
    gdImageFilledPolygon(
      pointer, &gdPoints, Int32(gdPoints.count), Self.gdColor(color, alpha: alpha))
  }

  // MARK: Encoding

  /// The image as PNG bytes.
  func pngData() throws -> Data {
    var size: Int32 = 0
    return try Self.takeBuffer(gdImagePngPtr(pointer, &size), size: size, what: "PNG")
  }

  /// A palette copy of this image with at most `colors` colours (for GIF frames).
  func paletteCopy(colors: Int = 256) throws -> GDImage {
    guard let palette = gdImageCreatePaletteFromTrueColor(pointer, 0, Int32(colors)) else {
      throw WorkbookError.badData(
        path: "<GIF frame>", reason: "libgd could not reduce the frame to a palette")
    }
    return GDImage(owning: palette)
  }

  /// The GIF header, with a NETSCAPE loop block when `loop` (loops forever).
  func gifAnimationStart(loop: Bool) throws -> Data {
    var size: Int32 = 0
    let buffer = gdImageGifAnimBeginPtr(pointer, &size, 0, loop ? 0 : -1)
    return try Self.takeBuffer(buffer, size: size, what: "GIF header")
  }

  /// This (palette) image as one GIF frame with its own colour map, shown for
  /// `delayCentiseconds`. With `previous`, libgd stores only the rectangle that changed.
  func gifAnimationFrame(delayCentiseconds: Int, previous: GDImage?) throws -> Data {
    var size: Int32 = 0
    let buffer = gdImageGifAnimAddPtr(
      pointer, &size, 1, 0, 0, Int32(delayCentiseconds), Int32(gdDisposalNone), previous?.pointer)
    return try Self.takeBuffer(buffer, size: size, what: "GIF frame")
  }

  /// The GIF trailer.
  static func gifAnimationEnd() throws -> Data {
    var size: Int32 = 0
    return try takeBuffer(gdImageGifAnimEndPtr(&size), size: size, what: "GIF trailer")
  }

  /// Copies a buffer that libgd allocated and releases it with `gdFree` (not `free`).
  private static func takeBuffer(_ buffer: UnsafeMutableRawPointer?, size: Int32, what: String)
    throws -> Data
  {
    guard let buffer, size > 0 else {
      throw WorkbookError.badData(path: "<\(what)>", reason: "libgd could not encode the image")
    }
    defer { gdFree(buffer) }
    return Data(bytes: buffer, count: Int(size))
  }

  /// libgd's true-colour value: 7-bit alpha where 0 is opaque and 127 transparent.
  static func gdColor(_ color: Color, alpha: Double) -> Int32 {
    let a = Int32(((1 - min(max(alpha, 0), 1)) * Double(gdAlphaMax)).rounded())
    return (a << 24) | (Int32(color.r) << 16) | (Int32(color.g) << 8) | Int32(color.b)
  }
}
