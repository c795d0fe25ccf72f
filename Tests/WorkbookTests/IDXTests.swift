import Foundation
import Math
import Testing
import Workbook

/// A fresh temporary folder for the small files a test writes.
struct ScratchFolder {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "idx-tests-\(UUID().uuidString)")

  init() throws {
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// Writes `bytes` as they are (no IDX header, no compression) and returns the path.
  @discardableResult
  func write(_ bytes: [UInt8], to name: String) throws -> String {
    try Data(bytes).write(to: url.appendingPathComponent(name))
    return path(name)
  }

  /// Writes `bytes` and compresses them with gzip(1) when `name` ends in .gz (so that a test can
  /// compress what `IDX.write` would refuse to write); returns the path.
  @discardableResult
  func write(_ bytes: [UInt8], compressingTo name: String) throws -> String {
    guard name.hasSuffix(".gz") else { return try write(bytes, to: name) }
    let plain = try write(bytes, to: String(name.dropLast(3)))
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    gzip.arguments = ["-n", "-f", plain]
    try gzip.run()
    gzip.waitUntilExit()
    #expect(gzip.terminationStatus == 0, "gzip \(plain) failed")
    return path(name)
  }

  func bytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url.appendingPathComponent(name)))
  }
}

/// An IDX header by hand: magic (two zeros, type code, rank) and big-endian dimensions.
func idxHeader(type: UInt8 = 0x08, dimensions: [Int]) -> [UInt8] {
  [0, 0, type, UInt8(dimensions.count)]
    + dimensions.flatMap { d in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: d >> $0) } }
}

/// The message of the `WorkbookError` that `body` throws, after checking that it names `path`.
func errorMessage(naming path: String, _ body: () throws -> Void) -> String {
  let error = #expect(throws: WorkbookError.self) { try body() }
  let message = error.map { "\($0)" } ?? ""
  #expect(message.contains(path), "the message should name \(path): \(message)")
  return message
}

@Suite struct IDXTests {
  let folder: ScratchFolder
  init() throws { folder = try ScratchFolder() }

  // MARK: Round trips

  @Test(arguments: ["a.idx", "a.idx.gz"], [[7], [3, 4, 2], [2, 3, 4, 5]])
  func writingThenReadingGivesTheSameArray(name: String, dimensions: [Int]) throws {
    var rng = SeededGenerator(seed: UInt64(dimensions.reduce(1, *)))
    let bytes = (0..<dimensions.reduce(1, *)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    let array = IDX(dimensions: dimensions, bytes: bytes)
    try array.write(to: folder.path(name))
    #expect(try IDX.read(from: folder.path(name)) == array)
  }

  /// The plain file is the header then the data; the .gz file is gzip (magic 1f 8b).
  @Test func theFileLayoutIsIDXAndGzip() throws {
    let array = IDX(dimensions: [2, 3], bytes: [1, 2, 3, 4, 5, 6])
    try array.write(to: folder.path("plain.idx"))
    try array.write(to: folder.path("packed.idx.gz"))
    #expect(
      try folder.bytes("plain.idx") == [0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6])
    #expect(try folder.bytes("packed.idx.gz").prefix(2) == [0x1f, 0x8b])
  }

  /// A plain file may be read through a name ending in anything; gzip data under a plain name
  /// is still decompressed (zlib's transparent reading goes both ways).
  @Test func gzipDataUnderAPlainNameIsRead() throws {
    let array = IDX(dimensions: [4], bytes: [9, 8, 7, 6])
    try array.write(to: folder.path("labels.gz"))
    try FileManager.default.moveItem(
      atPath: folder.path("labels.gz"), toPath: folder.path("labels"))
    #expect(try IDX.read(from: folder.path("labels")) == array)
  }

