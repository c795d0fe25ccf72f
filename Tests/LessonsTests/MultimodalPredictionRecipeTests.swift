import Lessons
import Math
import Testing

@Suite struct MultimodalPredictionRecipeTests {
  /// Three epochs of the regressor, then three of the conditional GAN (dropout 0.3 in D), on
  /// the same stream, 100 pairs in batches of 16: the parameters, the epoch losses and the next
  /// random number, as the code before the one trainer left them. See `Pinned`.
  @Test(.enabled(if: Pinned.roundsAsPinned))
  func trainingIsPinned() throws {
    var rng = SeededGenerator(seed: 13)
    let y = Distribution1D.uniform(low: -1, high: 1).tensor(rows: 100, columns: 1, using: &rng)
    let x = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 100, columns: 1, using: &rng)
    var recipe = MultimodalPredictionRecipe(conditionWidth: 1, targetWidth: 1, hidden: [16], noiseDimension: 2)
    recipe.discriminatorDropout = 0.3
    recipe.training.batchSize = 16
    var regressorLosses: [Double] = []
    let regressor = try recipe.trainRegressor(conditions: y, targets: x, epochs: 3, using: &rng) { _, l in
      regressorLosses.append(l)
    }
    #expect(Pin(regressor.network.parameters, regressorLosses, after: &rng) == Pinned.regressor)
    var ganLosses: [Double] = []
    let gan = try recipe.trainGAN(conditions: y, targets: x, epochs: 3, using: &rng) { _, _, l in
      ganLosses += [l.discriminator, l.generator ?? -1]
    }
    let networks = gan.generator.parameters + gan.discriminator.parameters
    #expect(Pin(networks, ganLosses, after: &rng) == Pinned.conditionalGAN)
  }

  /// A diverging regressor is named with its step: a NaN target poisons the first batch.
  @Test func aDivergingRegressorIsNamed() {
    var rng = SeededGenerator(seed: 14)
    let recipe = MultimodalPredictionRecipe(conditionWidth: 1, targetWidth: 1, hidden: [4], noiseDimension: 1)
    var targets = Tensor(column: [Double](repeating: 1, count: 10))
    targets[2, 0] = .nan
    let error = #expect(throws: TrainingDiverged.self) {
      try recipe.trainRegressor(conditions: Tensor(column: [Double](repeating: 0, count: 10)), targets: targets,
                                epochs: 1, using: &rng)
    }
    #expect(error?.description == "the mean squared error is NaN at step 1 of the MSE regressor")
  }
}
