@testable import Math
import PropertyBased
import Testing

/// Kernels/FusedConvolutionLayer.swift: a Conv2d and the rectifier after it, fused, against the
/// two one after the other.
@Suite struct FusedConvolutionLayerTests {
  static func bits(_ t: Tensor?) -> [UInt32]? { t?.scalars.map(\.bitPattern) }

  /// The convolution by parts with its rectifier fused, and the same convolution followed by
  /// `leakyRelu(slope:)`: outputs and the gradients of the input, the kernel and the bias are
  /// the same bit for bit, for one, two and three parts of the batch, with and without a bias.
  @Test func fusedRectifierGivesTheNumbersOfTheLayersOneByOne() async {
    await propertyCheck(count: 60, input: Gen.uint64()) { seed in
      var g = SeededGenerator(seed: seed)
      func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &g) }
      let (batch, channels, outputs, k) = (draw(1...5), draw(1...3), draw(1...4), draw(1...4))
      let (stride, padding) = (draw(1...2), draw(0...((k - 1) / 2)))
      let side = draw(max(1, k - 2 * padding)...(max(1, k - 2 * padding) + 5))
      let slope: Float = draw(0...1) == 0 ? 0 : Float(g.uniform(0, 0.5))
      let x = g.tensor(shape: [batch, channels, side, side])
      let weight = g.tensor(shape: [outputs, channels, k, k])
      let bias: Tensor? = draw(0...3) == 0 ? nil : g.tensor(shape: [outputs])
      let geometry = ConvolutionGeometry(imageShape: x.shape, kernelSize: k, stride: stride, padding: padding)
      let seedGradient = g.tensor(shape: [batch, outputs, geometry.outputHeight, geometry.outputWidth])
      for parts in 1...3 {
        func run(fused: Bool) -> [[UInt32]?] {
          let (xv, w) = (Variable(x, requiresGradient: true), Variable(weight, requiresGradient: true))
          let b = bias.map { Variable($0, requiresGradient: true) }
          let z = xv.convolutionInParts(weight: w, bias: b, kernel: weight.reshaped([outputs, geometry.patchSize]),
                                        geometry: geometry, parts: BatchParts(of: batch, parts: parts),
                                        rectifyingWithSlope: fused ? slope : nil)
          let y = fused ? z : z.leakyRelu(slope: slope)
          y.backward(seed: seedGradient)
          return [Self.bits(y.value), Self.bits(xv.gradient), Self.bits(w.gradient), Self.bits(b?.gradient)]
        }
        #expect(run(fused: true) == run(fused: false), "\(parts) parts, \(geometry), slope \(slope)")
      }
    }
  }

  /// `Sequential.fused()` fuses a Conv2d with a ReLU or a leaky ReLU of slope ≥ 0 (not with a
  /// negative slope), and the fused network gives the same output and gradients.
  @Test func sequentialFusesConvolutionAndRectifier() {
    var g = SeededGenerator(seed: 7)
    for activation in [Activation.relu, .leakyRelu(slope: 0.2), .leakyRelu(slope: -0.1)] {
      let weight = g.tensor(shape: [3, 2, 4, 4])
      func network() -> Sequential {
        Sequential(Conv2d(weight: weight, bias: Tensor(zeros: [3]), stride: 2, padding: 1), activation)
      }
      let (model, fused) = (network(), network().fused())
      #expect(fused.layers.count == (activation.leakyReluSlope == nil ? 2 : 1))
      let x = g.tensor(shape: [3, 2, 8, 8])
      let (input, fusedInput) = (Variable(x, requiresGradient: true), Variable(x, requiresGradient: true))
      let (y, fusedY) = (model(input, training: true), fused(fusedInput, training: true))
      let seedGradient = g.tensor(shape: y.shape)
      y.backward(seed: seedGradient)
      fusedY.backward(seed: seedGradient)
      #expect(Self.bits(y.value) == Self.bits(fusedY.value))
      #expect(Self.bits(input.gradient) == Self.bits(fusedInput.gradient))
      for (p, q) in zip(model.parameters, fused.parameters) { #expect(Self.bits(p.gradient) == Self.bits(q.gradient)) }
    }
  }
}
