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
