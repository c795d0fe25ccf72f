import CZlib
import Foundation

/// A file opened through zlib's gz* functions, read in large chunks: a gzip file is
/// decompressed on the fly, any other file is read as it is (zlib's transparent mode). The
/// `gzFile` is owned here and closed in `deinit`; zlib stays behind this type and `Gzip`.
final class GzipReader {
  let path: String
  private let file: gzFile

  /// Opens `path` for reading.
  /// - Throws: `WorkbookError.badData` naming the path and the system's reason (no such file,
  ///   permission denied) when it cannot be opened.
  init(path: String) throws {
    guard let file = gzopen(path, "rb") else {
      throw WorkbookError.badData(
        path: path, reason: "cannot open (\(String(cString: strerror(errno))))")
    }
    self.path = path
    self.file = file
    gzbuffer(file, 1 << 20)  // a 1 MiB input buffer: one read(2) per MiB of compressed data
  }

  deinit { gzclose(file) }

  /// Whether the bytes read so far came from a plain file rather than gzip data (meaningful
  /// after the first read).
  var isPlain: Bool { gzdirect(file) != 0 }

  /// Fills `buffer` from the current position, in chunks of at most 16 MiB, and returns how
  /// many bytes it read: fewer than `buffer.count` only at the end of the data.
  /// - Throws: `WorkbookError.badData` naming the path and zlib's reason when the gzip data is
  ///   corrupt or ends in the middle of the stream (a truncated download, say).
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard let base = buffer.baseAddress else { return 0 }
    var total = 0
    while total < buffer.count {
      let chunk = min(buffer.count - total, 1 << 24)
      let got = Int(gzread(file, base + total, UInt32(chunk)))
      total += max(got, 0)
      position += max(got, 0)
      // zlib delivers the data it decompressed before a fault, then a short read: the time
      // to ask whether the data ended or broke.
      if got < chunk {
        try checkForError()
        break
      }
    }
    return total
  }

  /// Reads `count` bytes, or fewer at the end of the data.
  func read(upTo count: Int) throws -> [UInt8] {
    try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      initialized = try read(into: UnsafeMutableRawBufferPointer(buffer))
    }
  }

  /// Reads to the end of the data and returns how many bytes were left.
  func skipToEnd() throws -> Int {
    var scratch = [UInt8](repeating: 0, count: 1 << 16)
    var skipped = 0
    while true {
      let got = try scratch.withUnsafeMutableBytes { try read(into: $0) }
      skipped += got
      if got < scratch.count { return skipped }
    }
  }

  /// The number of (decompressed) bytes read so far.
  private(set) var position = 0

  private func checkForError() throws {
    var code: Int32 = Z_OK
    let message = gzerror(file, &code).map { String(cString: $0) } ?? ""
    guard code != Z_OK else { return }
    // zlib's message starts with the path, which the error names already.
    let why =
      code == Z_ERRNO
      ? String(cString: strerror(errno)) : String(message.trimmingPrefix(path + ": "))
    throw WorkbookError.badData(
      path: path,
      reason: isPlain
        ? "cannot read (\(why))"
        : "corrupt gzip data\(position > 0 ? " after \(position) decompressed bytes" : "") (zlib: \(why)); "
          + "the file may be truncated or damaged")
  }
}

/// gzip compression of a whole buffer in memory (RFC 1952), for files written atomically.
enum Gzip {
  /// `bytes` as one gzip member at zlib's default level (6), readable by `gunzip` and by
  /// `GzipReader`.
  static func compress(_ bytes: [UInt8]) -> Data {
    precondition(
      bytes.count < Int(UInt32.max),
      "Gzip.compress: \(bytes.count) bytes, more than one deflate call takes")
    var stream = z_stream()
    // windowBits 15 + 16: a 32 KiB window with a gzip header and trailer instead of zlib's.
    let started = deflateInit2_(
      &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
      zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    precondition(started == Z_OK, "Gzip.compress: deflateInit2 failed (\(started))")
    defer { deflateEnd(&stream) }
    let bound = Int(deflateBound(&stream, uLong(bytes.count)))
    var output = [UInt8](repeating: 0, count: bound)
    let written = bytes.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = uInt(input.count)
        stream.next_out = out.baseAddress
        stream.avail_out = uInt(out.count)
        let status = deflate(&stream, Z_FINISH)
        precondition(status == Z_STREAM_END, "Gzip.compress: deflate did not finish (\(status))")
        return Int(stream.total_out)
      }
    }
    return Data(output[..<written])
  }
}
