import Foundation
import Math

/// A generator's samples written as IDX files, the format of the Fashion-MNIST files
/// (`IDX`), so that anyone can score them with their own tools (a classifier, FID, a viewer):
///
/// - the images as `idx3` unsigned bytes, N × H × W (N × 28 × 28 in the image chapters), 0 the
///   black background and 255 full ink, exactly as in `train-images-idx3-ubyte.gz`;
/// - for a conditional model, the class asked of each image as `idx1` unsigned bytes (N) in a
///   second file beside the first, named by `labelsPath(for:)`.
///
/// A generator's tanh output x ∈ [−1, 1] becomes the byte round((x + 1) · 127.5), the inverse of
/// `FashionMNIST.tensor()`'s p / 127.5 − 1: every byte p survives the trip p → x → p.
///
///     try SampleExport.write(images: samples, labels: classes, to: "samples.idx.gz")
///     // samples.idx.gz (idx3, 64×28×28) and samples-labels.idx.gz (idx1, 64)
public enum SampleExport {
  /// The IDX dimensions of a batch of one-channel images, N × H × W, from the tensor's shape:
  ///
  /// - `[N, 1, H, W]` (a convolutional generator's output) → `[N, H, W]`;
  /// - `[N, H, W]` → `[N, H, W]`;
  /// - `[N, 784]` (a fully connected generator's output, flat 28×28 images) → `[N, 28, 28]`.
  ///
  /// Any other shape (several channels, a flat row of other than 784 pixels) and N = 0 stop
  /// the program with the shape in the message: they are a chapter's mistake, not the user's.
  public static func dimensions(ofImages shape: [Int]) -> [Int] {
    let side = FashionMNIST.side
    let dimensions: [Int]
    switch shape.count {
    case 4 where shape[1] == 1: dimensions = [shape[0], shape[2], shape[3]]
    case 3: dimensions = shape
    case 2 where shape[1] == side * side: dimensions = [shape[0], side, side]
    default:
      preconditionFailure(
        "SampleExport: images of shape \(shape); expected [N, 1, H, W], [N, H, W] or [N, \(side * side)] (one channel)"
      )
    }
    precondition(
      dimensions.allSatisfy { $0 >= 1 },
      "SampleExport: images of shape \(shape); expected at least one image of at least one pixel")
    return dimensions
  }

  /// The byte of one tanh output: round((x + 1) · 127.5) after clamping x to [−1, 1] (±∞
  /// included), exactly as over the reals: −1 → 0, 1 → 255, −0.999 → 0.1275 → 0, 1.5 → 1 → 255.
  ///
  /// Halves round away from zero (`.toNearestOrAwayFromZero`, the default of Swift's
  /// `rounded()`), but the only x whose (x + 1) · 127.5 is exactly a half is 0 (and −0): 127.5 →
  /// 128, as ties-to-even would give too. Every other Float lies strictly on one side of the
  /// nearest half, and the result is the byte on that side.
  ///
  /// x must not be NaN (a diverged generator): the caller checks `Tensor.isFinite` first.
  public static func byte(fromTanh x: Float) -> UInt8 {
    precondition(
      !x.isNaN, "SampleExport: a NaN pixel; check the samples with isFinite before exporting")
    let clamped = min(max(x, -1), 1)
    // For |x| ≥ 2⁻²¹, x + 1 has at most 45 significant bits and (x + 1) · 255 at most 53: both
    // exact in Double. Below that, the exact value is within 127.5 · 2⁻²¹ of 127.5, on x's side.
    if clamped.magnitude < 0x1p-21 { return clamped < 0 ? 127 : 128 }
    return UInt8(((Double(clamped) + 1) * 127.5).rounded(.toNearestOrAwayFromZero))
  }

  /// Every pixel of `images` as a byte (`byte(fromTanh:)`), in row-major order, image by image:
  /// the data of the idx3 file. `images` has one of the shapes `dimensions(ofImages:)` accepts.
  /// A NaN pixel stops the program, naming the image and the pixel.
  public static func bytes(fromTanhImages images: Tensor) -> [UInt8] {
    let dimensions = dimensions(ofImages: images.shape)
    let pixels = dimensions[1] * dimensions[2]
    if let index = images.scalars.firstIndex(where: \.isNaN) {
      preconditionFailure(
        "SampleExport: pixel \(index % pixels) of image \(index / pixels) is NaN (the generator diverged?); check the samples with isFinite before exporting"
      )
    }
    return images.scalars.map(byte(fromTanh:))
  }

