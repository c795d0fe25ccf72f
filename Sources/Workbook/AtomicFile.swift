import Foundation

/// Writes files so that a reader never sees half a file: the bytes go to a temporary file in
/// the destination folder, which is then renamed over the destination (atomic on POSIX).
public enum AtomicFile {
  /// Writes `data` to `url`, creating the parent folder when it is missing.
  /// - Throws: `WorkbookError.unwritable` naming the file and the reason.
  public static func write(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw WorkbookError.unwritable(path: folder.path, reason: "cannot create the folder (\(reason(error)))")
    }
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
      throw WorkbookError.unwritable(path: url.path, reason: "cannot write into \(folder.path) (\(String(cString: strerror(errno))))")
    }
    guard rename(temporary.path, url.path) == 0 else {
      let why = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw WorkbookError.unwritable(path: url.path, reason: why)
    }
  }

  /// Writes `text` as UTF-8; see `write(_:to:)`.
  public static func write(_ text: String, to url: URL) throws {
    try write(Data(text.utf8), to: url)
  }

  private static func reason(_ error: Error) -> String {
    (error as NSError).localizedDescription
  }
}
