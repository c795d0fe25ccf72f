import Foundation

/// An array of unsigned bytes in the IDX format of LeCun's MNIST files (also Fashion-MNIST's):
/// a 4-byte magic number — two zero bytes, a type code (0x08 for unsigned bytes), the number of
/// dimensions — then each dimension as a big-endian 32-bit integer, then the elements in
/// row-major order. A file of images is `idx3` (count × rows × columns), one of labels `idx1`.
///
/// Files whose name ends in `.gz` are gzip-compressed; reading also accepts a plain file.
public struct IDX: Equatable, Sendable {
  /// The extent of each axis, outermost first: `[60000, 28, 28]` for the training images.
  public let dimensions: [Int]
  /// The elements in row-major order; `bytes.count` is the product of `dimensions`.
  public let bytes: [UInt8]

  /// The number of dimensions a file may declare.
  public static let ranks = 1...4

  /// An array of the given dimensions (1 to 4 of them, each at least 1) holding `bytes`.
  public init(dimensions: [Int], bytes: [UInt8]) {
    precondition(
      Self.ranks.contains(dimensions.count), "IDX: \(dimensions.count) dimensions, expected 1 to 4")
    precondition(
      dimensions.allSatisfy { (1...Int(Int32.max)).contains($0) },
      "IDX: dimensions \(dimensions) must each be between 1 and 2³¹ − 1")
    precondition(
      bytes.count == dimensions.reduce(1, *),
      "IDX: dimensions \(Self.describe(dimensions)) need \(dimensions.reduce(1, *)) bytes, got \(bytes.count)"
    )
    self.dimensions = dimensions
    self.bytes = bytes
  }

  /// The element types the IDX format defines, by type code; only unsigned bytes are read.
  static let typeNames: [UInt8: String] = [
    0x08: "unsigned byte", 0x09: "signed byte", 0x0B: "16-bit integer",
    0x0C: "32-bit integer", 0x0D: "32-bit float", 0x0E: "64-bit float",
  ]
  static let unsignedByte: UInt8 = 0x08

  /// Data sets that a Debian package installs, with the command that installs each: a missing
  /// file in one of these folders gets the command in its message.
  static let packagedFolders = [
    (
      folder: "/usr/share/datasets/fashion-mnist",
      install: "`make setup` (or `sudo apt-get install dataset-fashion-mnist`)"
    )
  ]

  /// Dimensions as the message shows them, `60000×28×28`.
  static func describe(_ dimensions: [Int]) -> String {
    dimensions.map(String.init).joined(separator: "×")
  }

  /// The kind of file an array came from, `idx1 (magic 2049: 60000)`: the magic number as the
  /// big-endian integer MNIST's documentation quotes (0x0800 + the number of dimensions).
  static func describe(magicOf array: IDX) -> String {
    "idx\(array.dimensions.count) (magic \(0x0800 + array.dimensions.count): \(describe(array.dimensions)))"
  }

  /// The bytes of a magic number, `00 00 08 03`.
  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String(format: "%02x", $0) }.joined(separator: " ")
  }
}

// MARK: - Reading

