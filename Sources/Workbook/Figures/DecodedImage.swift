import Foundation

/// A PNG or GIF decoded to RGB pixels, for tests and checks on rendered figures.
public struct DecodedImage: Sendable {
  public let width: Int
  public let height: Int
  /// 0xRRGGBB per pixel, row by row from the top-left.
  private let pixels: [UInt32]

  /// - Throws: `WorkbookError.badData` when the bytes are not a PNG libgd can read.
  public init(png: Data) throws {
    self.init(try GDImage.decode(png, format: .png))
  }

  /// Decodes the first frame of a GIF.
  /// - Throws: `WorkbookError.badData` when the bytes are not a GIF libgd can read.
  public init(gif: Data) throws {
    self.init(try GDImage.decode(gif, format: .gif))
  }

  private init(_ image: GDImage) {
    width = image.width
    height = image.height
    pixels = image.packedRGB()
  }

  /// The colour of pixel (x, y), channels 0...255.
  public func rgb(x: Int, y: Int) -> (r: Int, g: Int, b: Int) {
    precondition(
      (0..<width).contains(x) && (0..<height).contains(y),
      "DecodedImage: pixel (\(x), \(y)) is outside the \(width) × \(height) image")
    let c = pixels[y * width + x]
    return (Int(c >> 16), Int((c >> 8) & 0xFF), Int(c & 0xFF))
  }

  /// How many different colours the image uses.
  public var distinctColorCount: Int { Set(pixels).count }

  /// The fraction of pixels whose colour differs from the top-left pixel's (the background).
  public var nonBackgroundFraction: Double {
    guard let background = pixels.first else { return 0 }
    return Double(pixels.lazy.filter { $0 != background }.count) / Double(pixels.count)
  }

  /// How many pixels have exactly the colour (r, g, b).
  public func count(r: Int, g: Int, b: Int) -> Int {
    let target = UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
    return pixels.lazy.filter { $0 == target }.count
  }

  /// The number of frames (image descriptors) in GIF bytes, found by walking the GIF89a
  /// block structure.
  /// - Throws: `WorkbookError.badData` when the bytes are not a well-formed GIF.
  public static func gifFrameCount(_ gif: Data) throws -> Int {
    let bytes = [UInt8](gif)
    func bad(_ reason: String) -> WorkbookError { .badData(path: "<GIF bytes>", reason: reason) }
    guard bytes.count >= 13, bytes.starts(with: Array("GIF8".utf8)) else {
      throw bad("no GIF header")
    }
    var i = 13
    if bytes[10] & 0x80 != 0 { i += 3 << (Int(bytes[10] & 0x07) + 1) }
    /// Skips a chain of data sub-blocks (length byte, bytes; a zero length ends it).
    func skipSubBlocks() throws {
      while true {
        guard i < bytes.count else { throw bad("data ends inside a block") }
        let length = Int(bytes[i])
        i += 1 + length
        if length == 0 { return }
      }
    }
    var frames = 0
    while i < bytes.count {
      switch bytes[i] {
      case 0x21:  // extension: introducer, label, sub-blocks
        i += 2
        try skipSubBlocks()
      case 0x2C:  // image descriptor, optional local colour table, LZW code size, sub-blocks
        guard i + 10 <= bytes.count else { throw bad("data ends inside an image descriptor") }
        let packed = bytes[i + 9]
        i += 10
        if packed & 0x80 != 0 { i += 3 << (Int(packed & 0x07) + 1) }
        i += 1
        try skipSubBlocks()
        frames += 1
      case 0x3B:
        return frames
      default:
        throw bad("unexpected block 0x\(String(bytes[i], radix: 16)) at byte \(i)")
      }
    }
    throw bad("no trailer")
  }
}
