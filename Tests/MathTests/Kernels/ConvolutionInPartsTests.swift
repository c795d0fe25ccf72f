@testable import Math
import PropertyBased
import Testing

/// The convolutions by parts of the batch (Kernels/ConvolutionInParts.swift) against the readable
/// ones: with one part bit for bit; with several equal up to rounding — OpenBLAS may round a
/// product's last columns differently when there are fewer of them, and the parts' kernel and
/// bias gradients are added at the end.
@Suite struct ConvolutionInPartsTests {
  struct Case {
    let x: Tensor, weight: Tensor, bias: Tensor, stride: Int, padding: Int
    init(_ generator: inout SeededGenerator, transposed: Bool) {
      func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
      let (batch, channels, outputs, k) = (draw(2...7), draw(1...3), draw(1...3), draw(1...4))
      (stride, padding) = (draw(1...2), draw(0...((k - 1) / 2)))
      let side = draw(max(1, k - 2 * padding)...(max(1, k - 2 * padding) + 4))
      x = generator.tensor(shape: [batch, channels, side, side])
      weight = generator.tensor(shape: transposed ? [channels, outputs, k, k] : [outputs, channels, k, k])
      bias = generator.tensor(shape: [outputs])
    }
  }

  /// Output, then the gradients of x, the kernel and the bias for a random output gradient.
  static func run(_ c: Case, transposed: Bool, parts: Int?, seed: Tensor? = nil) -> [Tensor] {
    let (x, w, b) = (Variable(c.x, requiresGradient: true), Variable(c.weight, requiresGradient: true),
                     Variable(c.bias, requiresGradient: true))
    let y: Variable
    if let parts {
      let ws = c.weight.shape
      if transposed {
        let (h, wd) = (c.x.shape[2], c.x.shape[3])
        let g = ConvolutionGeometry(batch: c.x.shape[0], channels: ws[1], height: (h - 1) * c.stride - 2 * c.padding + ws[2],
                                    width: (wd - 1) * c.stride - 2 * c.padding + ws[2], kernelSize: ws[2],
                                    stride: c.stride, padding: c.padding)
        y = x.transposedConvolutionInParts(weight: w, bias: b, kernel: c.weight.reshaped([ws[0], g.patchSize]),
                                           geometry: g, parts: BatchParts(of: c.x.shape[0], parts: parts))
      } else {
        let g = ConvolutionGeometry(imageShape: c.x.shape, kernelSize: ws[2], stride: c.stride, padding: c.padding)
        y = x.convolutionInParts(weight: w, bias: b, kernel: c.weight.reshaped([ws[0], g.patchSize]), geometry: g,
                                 parts: BatchParts(of: c.x.shape[0], parts: parts))
      }
    } else {
      y = transposed
        ? x.transposedConvolution(weight: w, bias: b, stride: c.stride, padding: c.padding)
        : x.convolution(weight: w, bias: b, stride: c.stride, padding: c.padding)
    }
    var generator = SeededGenerator(seed: 9)
    y.backward(seed: seed ?? generator.tensor(shape: y.shape))
    return [y.value, x.gradient!, w.gradient!, b.gradient!]
  }

  func expectSame(transposed: Bool) async {
    await propertyCheck(count: 60, input: Gen.uint64(), Gen.int(in: 1...4)) { seed, parts in
      var generator = SeededGenerator(seed: seed)
      let c = Case(&generator, transposed: transposed)
      let readable = Self.run(c, transposed: transposed, parts: nil)
      let inParts = Self.run(c, transposed: transposed, parts: parts)
      for (i, name) in ["output", "input gradient", "kernel gradient", "bias gradient"].enumerated() {
        let close = allClose(inParts[i], readable[i], tolerance: 1e-4)
        #expect(close, "\(name), \(parts) parts: largest difference \(zip(inParts[i].scalars, readable[i].scalars).map { abs($0 - $1) }.max() ?? 0)")
        if parts == 1 {
          let same = inParts[i].scalars.map(\.bitPattern) == readable[i].scalars.map(\.bitPattern)
          #expect(same, "\(name): one part is the readable computation, bit for bit")
        }
      }
    }
  }

  @Test func convolutionInPartsIsTheConvolution() async { await expectSame(transposed: false) }
  @Test func transposedConvolutionInPartsIsTheTransposedConvolution() async { await expectSame(transposed: true) }

  @Test func partsCoverTheBatchInOrder() async {
    await propertyCheck(count: 50, input: Gen.int(in: 1...100), Gen.int(in: 1...8)) { count, parts in
      let ranges = BatchParts(of: count, parts: parts).ranges
      #expect(ranges.count == min(count, parts))
      #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == count)
      #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && !$0.isEmpty })
    }
  }
}
