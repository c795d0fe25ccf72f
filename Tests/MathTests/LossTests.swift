import Foundation
import Math
import PropertyBased
import Testing

/// The losses: gradients against central differences, values against their definitions.
@Suite struct LossTests {
  // MARK: gradients

  @Test func binaryCrossEntropyOnLogitsGradient() async {
    await expectGradientsMatch { r, c, g in
      let logits = g.parameter(r, c, in: -4...4)
      let targets = g.tensor(r, c, in: 0...1)
      return ([logits], { binaryCrossEntropy(logits: logits, targets: targets) })
    }
  }

  @Test func binaryCrossEntropyOnProbabilitiesGradient() async {
    await expectGradientsMatch(GradientCheck(step: 1e-3)) { r, c, g in
      let p = g.parameter(r, c, in: 0.05...0.95)
      let targets = g.tensor(r, c, in: 0...1)
      return ([p], { binaryCrossEntropy(probabilities: p, targets: targets) })
    }
  }

  @Test func meanSquaredErrorGradient() async {
    await expectGradientsMatch { r, c, g in
      let prediction = g.parameter(r, c)
      let target = g.tensor(r, c)
      return ([prediction], { meanSquaredError(prediction, target) })
    }
  }

  @Test func lossesComposeWithTheGraph() async {
    // The discriminator's loss of Goodfellow et al. on a linear discriminator: gradients reach W
    // and b through the affine map and the loss.
    await expectGradientsMatch { batch, features, g in
      let (x, w, b) = (
        Variable(g.tensor(batch, features)), g.parameter(features, 1), g.parameter(1, 1)
      )
      let targets = Tensor(shape: [batch, 1], scalars: (0..<batch).map { Float($0 % 2) })
      return (
        [w, b], { binaryCrossEntropy(logits: x.affine(weight: w, bias: b), targets: targets) }
      )
    }
  }

  // MARK: values

  @Test func binaryCrossEntropyValuesMatchTheDefinition() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let logits = g.tensor(r, c, in: -6...6)
      let targets = g.tensor(r, c, in: 0...1)
      var expected = 0.0
      for (a, y) in zip(logits.scalars, targets.scalars) {
        let p = 1 / (1 + Foundation.exp(-Double(a)))
        expected -= Double(y) * Foundation.log(p) + (1 - Double(y)) * Foundation.log(1 - p)
      }
      expected /= Double(logits.count)
      let onLogits = binaryCrossEntropy(logits: Variable(logits), targets: targets).value
      #expect(onLogits.shape == [])
      #expect(abs(Double(onLogits.scalar) - expected) <= 1e-5 * max(1, expected))
      // A sigmoid followed by BCE on probabilities gives the same loss.
      let probabilities = Variable(logits).sigmoid()
      let onProbabilities = binaryCrossEntropy(probabilities: probabilities, targets: targets).value
        .scalar
      #expect(abs(Double(onProbabilities) - expected) <= 1e-4 * max(1, expected))
    }
  }

  @Test func binaryCrossEntropyOnLogitsIsStableForLargeLogits() {
    let logits = Variable(
      Tensor(shape: [1, 4], scalars: [100, -100, 100, -100]), requiresGradient: true)
    let targets = Tensor(shape: [1, 4], scalars: [0, 1, 1, 0])
    let loss = binaryCrossEntropy(logits: logits, targets: targets)
    // Two confident mistakes cost 100 each, two confident hits cost ~0: mean 50.
    #expect(abs(loss.value.scalar - 50) < 1e-4)
    loss.backward()
    // Gradient (σ(a) − y)/n: ±1/4 for the mistakes, ~0 for the hits.
    #expect(
      allClose(
        logits.gradient!, Tensor(shape: [1, 4], scalars: [0.25, -0.25, 0, 0]), tolerance: 1e-6))
  }

  @Test func binaryCrossEntropyOnProbabilitiesClampsTheLog() {
    let p = Variable(Tensor(shape: [1, 2], scalars: [0, 1]), requiresGradient: true)
    let loss = binaryCrossEntropy(
      probabilities: p, targets: Tensor(shape: [1, 2], scalars: [1, 0]))
    // log 0 is clamped at −100, as in PyTorch's BCELoss.
    #expect(loss.value.scalar == 100)
    loss.backward()
    #expect(p.gradient?.isFinite == true)
  }

  @Test func binaryCrossEntropyIsSmallestAtTheTarget() async {
    // For a target y ∈ (0, 1), the loss on probabilities is minimised at p = y.
    await propertyCheck(count: 50, input: Gen.double(in: 0.05...0.95), Gen.double(in: 0.01...0.2)) {
      y, delta in
      func loss(_ p: Double) -> Float {
        binaryCrossEntropy(
          probabilities: Variable(Tensor(shape: [1, 1], scalars: [Float(p)])),
          targets: Tensor(shape: [1, 1], scalars: [Float(y)])
        ).value.scalar
      }
      #expect(loss(y) < loss(min(y + delta, 0.999)))
      #expect(loss(y) < loss(max(y - delta, 0.001)))
    }
  }

  @Test func meanSquaredErrorValue() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let (prediction, target) = (g.tensor(r, c), g.tensor(r, c))
      let expected =
        zip(prediction.scalars, target.scalars).reduce(0.0) {
          $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1))
        } / Double(prediction.count)
      let loss = meanSquaredError(Variable(prediction), target).value.scalar
      #expect(abs(Double(loss) - expected) <= 1e-5 * max(1, expected))
      #expect(meanSquaredError(Variable(target), target).value.scalar == 0)
    }
  }
}
