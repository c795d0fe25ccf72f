import Foundation
import Math
import Testing
import Workbook

/// The Fashion-MNIST loader on small files written here, and on the real files when
/// `dataset-fashion-mnist` is installed.
@Suite struct FashionMNISTTests {
  let folder: ScratchFolder
  init() throws { folder = try ScratchFolder() }

  /// Writes a training split of `images` (each 28×28, or `side`×`side`) and `labels`.
  func writeSplit(images: IDX, labels: IDX) throws {
    try images.write(to: folder.path(FashionMNIST.Split.train.imagesFile))
    try labels.write(to: folder.path(FashionMNIST.Split.train.labelsFile))
  }

  /// `count` images whose every pixel is the image's index.
  func images(_ count: Int, side: Int = 28) -> IDX {
    IDX(
      dimensions: [count, side, side],
      bytes: (0..<count).flatMap { Array(repeating: UInt8($0), count: side * side) })
  }

  @Test func aSmallSplitLoads() throws {
    try writeSplit(images: images(3), labels: IDX(dimensions: [3], bytes: [9, 0, 4]))
    let data = try FashionMNIST.load(.train, directory: folder.url.path)
    #expect(data.count == 3 && data.labels == [9, 0, 4])
    #expect(data.images.count == 3 * 28 * 28 && data.images[2 * 784] == 2)
  }

  @Test func labelCountDifferentFromImageCountNamesBothFilesAndCounts() throws {
    try writeSplit(images: images(3), labels: IDX(dimensions: [2], bytes: [1, 2]))
    let labelsPath = folder.path("train-labels-idx1-ubyte.gz")
    let message = errorMessage(naming: labelsPath) {
      _ = try FashionMNIST.load(.train, directory: folder.url.path)
    }
    #expect(message.contains(folder.path("train-images-idx3-ubyte.gz")))
    #expect(message.contains("2 labels") && message.contains("3 images"))
  }

  @Test func aLabelAboveNineIsAnError() throws {
    try writeSplit(images: images(3), labels: IDX(dimensions: [3], bytes: [1, 12, 2]))
    let labelsPath = folder.path("train-labels-idx1-ubyte.gz")
    let message = errorMessage(naming: labelsPath) {
      _ = try FashionMNIST.load(.train, directory: folder.url.path)
    }
    #expect(message.contains("label 12 of image 1 is outside 0...9"))
  }

  @Test func imagesOfAnotherSizeAreAnError() throws {
    try writeSplit(images: images(2, side: 32), labels: IDX(dimensions: [2], bytes: [1, 2]))
    let imagesPath = folder.path("train-images-idx3-ubyte.gz")
    let message = errorMessage(naming: imagesPath) {
      _ = try FashionMNIST.load(.train, directory: folder.url.path)
    }
    #expect(message.contains("images are 32×32 pixels") && message.contains("expected 28×28"))
  }

  /// The labels file where the images should be: the message asks the question.
  @Test func swappedFilesAreRecognised() throws {
    try writeSplit(
      images: IDX(dimensions: [2], bytes: [1, 2]), labels: IDX(dimensions: [2], bytes: [1, 2]))
    let imagesPath = folder.path("train-images-idx3-ubyte.gz")
    let message = errorMessage(naming: imagesPath) {
      _ = try FashionMNIST.load(.train, directory: folder.url.path)
    }
    #expect(message.contains("magic 2051") && message.contains("is this the labels file?"))
  }

  @Test func aMissingFolderNamesTheFile() throws {
    let directory = folder.path("nowhere")
    let message = errorMessage(naming: directory + "/train-images-idx3-ubyte.gz") {
      _ = try FashionMNIST.load(.train, directory: directory)
    }
    #expect(message.contains("no such file"))
  }

  @Test func aMissingPackageGivesTheInstallCommand() throws {
    let directory = FashionMNIST.defaultDirectory + "/not-installed"
    let message = errorMessage(naming: directory + "/t10k-images-idx3-ubyte.gz") {
      _ = try FashionMNIST.load(.test, directory: directory)
    }
    #expect(message.contains("make setup") && message.contains("dataset-fashion-mnist"))
  }

  /// Pixels map to x / 127.5 − 1: 0 → −1, 255 → 1, in the order of the indices asked for.
  @Test func aMinibatchIsScaledToTheTanhRange() {
    let pixels: [UInt8] = [0, 255, 51]
    let data = FashionMNIST(
      images: pixels.flatMap { Array(repeating: $0, count: 784) }, labels: [0, 1, 2])
    let batch = data.tensor(at: [2, 0, 1, 0])
    #expect(batch.shape == [4, 1, 28, 28])
    #expect(abs(batch.scalars[0] - -0.6) < 1e-6 && abs(batch.scalars[783] - -0.6) < 1e-6)
    #expect(
      [batch.scalars[784], batch.scalars[2 * 784], batch.scalars[4 * 784 - 1]] == [-1, 1, -1])
    let all = data.tensor()
    #expect(all.shape == [3, 1, 28, 28] && all.scalars.min() == -1 && all.scalars.max() == 1)
  }

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory),
      "Fashion-MNIST is not installed at /usr/share/datasets/fashion-mnist (make setup)"))
  func theRealFilesHoldSixtyThousandAndTenThousandBalancedImages() throws {
    let clock = ContinuousClock()
    var splits: [FashionMNIST] = []
    var tensors: [Tensor] = []
    let loading = try clock.measure {
      splits = try [FashionMNIST.load(.train), FashionMNIST.load(.test)]
    }
    let scaling = clock.measure { tensors = splits.map { $0.tensor() } }
    print("FashionMNIST: read 70,000 images in \(loading), scaled them to [−1, 1] in \(scaling)")
    #expect(tensors.map(\.shape) == [[60_000, 1, 28, 28], [10_000, 1, 28, 28]])
    let (train, test) = (splits[0], splits[1])
    #expect(train.count == 60_000 && test.count == 10_000)
    #expect(train.images.count == 60_000 * 28 * 28 && test.images.count == 10_000 * 28 * 28)
    for (split, perClass) in [(train, 6_000), (test, 1_000)] {
      let counts = split.labels.reduce(into: [Int](repeating: 0, count: 10)) { $0[$1] += 1 }
      #expect(counts == Array(repeating: perClass, count: 10))
    }
    #expect(train.labels[0] == 9 && FashionMNIST.classNames[train.labels[0]] == "Ankle boot")
    #expect(train.images.min() == 0 && train.images.max() == 255)
    let batch = train.tensor(at: [0, 59_999])
    #expect(batch.shape == [2, 1, 28, 28] && batch.scalars.allSatisfy { (-1...1).contains($0) })
  }
}
