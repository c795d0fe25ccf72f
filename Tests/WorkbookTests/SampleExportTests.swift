import Foundation
import Math
import Testing
import Workbook

/// `n` images `[n, 1, 28, 28]` whose pixels cycle through `values`.
private func images(_ n: Int, cycling values: [Float]) -> Tensor {
  Tensor(shape: [n, 1, 28, 28], scalars: (0..<n * 784).map { values[$0 % values.count] })
}

/// The magic number of an IDX file read as MNIST's documentation quotes it: a big-endian
/// 32-bit integer (2051 for images, 2049 for labels).
private func magic(of bytes: [UInt8]) -> Int {
  bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
}

@Suite struct SampleExportTests {
  let folder: ScratchFolder
  init() throws { folder = try ScratchFolder() }

  // MARK: Pixels

  @Test(
    arguments: [
      (-1, 0), (1, 255), (0, 128), (-0.0, 128), (-0.999, 0), (0.5, 191), (-0.5, 64), (1.5, 255),
      (-1.5, 0), (Float.infinity, 255), (-Float.infinity, 0), (1e-30, 128), (-1e-30, 127),
    ] as [(Float, UInt8)])
  func aTanhOutputBecomesRoundOfXPlusOneTimes127point5(x: Float, byte: UInt8) {
    #expect(SampleExport.byte(fromTanh: x) == byte)
  }

  /// Swift's `rounded()` rounds halves away from zero (2.5 → 3, not ties-to-even's 2); x = 0 is
  /// the one exact half, 127.5 → 128 (where ties-to-even agrees, 128 being even).
  @Test func halvesRoundAwayFromZero() {
    #expect((2.5 as Double).rounded() == 3)
    #expect((-0.5 as Double).rounded() == -1)
    #expect((127.5 as Double).rounded() == 128)
    #expect((127.5 as Double).rounded(.toNearestOrEven) == 128)
  }

  /// On either side of each boundary between bytes k and k + 1, x = (k + 0.5) / 127.5 − 1, the
  /// neighbouring Floats go to k and k + 1: the steps sit exactly where the formula puts them.
  @Test func everyStepBetweenBytesIsWhereTheFormulaPutsIt() {
    for k in 0..<255 {
      let boundary = (Double(k) + 0.5) / 127.5 - 1
      var below = Float(boundary)
      var above = below
      while Double(below) >= boundary { below = below.nextDown }
      while Double(above) <= boundary { above = above.nextUp }
      #expect(SampleExport.byte(fromTanh: below) == UInt8(k), "just below the step after \(k)")
      #expect(SampleExport.byte(fromTanh: above) == UInt8(k + 1), "just above the step after \(k)")
    }
  }

  /// Fashion-MNIST's p / 127.5 − 1 and back gives every byte p again.
  @Test func everyByteSurvivesFashionMNISTsScaling() {
    let pixels = (0..<784).map { UInt8($0 % 256) }
    let data = FashionMNIST(images: pixels, labels: [3])
    #expect(SampleExport.bytes(fromTanhImages: data.tensor()) == pixels)
  }

  /// `[N, 1, H, W]`, `[N, H, W]` and `[N, 784]` hold the same images, N × H × W.
  @Test func theAcceptedShapes() {
    let batch = images(2, cycling: [-1, 0, 1, 0.25])
    let expected = SampleExport.bytes(fromTanhImages: batch)
    #expect(expected.count == 2 * 784)
    for shape in [[2, 1, 28, 28], [2, 28, 28], [2, 784]] {
      #expect(SampleExport.dimensions(ofImages: shape) == [2, 28, 28])
      #expect(SampleExport.bytes(fromTanhImages: batch.reshaped(shape)) == expected)
    }
    #expect(SampleExport.dimensions(ofImages: [3, 1, 5, 7]) == [3, 5, 7])
    #expect(SampleExport.dimensions(ofImages: [3, 5, 7]) == [3, 5, 7])
  }

  // MARK: The labels file's name

  @Test(arguments: [
    ("samples.idx", "samples-labels.idx"),
    ("samples.idx.gz", "samples-labels.idx.gz"),
    ("samples.gz", "samples-labels.gz"),
    ("samples", "samples-labels"),
    ("samples.idx3", "samples-labels.idx1"),
    ("samples.idx3.gz", "samples-labels.idx1.gz"),
    ("samples-idx3-ubyte", "samples-labels-idx1-ubyte"),
    ("samples-idx3-ubyte.gz", "samples-labels-idx1-ubyte.gz"),
    ("/tmp/run.v2/samples", "/tmp/run.v2/samples-labels"),
    ("out/gen.samples.idx.gz", "out/gen.samples-labels.idx.gz"),
    (".samples", ".samples-labels"),
  ])
  func labelsGoBeforeTheExtension(path: String, labels: String) {
    #expect(SampleExport.labelsPath(for: path) == labels)
  }