  @Test func writingIntoAFolderThatIsAFileNamesThePath() throws {
    let file = try folder.write([1], to: "not-a-folder")
    let target = file + "/images.idx.gz"
    let error = #expect(throws: WorkbookError.self) {
      try IDX(dimensions: [1], bytes: [0]).write(to: target)
    }
    #expect("\(error.map { "\($0)" } ?? "")".contains(file))
  }

  // MARK: Files that are not what they claim

  @Test func aMissingFileSaysSo() throws {
    let path = folder.path("absent.idx.gz")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("no such file"))
    #expect(!message.contains("make setup"))
  }

  /// Fashion-MNIST's folder is the Debian package's: a missing file there gets the command.
  @Test func aMissingFashionMNISTFileGivesTheInstallCommand() throws {
    let path = "/usr/share/datasets/fashion-mnist/no-such-file-idx1-ubyte.gz"
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("no such file"))
    #expect(
      message.contains("make setup")
        && message.contains("sudo apt-get install dataset-fashion-mnist"))
  }

  @Test(arguments: ["empty.idx", "empty.idx.gz"])
  func anEmptyFileSaysSo(name: String) throws {
    let path = try folder.write([], to: name)
    #expect(errorMessage(naming: path) { _ = try IDX.read(from: path) }.contains("empty file"))
  }

  @Test func aFileShorterThanTheMagicNumberSaysSo() throws {
    let path = try folder.write([0, 0], to: "short.idx")
    #expect(
      errorMessage(naming: path) { _ = try IDX.read(from: path) }.contains("too short: 2 bytes"))
  }

  /// 3×2×2 needs 12 bytes; 7 are there.
  @Test(arguments: ["truncated.idx", "truncated.idx.gz"])
  func truncatedDataSaysHowManyBytesWereExpectedAndFound(name: String) throws {
    let file = idxHeader(dimensions: [3, 2, 2]) + Array(1...7)
    let path = try folder.write(file, compressingTo: name)
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(
      message.contains("truncated") && message.contains("3×2×2 need 12 bytes of data, found 7"))
  }

  @Test func aTruncatedHeaderSaysSo() throws {
    let path = try folder.write(
      Array(idxHeader(dimensions: [60000, 28, 28]).prefix(9)), to: "header.idx")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(
      message.contains(
        "truncated header: 3 dimensions need 12 bytes after the magic number, found 5"))
  }

  @Test(arguments: ["long.idx", "long.idx.gz"])
  func bytesAfterTheDataAreAnError(name: String) throws {
    let file = idxHeader(dimensions: [2, 2]) + [1, 2, 3, 4, 5, 6, 7]
    let path = try folder.write(file, compressingTo: name)
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("3 bytes after the data") && message.contains("need exactly 4 bytes"))
  }

  @Test func aGzipNameHoldingOtherBytesSaysItIsNotGzip() throws {
    let path = try folder.write([0x42, 0x13, 0x99, 0x07, 0x55, 0x01, 0xee], to: "random.idx.gz")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("not gzip data") && message.contains("42 13 99 07"))
  }

  /// A gzip stream cut in half (an interrupted download) is corrupt, not merely short.
  @Test func aGzipStreamCutInHalfIsCorrupt() throws {
    var rng = SeededGenerator(seed: 11)
    let array = IDX(
      dimensions: [100, 28, 28],
      bytes: (0..<78_400).map { _ in UInt8.random(in: 0...255, using: &rng) })
    try array.write(to: folder.path("whole.idx.gz"))
    let whole = try folder.bytes("whole.idx.gz")
    let path = try folder.write(Array(whole.prefix(whole.count / 2)), to: "half.idx.gz")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("corrupt gzip data") && message.contains("unexpected end of file"))
  }

  /// A flipped bit in the gzip trailer's CRC-32: every data byte arrives, the check fails.
  @Test func aGzipFileWithABadChecksumIsCorrupt() throws {
    try IDX(dimensions: [5], bytes: [1, 2, 3, 4, 5]).write(to: folder.path("good.idx.gz"))
    var bytes = try folder.bytes("good.idx.gz")
    bytes[bytes.count - 8] ^= 0x01
    let path = try folder.write(bytes, to: "bad-crc.idx.gz")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("corrupt gzip data") && message.contains("incorrect data check"))
  }

  @Test func aWrongMagicNumberIsNotAnIDXFile() throws {
    let path = try folder.write([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 1, 0], to: "archive.idx")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("not an IDX file") && message.contains("50 4b 03 04"))
  }

  @Test(arguments: [0, 5])
  func aRankOutsideOneToFourIsAnError(rank: Int) throws {
    let path = try folder.write(
      [0, 0, 8, UInt8(rank)] + Array(repeating: 1, count: 4 * rank + 1), to: "rank.idx")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("declares \(rank) dimensions; expected 1 to 4"))
  }

  @Test func aZeroDimensionIsAnError() throws {
    let path = try folder.write(idxHeader(dimensions: [0, 28, 28]), to: "zero.idx")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("dimension 1 of 0×28×28 is 0"))
  }

  /// 0x0D is the type code of 32-bit floats: a clear refusal naming the type.
  /// A dimension of 2³² − 1 (all bits set) is not a 32-bit signed integer.
  @Test func aDimensionAboveTheSignedRangeIsAnError() throws {
    let path = try folder.write([0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff, 0], to: "huge.idx")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("dimension 1 of 4294967295 is 4294967295"))
  }

  @Test func anElementTypeOtherThanUnsignedBytesIsRefusedByName() throws {
    let path = try folder.write(
      idxHeader(type: 0x0D, dimensions: [2]) + Array(repeating: 0, count: 8), to: "floats.idx")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(
      message.contains("0x0D (32-bit floats)")
        && message.contains("only unsigned bytes (0x08) are supported"))
  }

  @Test func anUnknownTypeCodeSaysSo() throws {
    let path = try folder.write(idxHeader(type: 0x42, dimensions: [1]) + [0], to: "unknown.idx")
    let message = errorMessage(naming: path) { _ = try IDX.read(from: path) }
    #expect(message.contains("0x42 (an unknown type)"))
  }
}
