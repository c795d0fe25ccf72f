import Foundation

extension Figure: FigureFile {
  /// PNG bytes.
  public func encoded() throws -> Data { try renderPNG() }
}

extension AnimatedGIF: FigureFile {
  /// GIF bytes.
  public func encoded() throws -> Data { try renderGIF() }
}
