@testable import Math
import PropertyBased
import Testing

/// Kernels/FusedAffineLayer.swift and Kernels/RectifierPasses.swift: `Sequential.fused()`
/// against the readable layers one after another.
@Suite struct FusedAffineLayerTests {
  static func bits(_ t: Tensor?) -> [UInt32]? { t?.scalars.map(\.bitPattern) }

  /// A random perceptron: hidden ReLU, leaky ReLU (slope ≥ 0, fused) or leaky ReLU with a
  /// negative slope (not fused); dropout or none; an output activation or none; sometimes
  /// wrapped in a nested `Sequential` with one more Linear → ReLU pair.
  static func randomModel(_ inputs: Int, _ width: Int, using g: inout SeededGenerator) -> Sequential {
    let hidden: Activation = switch g.next() % 3 {
    case 0: .relu
    case 1: .leakyRelu(slope: Float(g.uniform(0, 0.5)))
    default: .leakyRelu(slope: -0.1)
    }
    let output: Activation? = [nil, .sigmoid, .tanh][Int(g.next() % 3)]
    let dropout: Float = g.uniform() < 0.7 ? 0.3 : 0
    let mlp = Sequential.perceptron([inputs, width, Int(g.next() % 12) + 1, 1], hidden: hidden, output: output,
                                    dropout: dropout, using: &g)
    guard g.uniform() < 0.3 else { return mlp }
    return Sequential(Sequential(Linear(inputs, inputs, using: &g), Activation.relu), mlp)
  }

  /// The fused model gives the unfused one's outputs and gradients (with respect to the input
  /// and every parameter) bit for bit, signs of zeros included: in training, where the twins'
  /// dropout layers draw the same masks, and in evaluation.
  @Test func fusedModelGivesTheNumbersOfTheLayersOneByOne() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...40), Gen.int(in: 1...20), Gen.uint64()) {
      batch, width, seed in
      var g = SeededGenerator(seed: seed)
      // Two copies of one network: the same parameters and the same dropout streams.
      var (g1, g2) = (g, g)
      let model = Self.randomModel(2, width, using: &g1)
      let fused = Self.randomModel(2, width, using: &g2).fused()
      let x = g.tensor(batch, 2)
      for training in [true, false, true] {
        let (input, fusedInput) = (Variable(x, requiresGradient: true), Variable(x, requiresGradient: true))
        let (y, fusedY) = (model(input, training: training), fused(fusedInput, training: training))
        #expect(Self.bits(fusedY.value) == Self.bits(y.value), "training \(training)")
        y.sum().backward()
        fusedY.sum().backward()
        for (p, q) in zip([input] + model.parameters, [fusedInput] + fused.parameters) {
          #expect(Self.bits(q.gradient) == Self.bits(p.gradient), "training \(training)")
        }
        model.zeroGradients()
        fused.zeroGradients()
      }
    }
  }

  /// `fused()` shares the model's parameters, in order, and its dropout layers: training the
  /// fused model and the model in turn draws the masks one model would draw.
  @Test func fusedModelSharesParametersAndDropoutStreams() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...20), Gen.uint64()) { batch, seed in
      var g = SeededGenerator(seed: seed)
      var (g1, g2) = (g, g)
      let model = Sequential.perceptron([3, 16, 8, 1], dropout: 0.5, using: &g1)
      let twin = Sequential.perceptron([3, 16, 8, 1], dropout: 0.5, using: &g2)
      let fused = model.fused()
      #expect(fused.parameters.count == model.parameters.count)
      #expect(zip(fused.parameters, model.parameters).allSatisfy { $0 === $1 })
      let x = Variable(g.tensor(batch, 3))
      for call in 0..<4 {
        let y = call % 2 == 0 ? fused(x, training: true) : model(x, training: true)
        #expect(Self.bits(y.value) == Self.bits(twin(x, training: true).value), "call \(call)")
      }
    }
  }

  /// Linear → ReLU or leaky ReLU with slope ≥ 0 (→ dropout) runs become one layer; other
  /// activations, negative slopes, and a Linear without an activation stay as they are.
  @Test func fusedReplacesOnlyLinearRectifierRuns() {
    var g = SeededGenerator(seed: 1)
    let leaky = Sequential.perceptron([2, 16, 32, 3], hidden: .leakyRelu(slope: 0.1), output: .sigmoid,
                                      dropout: 0.5, using: &g)
    #expect(leaky.fused().layers.map { $0 is FusedAffineLayer } == [true, true, false, false])
    #expect(leaky.fused().layers.count == 4 && leaky.fused().fused().layers.count == 4)
    let plain = Sequential.perceptron([2, 16, 1], hidden: .relu, using: &g)
    #expect(plain.fused().layers.map { $0 is FusedAffineLayer } == [true, false])
    for hidden in [Activation.tanh, .sigmoid, .leakyRelu(slope: -0.5)] {
      let model = Sequential.perceptron([2, 16, 1], hidden: hidden, dropout: 0.5, using: &g)
      #expect(model.fused().layers.count == model.layers.count)
    }
    #expect(Activation.relu.leakyReluSlope == 0)
    #expect(Activation.leakyRelu(slope: 0.2).leakyReluSlope == 0.2)
    #expect(Activation.leakyRelu(slope: -0.5).leakyReluSlope == nil)
    #expect(Activation.tanh.leakyReluSlope == nil && Activation.sigmoid.leakyReluSlope == nil)
  }

  /// The fused node's gradients against central differences, z = x W + b kept away from the
  /// kink at 0: |x W| ≤ 5 · 0.2 · 0.2 < 0.3 ≤ |b| − step. In half the cases a dropout mask (0 or
  /// 1/keep per element, a constant factor) is fused in.
  @Test func fusedNodeGradient() async {
    await expectGradientsMatch { batch, inputs, g in
      let outputs = Int(g.next() % 5) + 1
      let (x, w) = (g.parameter(batch, inputs, in: -0.2...0.2), g.parameter(inputs, outputs, in: -0.2...0.2))
      let b = Variable(g.tensorAwayFromZero(1, outputs, magnitude: 0.5...2), requiresGradient: true)
      let slope = g.uniform() < 0.5 ? 0 : Float(g.uniform(0.01, 0.5))
      let mask = g.uniform() < 0.5 ? nil : Dropout(rate: 0.3, seed: g.next()).nextMask(shape: [batch, outputs])
      return ([x, w, b], { x.affine(weight: w, bias: b, leakyReluSlope: slope, dropoutMask: mask) })
    }
  }
}
