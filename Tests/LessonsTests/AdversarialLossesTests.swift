import Foundation
import Lessons
import Math
import PropertyBased
import Testing

@Suite struct AdversarialLossesTests {
  /// The discriminator's loss is binary cross-entropy over the real and fake batches stacked,
  /// with labels 1 and 0 — what lecture 6's recipe computes.
  @Test func discriminatorLossIsCrossEntropyOverBothBatches() async {
    await propertyCheck(input: Gen.int(in: 1...6), Gen.int(in: 1...6), Gen.int(in: 0...1_000_000)) { m, n, seed in
      var rng = SeededGenerator(seed: UInt64(seed))
      let real = Distribution1D.normal(mean: 0, sd: 3).tensor(rows: m, columns: 1, using: &rng)
      let fake = Distribution1D.normal(mean: 0, sd: 3).tensor(rows: n, columns: 1, using: &rng)
      let loss = discriminatorLoss(realLogits: Variable(real), fakeLogits: Variable(fake)).value.scalar
      let targets = Tensor(shape: [m + n, 1], scalars: Array(repeating: 1, count: m) + Array(repeating: 0, count: n))
      let stacked = binaryCrossEntropy(logits: Variable(Tensor.concatenatingRows([real, fake])), targets: targets).value.scalar
      #expect(abs(loss - stacked) <= 1e-5 * max(1, abs(stacked)))
    }
  }

  /// Goodfellow et al. 2014 §3: at D(G(z)) = σ(a) = 0.01 the saturating cost's gradient in the
  /// logit is D = 0.01 in size, the non-saturating cost's 1 − D = 0.99.
  @Test func saturatingCostHasAVanishingGradientWhereDRejects() {
    let a = Float(log(0.01 / 0.99))  // σ(a) = 0.01
    var sizes: [GeneratorCost: Float] = [:]
    for cost in GeneratorCost.allCases {
      let logit = Variable(Tensor(shape: [1, 1], scalars: [a]), requiresGradient: true)
      generatorLoss(fakeLogits: logit, cost: cost).backward()
      sizes[cost] = abs(logit.gradient!.scalar)
    }
    #expect(abs(sizes[.minimax]! - 0.01) < 1e-6)
    #expect(abs(sizes[.nonSaturating]! - 0.99) < 1e-6)
  }

  /// Both costs push D(G(z)) up: their gradients in the logit are negative everywhere.
  @Test func bothCostsPushTheSamplesTowardsReal() async {
    await propertyCheck(input: Gen.double(in: -8...8)) { a in
      for cost in GeneratorCost.allCases {
        let logit = Variable(Tensor(shape: [1, 1], scalars: [Float(a)]), requiresGradient: true)
        generatorLoss(fakeLogits: logit, cost: cost).backward()
        #expect(logit.gradient!.scalar < 0)
      }
    }
  }
}
