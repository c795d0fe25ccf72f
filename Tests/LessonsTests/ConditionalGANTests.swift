import Lessons
import Math
import PropertyBased
import Testing

/// The conditional GAN's steps touch only the network they train, D and G both see the
/// condition, and the MSE regressor converges to the conditional mean.
@Suite struct ConditionalGANTests {
  func smallRecipe() -> MultimodalPredictionRecipe {
    MultimodalPredictionRecipe(conditionWidth: 1, targetWidth: 1, hidden: [16], noiseDimension: 2)
  }

  @Test func networksReadTheConditionBesideNoiseAndSample() {
    var rng = SeededGenerator(seed: 1)
    let gan = smallRecipe().makeGAN(using: &rng)
    #expect((gan.generator.layers.first as? Linear)?.weight.shape == [3, 16])
    #expect((gan.discriminator.layers.first as? Linear)?.weight.shape == [2, 16])
    #expect(generatorInput(noise: Tensor(rows: [[1, 2]]), conditions: Tensor(rows: [[3]])) == Tensor(rows: [[1, 2, 3]]))
  }

  @Test func discriminatorStepLeavesTheGeneratorAlone() {
    var rng = SeededGenerator(seed: 2)
    let gan = smallRecipe().makeGAN(using: &rng)
    let (gBefore, dBefore) = (gan.generator.parameters.map(\.value), gan.discriminator.parameters.map(\.value))
    var optimizer = Adam(gan.discriminator.parameters, learningRate: 0.01)
    let y = Tensor(column: [0.1, -0.5, 0.9])
    conditionalDiscriminatorStep(gan, optimizer: &optimizer, conditions: y, real: Tensor(column: [1, -1, 2]),
                                 fake: gan.sample(conditions: y, using: &rng))
    #expect(gan.generator.parameters.map(\.value) == gBefore)
    #expect(gan.discriminator.parameters.map(\.value) != dBefore)
  }

  @Test func generatorStepMovesOnlyTheGenerator() {
    var rng = SeededGenerator(seed: 3)
    let gan = smallRecipe().makeGAN(using: &rng)
    let (gBefore, dBefore) = (gan.generator.parameters.map(\.value), gan.discriminator.parameters.map(\.value))
    var optimizer = Adam(gan.generator.parameters, learningRate: 0.01)
    let y = Tensor(column: [0.1, -0.5, 0.9])
    conditionalGeneratorStep(gan, optimizer: &optimizer, conditions: y, noise: gan.noiseBatch(3, using: &rng),
                             cost: .nonSaturating)
    #expect(gan.discriminator.parameters.map(\.value) == dBefore)
    #expect(gan.discriminator.parameters.allSatisfy { $0.gradient == nil })
    #expect(gan.generator.parameters.map(\.value) != gBefore)
  }

  /// The regressor trained on targets ±a (probability ½) for a constant input lands at the mean.
  @Test func regressorConvergesToTheConditionalMean() async {
    await propertyCheck(count: 5, input: Gen.double(in: 0.5...2), Gen.uint64()) { a, seed in
      var rng = SeededGenerator(seed: seed)
      let n = 256
      let inputs = Tensor(column: [Double](repeating: 0.3, count: n))
      let targets = Tensor(column: (0..<n).map { $0 % 2 == 0 ? a : -a })
      var recipe = MultimodalPredictionRecipe(conditionWidth: 1, targetWidth: 1, hidden: [8], noiseDimension: 1)
      recipe.learningRate = 0.01
      let model = try recipe.trainRegressor(conditions: inputs, targets: targets, epochs: 60, using: &rng)
      let expected = conditionalMean(of: [[Float(a)], [Float(-a)]], probabilities: [0.5, 0.5])[0]
      #expect(abs(model.predict(Tensor(column: [0.3])).scalar - expected) < 0.05)
    }
  }

  @Test func conditionalMeanWeighsTheOutcomes() {
    #expect(conditionalMean(of: [[1, 0], [0, 1]], probabilities: [0.25, 0.75]) == [0.25, 0.75])
  }

  @Test func pairedMinibatchesKeepPairsTogether() {
    var rng = SeededGenerator(seed: 4)
    let a = Tensor(column: (0..<10).map(Double.init))
    let b = Tensor(column: (0..<10).map { Double($0) * 2 })
    let batches = pairedMinibatches(a, b, size: 4, using: &rng)
    #expect(batches.map(\.0.rows) == [4, 4, 2])
    for (x, y) in batches { #expect(zip(x.scalars, y.scalars).allSatisfy { $1 == 2 * $0 }) }
    #expect(Set(batches.flatMap(\.0.scalars)).count == 10)
  }
}
