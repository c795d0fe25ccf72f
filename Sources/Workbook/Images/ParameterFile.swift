import Foundation
import Math

/// A trained model's numbers saved to a file, with a fingerprint of what produced them (the
/// recipe, the seed, the data), so that a cache can tell a stale file from a current one.
///
/// The format: a first line `GANWorkbook tensors 1`, a second line with the fingerprint, a third
/// line with the shapes (`28x28 10 …`, one per tensor, `-` for a scalar), then every tensor's
/// elements as little-endian 32-bit floats, one tensor after another.
public enum ParameterFile {
  static let magic = "GANWorkbook tensors 1"

  /// Writes `tensors` with `fingerprint` to `url`, atomically.
  /// - Throws: `WorkbookError.unwritable`.
  public static func save(_ tensors: [Tensor], fingerprint: String, to url: URL) throws {
    precondition(!fingerprint.contains("\n"), "ParameterFile: the fingerprint must be one line")
    let shapes = tensors.map { $0.shape.isEmpty ? "-" : $0.shape.map(String.init).joined(separator: "x") }
    var data = Data("\(magic)\n\(fingerprint)\n\(shapes.joined(separator: " "))\n".utf8)
    for t in tensors {
      t.scalars.withUnsafeBufferPointer { buffer in
        buffer.forEach { x in withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
      }
    }
    try AtomicFile.write(data, to: url)
  }

  /// The tensors saved at `url`, or nil when there is no file or it was saved with another
  /// fingerprint (stale).
  /// - Throws: `WorkbookError.badData` naming the file when it is not such a file or is cut short.
  public static func load(from url: URL, fingerprint: String) throws -> [Tensor]? {
    guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
    let bytes = [UInt8](data)
    var lines: [String] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
      lines.append(String(decoding: bytes[start..<i], as: UTF8.self))
      start = i + 1
      if lines.count == 3 { break }
    }
    guard lines.count == 3, lines[0] == magic else {
      throw WorkbookError.badData(path: url.path, reason: "not a saved model (expected a first line \"\(magic)\"); delete it to retrain")
    }
    guard lines[1] == fingerprint else { return nil }
    var shapes: [[Int]] = []
    for word in lines[2].split(separator: " ") {
      if word == "-" { shapes.append([]); continue }
      let extents = word.split(separator: "x").compactMap { Int($0) }
      guard !extents.isEmpty, extents.allSatisfy({ $0 >= 0 }) else {
        throw WorkbookError.badData(path: url.path, reason: "a shape \"\(word)\" that is not extents joined by x; delete it to retrain")
      }
      shapes.append(extents)
    }
    let needed = shapes.reduce(0) { $0 + $1.reduce(1, *) } * 4
    guard bytes.count - start == needed else {
      throw WorkbookError.badData(path: url.path, reason: "the shapes need \(needed) bytes of numbers, found \(bytes.count - start): the file is cut short or damaged; delete it to retrain")
    }
    var offset = start
    return shapes.map { shape in
      let count = shape.reduce(1, *)
      let scalars = (0..<count).map { i -> Float in
        let o = offset + 4 * i
        let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
        return Float(bitPattern: bits)
      }
      offset += 4 * count
      return Tensor(shape: shape, scalars: scalars)
    }
  }
}

extension ParameterFile {
  /// Where trained instruments are cached: under the build folder, so that `swift package
  /// clean` (or deleting `.build`) retrains them.
  public static let cacheFolder = URL(fileURLWithPath: ".build/workbook-cache", isDirectory: true)

  /// A model read from `url` when the file holds the numbers of `fingerprint` (and `restore`
  /// accepts them), or else trained by `train`, which returns the model and its numbers to save.
  /// A damaged file is retrained over, after `warn` says so.
  /// - Returns: the model and whether it was trained now.
  public static func cached<Model>(
    at url: URL, fingerprint: String, restore: ([Tensor]) -> Model?, warn: (String) -> Void = { _ in },
    train: () throws -> (model: Model, state: [Tensor])
  ) throws -> (model: Model, trainedNow: Bool) {
    do {
      if let saved = try load(from: url, fingerprint: fingerprint), let model = restore(saved) {
        return (model, false)
      }
    } catch {
      warn("\(error); training it again")
    }
    let (model, state) = try train()
    try save(state, fingerprint: fingerprint, to: url)
    return (model, true)
  }
}
