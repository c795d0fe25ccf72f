@testable import Math
import PropertyBased
import Testing

/// Kernels/FusedBatchNormLayer.swift: a BatchNorm2d and the rectifier after it, fused by
/// `Sequential.fused()`, against the two layers one after the other.
@Suite struct FusedBatchNormLayerTests {
  static func bits(_ t: Tensor?) -> [UInt32]? { t?.scalars.map(\.bitPattern) }

  /// Two twin networks, convolution → BatchNorm2d → activation (ReLU, a leaky ReLU with slope
  /// ≥ 0, which fuse, or one with a negative slope, which does not), with the same random
  /// parameters; the second is fused. Two training steps' outputs, gradients (input, every
  /// parameter) and running statistics, and then the evaluation output, are the same bit for bit.
  @Test func fusedModelGivesTheNumbersOfTheLayersOneByOne() async {
    await propertyCheck(count: 40, input: Gen.uint64()) { seed in
      var g = SeededGenerator(seed: seed)
      func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &g) }
      let (batch, channels, outputs, side) = (draw(1...4), draw(1...3), draw(1...9), draw(2...7))
      let activation: Activation = [.relu, .leakyRelu(slope: Float(g.uniform(0, 0.5))), .leakyRelu(slope: -0.1)][draw(0...2)]
      let weight = g.tensor(shape: [outputs, channels, 3, 3])
      let (scale, offset) = (g.tensor(shape: [1, outputs]), g.tensor(shape: [1, outputs]))
      func network() -> Sequential {
        let norm = BatchNorm2d(outputs)
        (norm.scale.value, norm.offset.value) = (scale, offset)
        return Sequential(Conv2d(weight: weight, bias: Tensor(zeros: [outputs]), stride: 1, padding: 1), norm, activation)
      }
      let (model, fused) = (network(), network().fused())
      let fusesThisOne = activation.leakyReluSlope != nil
      #expect(fused.layers.count == (fusesThisOne ? 2 : 3))
      for step in 0..<2 {
        let x = g.tensor(shape: [batch, channels, side, side])
        let seedGradient = g.tensor(shape: [batch, outputs, side, side])
        let (input, fusedInput) = (Variable(x, requiresGradient: true), Variable(x, requiresGradient: true))
        let (y, fusedY) = (model(input, training: true), fused(fusedInput, training: true))
        y.backward(seed: seedGradient)
        fusedY.backward(seed: seedGradient)
        #expect(Self.bits(y.value) == Self.bits(fusedY.value), "step \(step), \(activation)")
        #expect(Self.bits(input.gradient) == Self.bits(fusedInput.gradient), "step \(step), \(activation)")
        for (p, q) in zip(model.parameters, fused.parameters) {
          #expect(Self.bits(p.gradient) == Self.bits(q.gradient), "step \(step), \(activation)")
          p.zeroGradient()
          q.zeroGradient()
        }
      }
      let running = (model.layers[1] as! BatchNorm2d).running
      let fusedNorm = fusesThisOne ? (fused.layers[1] as! FusedBatchNormLayer).norm : fused.layers[1] as! BatchNorm2d
      #expect(running.mean.map(\.bitPattern) == fusedNorm.running.mean.map(\.bitPattern))
      #expect(running.variance.map(\.bitPattern) == fusedNorm.running.variance.map(\.bitPattern))
      let x = g.tensor(shape: [batch, channels, side, side])
      #expect(Self.bits(model(Variable(x), training: false).value) == Self.bits(fused(Variable(x), training: false).value))
    }
  }
}
