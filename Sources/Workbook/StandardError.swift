import Foundation

/// The one way the workbook writes to standard error (Swift 6 rejects the C global `stderr`).
public enum StandardError {
  public static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// True when standard error is a terminal (progress bars draw only there unless asked).
  public static var isTerminal: Bool { isatty(2) == 1 }
}
