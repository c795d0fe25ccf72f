import Foundation
import Math
import PropertyBased
import Testing

/// Layers: gradients of Linear and of perceptrons against central differences, initialisation,
/// structure, and dropout's statistics.
@Suite struct LayerTests {
  static let activations: [Activation] = [.relu, .leakyRelu(slope: 0.2), .tanh, .sigmoid]

  /// Whether every input to a ReLU or leaky ReLU in `model` is at least `margin` away from 0 for
  /// the batch `x`, so a small finite-difference step never crosses a kink.
  static func clearOfKinks(_ model: Sequential, _ x: Tensor, margin: Float = 0.02) -> Bool {
    let outputs = model.activations(x)
    for (i, layer) in model.layers.enumerated() where i > 0 {
      guard let activation = layer as? Activation else { continue }
      switch activation.kind {
      case .relu, .leakyRelu:
        if outputs[i - 1].scalars.contains(where: { abs($0) < margin }) { return false }
      case .tanh, .sigmoid: continue
      }
    }
    return true
  }

  // MARK: Linear.swift

  @Test func linearGradient() async {
    await expectGradientsMatch { batch, inputs, g in
      let outputs = Int(g.next() % 5) + 1
      let layer = Linear(weight: g.tensor(inputs, outputs), bias: g.tensor(1, outputs))
      let x = g.parameter(batch, inputs)
      return ([x, layer.weight, layer.bias], { layer(x) })
    }
  }