  @Test(arguments: [
    ("samples.idx.gz", "samples-unconditional.idx.gz"),
    ("samples.idx3", "samples-unconditional.idx3"),
    ("samples-idx3-ubyte.gz", "samples-unconditional-idx3-ubyte.gz"),
    ("/tmp/run.v2/samples", "/tmp/run.v2/samples-unconditional"),
  ])
  func aVariantGoesBeforeTheExtensionAndKeepsIdx3(path: String, variant: String) {
    #expect(SampleExport.variantPath(for: path, variant: "unconditional") == variant)
    #expect(SampleExport.labelsPath(for: SampleExport.variantPath(for: path, variant: "unconditional"))
      == SampleExport.variantPath(for: path, variant: "unconditional-labels").replacingOccurrences(of: "idx3", with: "idx1"))
  }

  // MARK: Files

  @Test(arguments: ["samples.idx", "samples.idx.gz"])
  func theImagesAndLabelsReadBackThroughIDX(name: String) throws {
    let batch = images(3, cycling: [-1, 1, 0, -0.999, 1.5])
    let path = folder.path(name)
    try SampleExport.write(images: batch, labels: [7, 0, 255], to: path)

    let read = try IDX.read(from: path)
    #expect(read.dimensions == [3, 28, 28])
    #expect(read.bytes == (0..<3 * 784).map { [0, 255, 128, 0, 255][$0 % 5] })
    let labels = try IDX.read(from: SampleExport.labelsPath(for: path))
    #expect(labels == IDX(dimensions: [3], bytes: [7, 0, 255]))
  }

  @Test func withoutLabelsOnlyTheImagesAreWritten() throws {
    let path = folder.path("samples.idx")
    try SampleExport.write(images: images(1, cycling: [0]), to: path)
    #expect(try IDX.read(from: path).dimensions == [1, 28, 28])
    #expect(!FileManager.default.fileExists(atPath: SampleExport.labelsPath(for: path)))
  }

  /// The plain files start with MNIST's magic numbers, and the pair loads as a Fashion-MNIST
  /// split once the labels carry that distribution's name.
  @Test func theFilesAreFashionMNISTFiles() throws {
    let batch = images(4, cycling: [-1, -0.2, 0.6, 1])
    try SampleExport.write(images: batch, labels: [0, 9, 4, 4], to: folder.path("plain.idx"))
    #expect(magic(of: try folder.bytes("plain.idx")) == 2051)
    #expect(magic(of: try folder.bytes("plain-labels.idx")) == 2049)

    let images = folder.path(FashionMNIST.Split.test.imagesFile)
    try SampleExport.write(images: batch, labels: [0, 9, 4, 4], to: images)
    try FileManager.default.moveItem(
      atPath: SampleExport.labelsPath(for: images),
      toPath: folder.path(FashionMNIST.Split.test.labelsFile))
    let loaded = try FashionMNIST.load(.test, directory: folder.url.path)
    #expect(loaded.labels == [0, 9, 4, 4])
    #expect(loaded.images == SampleExport.bytes(fromTanhImages: batch))
  }

  @Test func aFolderThatIsAFileIsAnErrorNamingTheSamplesFile() throws {
    let file = try folder.write([1], to: "not-a-folder")
    let path = file + "/samples.idx.gz"
    let message = errorMessage(naming: path) {
      try SampleExport.write(images: images(1, cycling: [0]), to: path)
    }
    #expect(message.contains(file))
  }

  @Test func aSamplesPathThatIsAFolderIsAnErrorNamingIt() throws {
    let path = folder.path("a-folder")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    _ = errorMessage(naming: path) {
      try SampleExport.write(images: images(1, cycling: [0]), to: path)
    }
  }

  // MARK: In a chapter run

  @Test func aRunWithTheOptionWritesTheSamplesAndLabels() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let path = sandbox.folder.appendingPathComponent("exports/samples.idx.gz").path
    let run = try sandbox.run(["--quick", "--no-progress", "--export-samples", path])
    #expect(
      FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("exports").path))
    run.exportSamples(images(2, cycling: [1]).reshaped([2, 784]), labels: [5, 6])
    run.record("RP-err", 0.2)
    run.record("NP", 0.31)
    #expect(try run.complete() == 0)
    #expect(
      try IDX.read(from: path)
        == IDX(dimensions: [2, 28, 28], bytes: Array(repeating: 255, count: 2 * 784)))
    #expect(try IDX.read(from: SampleExport.labelsPath(for: path)).bytes == [5, 6])
    #expect(run.warnings.isEmpty)
  }

  @Test func aRunWithoutTheOptionWritesNothing() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let before = try FileManager.default.subpathsOfDirectory(atPath: sandbox.folder.path).sorted()
    let run = try sandbox.run(["--quick", "--no-progress"])
    run.exportSamples(images(2, cycling: [1]), labels: [5, 6])
    let after = try FileManager.default.subpathsOfDirectory(atPath: sandbox.folder.path).sorted()
    #expect(
      Set(after).subtracting(before).allSatisfy {
        $0.hasPrefix("figures") || $0.hasPrefix("results")
      })
  }

  @Test func aRunThatExportsNothingWarnsOnce() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let path = sandbox.folder.appendingPathComponent("samples.idx").path
    let run = try sandbox.run(["--quick", "--no-progress", "--export-samples", path])
    run.record("RP-err", 0.2)
    run.record("NP", 0.31)
    #expect(try run.complete() == 0)
    #expect(run.warnings == ["--export-samples: chapter 99 has no image samples; nothing written"])
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  /// A bad path stops the run when it starts, before any training, naming the path and the flag.
  @Test func aRunWithAnUnwritableExportPathFailsAtTheStart() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let file = sandbox.folder.appendingPathComponent("a-file")
    try AtomicFile.write("x", to: file)
    let inFile = file.appendingPathComponent("samples.idx").path
    #expect {
      try sandbox.run(["--export-samples", inFile])
    } throws: { error in
      let message = "\(error)"
      return message.hasPrefix("cannot write \(inFile): ") && message.contains("--export-samples")
        && message.contains("\(file.path) is a file, not a folder")
    }
    let folderPath = sandbox.folder.path
    #expect {
      try sandbox.run(["--export-samples", folderPath])
    } throws: { error in
      "\(error)".hasPrefix("cannot write \(folderPath): it is a folder")
    }
  }
}
