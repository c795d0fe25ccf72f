@testable import Math
import PropertyBased
import Testing

/// The range kernels of im2col and col2im against the readable loops, bit for bit, over random
/// geometries (kernel larger than the padded image's stride, paddings wider than the kernel's
/// reach, strides that skip whole columns).
@Suite struct ConvolutionLoweringTests {
  static func geometry(_ generator: inout SeededGenerator) -> ConvolutionGeometry {
    func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    let (k, s, p) = (draw(1...5), draw(1...4), draw(0...4))
    let smallest = max(1, k - 2 * p)
    return ConvolutionGeometry(batch: draw(1...3), channels: draw(1...3), height: draw(smallest...(smallest + 6)),
                               width: draw(smallest...(smallest + 6)), kernelSize: k, stride: s, padding: p)
  }

  @Test func im2colByRangesIsIm2col() async {
    await propertyCheck(count: 200, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let g = Self.geometry(&generator)
      let x = generator.tensor(shape: g.imageShape)
      let (fast, readable) = (x.im2colByRanges(g), x.im2col(g))
      #expect(fast.shape == readable.shape && fast.scalars.map(\.bitPattern) == readable.scalars.map(\.bitPattern), "\(g)")
    }
  }

  /// Stride 2 has its own im2col (padded rows, vectors of 8 columns): rows of 1 to 24 columns,
  /// so one, two and three vectors per row and the last row's entries written one by one.
  @Test func im2colAtStrideTwoIsIm2col() async {
    await propertyCheck(count: 200, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
      let (k, p) = (draw(1...5), draw(0...3))
      let smallest = max(1, k - 2 * p)
      let g = ConvolutionGeometry(batch: draw(1...3), channels: draw(1...3), height: draw(smallest...(smallest + 8)),
                                  width: draw(smallest...48), kernelSize: k, stride: 2, padding: p)
      let x = generator.tensor(shape: g.imageShape)
      let (fast, readable) = (x.im2colByRanges(g), x.im2col(g))
      #expect(fast.shape == readable.shape && fast.scalars.map(\.bitPattern) == readable.scalars.map(\.bitPattern), "\(g)")
    }
  }

  /// A part of a batch, lowered in place, is the part copied out and lowered.
  @Test func im2colOfAPartIsIm2colOfItsImages() async {
    await propertyCheck(count: 100, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let whole = Self.geometry(&generator)
      let batch = whole.batch + Int.random(in: 1...3, using: &generator)
      let x = generator.tensor(shape: [batch] + whole.imageShape.dropFirst())
      let first = Int.random(in: 0...(batch - whole.batch), using: &generator)
      let (inPlace, copied) = (x.im2colByRanges(whole, firstImage: first), x.rows(first..<(first + whole.batch)).im2col(whole))
      #expect(inPlace.scalars.map(\.bitPattern) == copied.scalars.map(\.bitPattern), "\(whole), images from \(first)")
    }
  }

  @Test func col2imByRangesIsCol2im() async {
    await propertyCheck(count: 200, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let g = Self.geometry(&generator)
      let columns = generator.tensor(shape: [g.patchSize, g.batch * g.outputPositions])
      let (fast, readable) = (columns.col2imByRanges(g), columns.col2im(g))
      #expect(fast.shape == readable.shape && fast.scalars.map(\.bitPattern) == readable.scalars.map(\.bitPattern), "\(g)")
    }
  }
}
