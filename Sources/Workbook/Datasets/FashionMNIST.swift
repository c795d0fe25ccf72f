import Foundation
import Math

/// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): 28×28 greyscale photographs of clothing in ten
/// classes, 60,000 for training and 10,000 for testing — the drop-in replacement for MNIST the
/// image chapters train on. The files come from Debian's `dataset-fashion-mnist` package
/// (`make setup`); nothing is downloaded.
public struct FashionMNIST: Sendable {
  /// The training set (60,000 images) or the test set (10,000).
  public enum Split: String, CaseIterable, Sendable {
    case train, test

    /// The prefix of the split's file names, as the original distribution names them.
    var filePrefix: String { self == .train ? "train" : "t10k" }
    /// The file of images, `train-images-idx3-ubyte.gz`.
    public var imagesFile: String { "\(filePrefix)-images-idx3-ubyte.gz" }
    /// The file of labels, `train-labels-idx1-ubyte.gz`.
    public var labelsFile: String { "\(filePrefix)-labels-idx1-ubyte.gz" }
  }

  /// Where `dataset-fashion-mnist` installs the files.
  public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
  /// The side of an image in pixels.
  public static let side = 28
  /// The class of label k is `classNames[k]`.
  public static let classNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
    "Ankle boot",
  ]

  /// The pixels, `count × 28 × 28` bytes in row-major order, image by image; 0 is the
  /// background (black), 255 full ink.
  public let images: [UInt8]
  /// The class of each image, 0...9 (an index into `classNames`).
  public let labels: [Int]

  /// The number of images.
  public var count: Int { labels.count }

  /// A data set of `labels.count` images of 28×28 bytes and their labels in 0...9.
  public init(images: [UInt8], labels: [Int]) {
    let pixels = Self.side * Self.side
    precondition(
      images.count == labels.count * pixels,
      "FashionMNIST: \(labels.count) labels need \(labels.count * pixels) pixels, got \(images.count)"
    )
    precondition(labels.allSatisfy { (0...9).contains($0) }, "FashionMNIST: a label outside 0...9")
    self.images = images
    self.labels = labels
  }

  /// Loads a split from the two IDX files in `directory`.
  /// - Throws: `WorkbookError.badData` naming the file and what is wrong: any error of
  ///   `IDX.read(from:)` (a missing file with the command that installs it), images that are not
  ///   N×28×28, labels that are not N (naming both files and both counts), a label above 9.
  public static func load(_ split: Split, directory: String = defaultDirectory) throws
    -> FashionMNIST
  {
    let imagesPath = URL(fileURLWithPath: directory).appendingPathComponent(split.imagesFile).path
    let labelsPath = URL(fileURLWithPath: directory).appendingPathComponent(split.labelsFile).path
    let images = try IDX.read(from: imagesPath)
    let labels = try IDX.read(from: labelsPath)

    guard images.dimensions.count == 3 else {
      throw WorkbookError.badData(
        path: imagesPath,
        reason:
          "expected images, idx3 (magic 2051: N×28×28), found \(IDX.describe(magicOf: images))"
          + (images.dimensions.count == 1 ? " — is this the labels file?" : ""))
    }
    guard images.dimensions[1] == side && images.dimensions[2] == side else {
      throw WorkbookError.badData(
        path: imagesPath,
        reason:
          "images are \(images.dimensions[1])×\(images.dimensions[2]) pixels (\(IDX.describe(images.dimensions))); expected 28×28"
      )
    }
    guard labels.dimensions.count == 1 else {
      throw WorkbookError.badData(
        path: labelsPath,
        reason: "expected labels, idx1 (magic 2049: N), found \(IDX.describe(magicOf: labels))"
          + (labels.dimensions.count == 3 ? " — is this the images file?" : ""))
    }
    guard labels.dimensions[0] == images.dimensions[0] else {
      throw WorkbookError.badData(
        path: labelsPath,
        reason:
          "\(labels.dimensions[0]) labels, but \(imagesPath) holds \(images.dimensions[0]) images; the counts must match"
      )
    }
    if let index = labels.bytes.firstIndex(where: { $0 > 9 }) {
      throw WorkbookError.badData(
        path: labelsPath,
        reason: "label \(labels.bytes[index]) of image \(index) is outside 0...9 (the ten classes)")
    }
    return FashionMNIST(images: images.bytes, labels: labels.bytes.map(Int.init))
  }

  /// The images at `indices`, in that order, as a tensor `[n, 1, 28, 28]` (one channel) with
  /// each pixel x scaled to x / 127.5 − 1 ∈ [−1, 1]: the range of a generator's tanh output
  /// (PyTorch's DCGAN reference writes it `ToTensor()` then `Normalize((0.5,), (0.5,))`).
  public func tensor(at indices: some Collection<Int>) -> Tensor {
    let pixels = Self.side * Self.side
    for index in indices {
      precondition((0..<count).contains(index), "FashionMNIST: image \(index) outside 0..<\(count)")
    }
    return Tensor(shape: [indices.count, 1, Self.side, Self.side]) { scaled in
      images.withUnsafeBufferPointer { images in
        for (row, index) in indices.enumerated() {
          let (source, target) = (index * pixels, row * pixels)
          for j in 0..<pixels {
            scaled[target + j] = Float(images[source + j]) / 127.5 - 1
          }
        }
      }
    }
  }

  /// Every image, `[count, 1, 28, 28]` in [−1, 1]; see `tensor(at:)`.
  public func tensor() -> Tensor {
    tensor(at: 0..<count)
  }
}