  /// Where the labels of the images at `path` go: `path` with `-labels` inserted before the
  /// extension of its file name (folders are left alone). The extension is
  ///
  /// - the last `.ext` of the name, together with the one before it when the last is `.gz`:
  ///   `samples.idx` → `samples-labels.idx`, `samples.idx.gz` → `samples-labels.idx.gz`,
  ///   `samples.gz` → `samples-labels.gz`;
  /// - or MNIST's `-idx3-ubyte`, with or without `.gz`:
  ///   `samples-idx3-ubyte.gz` → `samples-labels-idx1-ubyte.gz`.
  ///
  /// Since the labels file is idx1, an `idx3` in the extension becomes `idx1`
  /// (`samples.idx3` → `samples-labels.idx1`). A name without an extension (a leading dot does
  /// not start one) gets `-labels` appended: `samples` → `samples-labels`.
  public static func labelsPath(for path: String) -> String {
    Self.path(path, inserting: "labels", idx1: true)
  }

  /// Where a second set of images of the same run goes: `path` with `-variant` inserted before
  /// the extension, as `labelsPath(for:)` inserts `-labels` (`samples.idx.gz` with variant
  /// `unconditional` → `samples-unconditional.idx.gz`).
  public static func variantPath(for path: String, variant: String) -> String {
    Self.path(path, inserting: variant, idx1: false)
  }

  /// `path` with `-word` inserted before the extension of its file name; with `idx1`, an `idx3`
  /// in the extension becomes `idx1`.
  private static func path(_ path: String, inserting word: String, idx1: Bool) -> String {
    let slash = path.lastIndex(of: "/").map(path.index(after:)) ?? path.startIndex
    let (folder, name) = (path[..<slash], path[slash...])
    let split = extensionStart(of: name)
    let stem = name[..<split]
    let suffix = idx1 ? name[split...].replacingOccurrences(of: "idx3", with: "idx1") : String(name[split...])
    return String(folder) + String(stem) + "-" + word + suffix
  }

  /// Where the extension of a file name starts (`name.endIndex` when it has none); see
  /// `labelsPath(for:)`.
  private static func extensionStart(of name: Substring) -> String.Index {
    let compressed = name.hasSuffix(".gz") && name.count > 3 ? name.dropLast(3) : name
    if compressed.hasSuffix("-idx3-ubyte"), compressed.count > "-idx3-ubyte".count {
      return compressed.index(compressed.endIndex, offsetBy: -"-idx3-ubyte".count)
    }
    func lastDot(_ part: Substring) -> String.Index? {
      guard let dot = part.lastIndex(of: "."), dot != part.startIndex else { return nil }
      return dot
    }
    if compressed.endIndex != name.endIndex {
      return lastDot(compressed) ?? compressed.endIndex
    }
    return lastDot(name) ?? name.endIndex
  }

  /// Writes `images` (a generator's tanh output, a shape `dimensions(ofImages:)` accepts) as an
  /// idx3 file of unsigned bytes at `path` (`bytes(fromTanhImages:)`), and, when `labels` are
  /// given, the class of each image as an idx1 file at `labelsPath(for: path)`. A name ending
  /// in `.gz` is gzip-compressed. Each file is written atomically (`IDX.write(to:)`): a reader
  /// never sees half of it, and a file that cannot be written leaves the old one as it was.
  ///
  /// `labels` hold one class in 0...255 per image (a precondition).
  /// - Throws: `WorkbookError.unwritable` naming the file that cannot be written and why (a
  ///   folder that is a file, a folder without write permission, …).
  public static func write(images: Tensor, labels: [Int]? = nil, to path: String) throws {
    let dimensions = dimensions(ofImages: images.shape)
    if let labels {
      precondition(
        labels.count == dimensions[0],
        "SampleExport: \(labels.count) labels for \(dimensions[0]) images; expected one per image")
      if let label = labels.first(where: { !(0...255).contains($0) }) {
        preconditionFailure("SampleExport: label \(label) is outside 0...255 (one unsigned byte)")
      }
    }
    try write(IDX(dimensions: dimensions, bytes: bytes(fromTanhImages: images)), to: path)
    if let labels {
      let labelsPath = labelsPath(for: path)
      try write(IDX(dimensions: [labels.count], bytes: labels.map(UInt8.init)), to: labelsPath)
    }
  }

  /// `array.write(to: path)`, with an error that names the file even when it is its folder
  /// that cannot be created.
  private static func write(_ array: IDX, to path: String) throws {
    do {
      try array.write(to: path)
    } catch WorkbookError.unwritable(let failed, let reason)
      where failed != URL(fileURLWithPath: path).path
    {
      throw WorkbookError.unwritable(path: path, reason: "\(failed): \(reason)")
    }
  }
}
