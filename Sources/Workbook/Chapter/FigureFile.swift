import Foundation

/// Anything a chapter can save as a figure file: a PNG figure, an animated GIF. The Workbook's
/// figure types conform in their own files; `ChapterRun.save(_:as:)` writes the bytes atomically.
public protocol FigureFile {
  /// The file's complete contents, in the format its name's extension says.
  /// - Throws: when the figure cannot be encoded (the error names the figure and the reason).
  func encoded() throws -> Data
}
