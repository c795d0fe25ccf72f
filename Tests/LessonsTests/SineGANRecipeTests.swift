import Lessons
import Math
import Testing

@Suite struct SineGANRecipeTests {
  /// The sine recipe has the lecture's architecture: PyTorch's parameter counts.
  @Test func sineRecipeHasTheLecturesArchitecture() {
    var rng = SeededGenerator(seed: 7)
    let recipe = SineGANRecipe()
    let gan = recipe.makeGAN(using: &rng)
    #expect(gan.generator.parameterCount == 2 * 16 + 16 + 16 * 32 + 32 + 32 * 2 + 2)
    #expect(gan.discriminator.parameterCount == 2 * 256 + 256 + 256 * 128 + 128 + 128 * 64 + 64 + 64 + 1)
    #expect(gan.discriminator.layers.contains { ($0 as? Dropout)?.rate == 0.3 })
    #expect(recipe.training == AdversarialTraining(optimizer: .adam(learningRate: 0.001), batchSize: 32, model: "the sine GAN"))
  }

  /// The recipe, or k = 3 with momentum SGD (Algorithm 1 as printed).
  static func recipe(kThreeWithSGD: Bool) -> SineGANRecipe {
    var recipe = SineGANRecipe()
    guard kThreeWithSGD else { return recipe }
    recipe.training.discriminatorSteps = 3
    recipe.training.optimizer = .sgd(learningRate: 0.1, momentum: 0.5)
    return recipe
  }

  /// Three epochs on 100 points (the last batch of each is short): the parameters, the epoch
  /// losses and the next random number, as the code before the one trainer left them. See
  /// `Pinned`.
  @Test(.enabled(if: Pinned.roundsAsPinned), arguments: [false, true])
  func trainingIsPinned(kThreeWithSGD: Bool) throws {
    var rng = SeededGenerator(seed: 11)
    let data = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 100, columns: 2, using: &rng)
    var losses: [Double] = []
    let gan = try Self.recipe(kThreeWithSGD: kThreeWithSGD).train(on: data, epochs: 3, using: &rng) { _, _, l in
      losses += [l.discriminator, l.generator ?? -1]
    }
    let pinned = kThreeWithSGD ? Pinned.sineKThreeWithSGD : Pinned.sine
    #expect(Pin(gan.generator.parameters + gan.discriminator.parameters, losses, after: &rng) == pinned)
  }
}