  @Test func linearComputesXWPlusB() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      batch, inputs, seed in
      var g = SeededGenerator(seed: seed)
      let outputs = Int(g.next() % 5) + 1
      let (w, b, x) = (g.tensor(inputs, outputs), g.tensor(1, outputs), g.tensor(batch, inputs))
      let y = Linear(weight: w, bias: b).evaluate(x)
      #expect(y.shape == [batch, outputs])
      for i in 0..<batch {
        for j in 0..<outputs {
          let expected = (0..<inputs).reduce(Double(b[0, j])) {
            $0 + Double(x[i, $1]) * Double(w[$1, j])
          }
          #expect(abs(Double(y[i, j]) - expected) <= 1e-5 * Double(inputs + 1) * 4)
        }
      }
    }
  }

  @Test func linearInitialisationIsPyTorchsUniformAndRepeatable() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...64), Gen.int(in: 1...16), Gen.uint64()) {
      inputs, outputs, seed in
      var g1 = SeededGenerator(seed: seed)
      var g2 = SeededGenerator(seed: seed)
      let layer = Linear(inputs, outputs, using: &g1)
      let again = Linear(inputs, outputs, using: &g2)
      #expect(layer.weight.shape == [inputs, outputs])
      #expect(layer.bias.shape == [1, outputs])
      let bound = Float(1 / Double(inputs).squareRoot())
      #expect(
        (layer.weight.value.scalars + layer.bias.value.scalars).allSatisfy { abs($0) <= bound })
      #expect(layer.weight.value == again.weight.value && layer.bias.value == again.bias.value)
      #expect(layer.weight.requiresGradient && layer.bias.requiresGradient)
      #expect(layer.parameterCount == inputs * outputs + outputs)
      #expect(
        layer.parameters.count == 2 && layer.parameters[0] === layer.weight
          && layer.parameters[1] === layer.bias)
    }
  }

  @Test func linearInitialisationFillsItsRange() {
    // 256 × 256 weights from U(−1/16, 1/16): mean ≈ 0, variance ≈ (1/8)²/12.
    var g = SeededGenerator(seed: 7)
    let w = Linear(256, 256, using: &g).weight.value.scalars.map(Double.init)
    let variance = (1.0 / 64) / 12
    #expect(abs(Statistics.mean(w)) < 5 * (variance / Double(w.count)).squareRoot())
    #expect(abs(Statistics.variance(w) / variance - 1) < 0.02)
  }

  // MARK: Activation.swift, Sequential.swift

  @Test func activationLayersApplyTheirFunction() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = Variable(g.tensor(r, c))
      #expect(Activation.relu(x).value == x.relu().value)
      #expect(Activation.leakyRelu(slope: 0.3)(x).value == x.leakyRelu(slope: 0.3).value)
      #expect(Activation.tanh(x).value == x.tanh().value)
      #expect(Activation.sigmoid(x).value == x.sigmoid().value)
      #expect(Activation.relu.parameters.isEmpty)
    }
  }

  @Test func perceptronGradient() async {
    // Linear → act → Linear → act → Linear (→ act), activations drawn at random; with respect to
    // the input and every parameter.
    await expectGradientsMatch(GradientCheck(step: 1e-3)) { batch, inputs, g in
      var attempts = 0
      while true {
        attempts += 1
        let widths = [inputs, Int(g.next() % 5) + 1, Int(g.next() % 5) + 1, Int(g.next() % 3) + 1]
        var layers: [any Layer] = []
        for i in 0..<3 {
          layers.append(Linear(widths[i], widths[i + 1], using: &g))
          if i < 2 || g.uniform() < 0.5 { layers.append(Self.activations[Int(g.next() % 4)]) }
        }
        let model = Sequential(layers)
        let x = g.parameter(batch, inputs)
        if Self.clearOfKinks(model, x.value) || attempts > 200 {
          return ([x] + model.parameters, { model(x) })
        }
      }
    }
  }

  @Test func perceptronStructure() {
    var g = SeededGenerator(seed: 1)
    let model = Sequential.perceptron(
      [2, 16, 32, 3], hidden: .leakyRelu(slope: 0.1), output: .sigmoid, dropout: 0.5, using: &g)
    #expect(model.layers.count == 8)  // L, act, drop, L, act, drop, L, sigmoid
    #expect(
      model.layers.map { $0 is Linear } == [true, false, false, true, false, false, true, false])
    #expect(
      model.layers.map { $0 is Dropout } == [false, false, true, false, false, true, false, false])
    #expect((model.layers[7] as? Activation)?.kind == .sigmoid)
    #expect((model.layers[1] as? Activation)?.kind == .leakyRelu(slope: 0.1))
    #expect(model.parameterCount == 2 * 16 + 16 + 16 * 32 + 32 + 32 * 3 + 3)
    #expect(model.parameters.count == 6)
    let plain = Sequential.perceptron([4, 3], using: &g)
    #expect(plain.layers.count == 1 && plain.layers[0] is Linear)
  }

  @Test func sequentialActivationsEndWithTheOutput() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      batch, inputs, seed in
      var g = SeededGenerator(seed: seed)
      let model = Sequential.perceptron([inputs, 8, 2], hidden: .relu, output: .tanh, using: &g)
      let x = g.tensor(batch, inputs)
      let outputs = model.activations(x)
      #expect(outputs.count == model.layers.count)
      #expect(outputs.last == model.evaluate(x))
      #expect(outputs[1] == outputs[0].map { max($0, 0) })
      #expect(model.evaluate(x).scalars.allSatisfy { abs($0) <= 1 })
      // A call on a constant batch still depends on the parameters, so it requires a gradient.
      #expect(model(Variable(x)).requiresGradient)
    }
  }

  @Test func zeroGradientsClearsEveryParameter() {
    var g = SeededGenerator(seed: 3)
    let model = Sequential.perceptron([3, 4, 1], using: &g)
    model(Variable(g.tensor(5, 3))).sum().backward()
    #expect(model.parameters.allSatisfy { $0.gradient != nil })
    model.zeroGradients()
    #expect(model.parameters.allSatisfy { $0.gradient == nil })
  }

  // MARK: Dropout.swift

  @Test func dropoutGradient() async {
    await expectGradientsMatch { r, c, g in
      let x = g.parameter(r, c)
      let seed = g.next()
      // A fresh layer with the same seed draws the same mask at every evaluation.
      return ([x], { Dropout(rate: 0.5, seed: seed)(x, training: true) })
    }
  }

  @Test func dropoutInTrainingZeroesAboutRateAndRescalesTheRest() async {
    await propertyCheck(count: 10, input: Gen.double(in: 0.05...0.9), Gen.uint64()) { rate, seed in
      var g = SeededGenerator(seed: seed)
      let dropout = Dropout(rate: Float(rate), seed: g.next())
      let x = Variable(g.tensor(100, 100, in: 0.5...2), requiresGradient: true)
      let y = dropout(x, training: true)
      let n = Double(x.value.count)
      let zeroed = Double(y.value.scalars.filter { $0 == 0 }.count)
      let standardError = (rate * (1 - rate) / n).squareRoot()
      #expect(abs(zeroed / n - rate) < 5 * standardError, "zeroed \(zeroed / n), rate \(rate)")
      let scale = 1 / (1 - rate)
      for (xi, yi) in zip(x.value.scalars, y.value.scalars) where yi != 0 {
        #expect(abs(Double(yi) - Double(xi) * scale) <= 1e-5 * Double(xi) * scale)
      }
      // The gradient passes through the same mask.
      y.backward(seed: Tensor(repeating: 1, shape: y.shape))
      for (yi, gi) in zip(y.value.scalars, x.gradient!.scalars) {
        #expect(yi == 0 ? gi == 0 : abs(Double(gi) - scale) <= 1e-5 * scale)
      }
      // A second call draws a new mask.
      #expect(dropout(x, training: true).value != y.value)
    }
  }

  /// The documented stream: element i is kept when the 32-bit half i mod 2 (low half first) of
  /// random number ⌊i/2⌋ falls below keep · 2³². Chapters' numbers depend on this order, so a
  /// faster implementation must keep it bit for bit: here with masks small enough to be drawn
  /// by one generator and large enough for four generators started apart (`JumpAhead`), whose
  /// quarters need not fill the mask.
  @Test func dropoutMaskFollowsItsDocumentedStream() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...70), Gen.int(in: 1...70), Gen.uint64()) { r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = Variable(g.tensor(r, c, in: 0.5...2))
      let rate: Float = 0.3
      let dropout = Dropout(rate: rate, seed: seed)
      var stream = SeededGenerator(seed: seed)
      let threshold = UInt64(Double(1 - rate) * 4_294_967_296)
      // Two calls: the second continues the stream where the first left it (an odd count
      // spends a whole random number on its last element).
      for call in 1...2 {
        let y = dropout(x, training: true).value
        var word: UInt64 = 0
        for i in 0..<x.value.count {
          if i % 2 == 0 { word = stream.next() }
          let draw = i % 2 == 0 ? word & 0xFFFF_FFFF : word >> 32
          let expected = draw < threshold ? x.value.scalars[i] * (1 / (1 - rate)) : 0
          #expect(y.scalars[i] == expected, "call \(call), element \(i) of \(r)×\(c)")
        }
      }
    }
  }

  @Test func dropoutIsIdentityInEvaluationAndRepeatableFromItsSeed() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = Variable(g.tensor(r, c))
      let dropout = Dropout(rate: 0.5, seed: seed)
      #expect(dropout(x).value == x.value)
      #expect(dropout(x, training: false).value == x.value)
      #expect(Dropout(rate: 0, seed: seed)(x, training: true).value == x.value)
      let twin = Dropout(rate: 0.5, seed: seed)
      #expect(
        Dropout(rate: 0.5, seed: seed)(x, training: true).value == twin(x, training: true).value)
      #expect(dropout.parameters.isEmpty)
    }
  }
}