extension IDX {
  /// Reads an IDX file of unsigned bytes, gzip-compressed or plain, decompressing straight into
  /// one buffer of the size the header declares.
  /// - Throws: `WorkbookError.badData` naming `path` and what is wrong: missing (with the
  ///   command that installs a packaged data set), empty, not gzip data although the name ends
  ///   in `.gz`, corrupt gzip data, a wrong magic number, a type other than unsigned bytes, a
  ///   dimension of 0, data shorter than the dimensions need (bytes expected and found), or
  ///   bytes after the data.
  public static func read(from path: String) throws -> IDX {
    func bad(_ reason: String) -> WorkbookError { .badData(path: path, reason: reason) }
    guard FileManager.default.fileExists(atPath: path) else { throw bad(missingReason(path)) }
    let reader = try GzipReader(path: path)

    let magic = try reader.read(upTo: 4)
    guard !magic.isEmpty else { throw bad("empty file (0 bytes); expected an IDX header") }
    if path.hasSuffix(".gz") && reader.isPlain {
      throw bad(
        "not gzip data although the name ends in .gz (starts with \(hex(magic)); gzip starts with 1f 8b)"
      )
    }
    guard magic.count == 4 else {
      throw bad("too short: \(magic.count) bytes, an IDX header needs at least 4")
    }
    guard magic[0] == 0 && magic[1] == 0 else {
      throw bad("not an IDX file: the magic number \(hex(magic)) should start with 00 00")
    }
    guard magic[2] == unsignedByte else {
      let name = typeNames[magic[2]].map { "\($0)s" } ?? "an unknown type"
      throw bad(
        "IDX type code \(String(format: "0x%02X", magic[2])) (\(name)): only unsigned bytes (0x08) are supported"
      )
    }
    let rank = Int(magic[3])
    guard ranks.contains(rank) else {
      throw bad("the magic number \(hex(magic)) declares \(rank) dimensions; expected 1 to 4")
    }

    let sizes = try reader.read(upTo: 4 * rank)
    guard sizes.count == 4 * rank else {
      throw bad(
        "truncated header: \(rank) dimensions need \(4 * rank) bytes after the magic number, found \(sizes.count)"
      )
    }
    let dimensions = (0..<rank).map { axis in
      sizes[4 * axis..<4 * axis + 4].reduce(0) { $0 << 8 | Int($1) }
    }
    if let axis = dimensions.firstIndex(where: { !(1...Int(Int32.max)).contains($0) }) {
      throw bad(
        "dimension \(axis + 1) of \(describe(dimensions)) is \(dimensions[axis]); every dimension must be at least 1 (and below 2³¹)"
      )
    }
    var expected = 1
    for d in dimensions {
      let (product, overflow) = expected.multipliedReportingOverflow(by: d)
      guard !overflow else {
        throw bad("dimensions \(describe(dimensions)) are too large to hold in memory")
      }
      expected = product
    }

    // A gzip file cannot hold more than 1032 bytes of data per compressed byte (deflate's
    // largest ratio), so a corrupt header cannot make the reader allocate more than that.
    let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let capacity = min(
      expected,
      reader.isPlain ? fileSize : fileSize.multipliedReportingOverflow(by: 1032).partialValue)
    let bytes = try reader.read(upTo: capacity)
    guard bytes.count == expected else {
      throw bad(
        "truncated: dimensions \(describe(dimensions)) need \(expected) bytes of data, found \(bytes.count)"
      )
    }
    let extra = try reader.skipToEnd()
    guard extra == 0 else {
      throw bad(
        "\(extra) bytes after the data: dimensions \(describe(dimensions)) need exactly \(expected) bytes"
      )
    }
    return IDX(dimensions: dimensions, bytes: bytes)
  }

  private static func missingReason(_ path: String) -> String {
    let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
    guard
      let packaged = packagedFolders.first(where: {
        folder == $0.folder || folder.hasPrefix($0.folder + "/")
      })
    else {
      return "no such file"
    }
    return "no such file; install the data set with \(packaged.install)"
  }
}

// MARK: - Writing

extension IDX {
  /// Writes the array as an IDX file (`idx1` for one dimension, `idx3` for three), gzip-
  /// compressed when `path` ends in `.gz`, atomically: a reader never sees half a file.
  /// - Throws: `WorkbookError.unwritable` naming the path and the reason.
  public func write(to path: String) throws {
    var file: [UInt8] = [0, 0, Self.unsignedByte, UInt8(dimensions.count)]
    file.reserveCapacity(4 + 4 * dimensions.count + bytes.count)
    for d in dimensions {
      file += [UInt8(d >> 24 & 0xff), UInt8(d >> 16 & 0xff), UInt8(d >> 8 & 0xff), UInt8(d & 0xff)]
    }
    file += bytes
    let encoded = path.hasSuffix(".gz") ? Gzip.compress(file) : Data(file)
    try AtomicFile.write(encoded, to: URL(fileURLWithPath: path))
  }
}
