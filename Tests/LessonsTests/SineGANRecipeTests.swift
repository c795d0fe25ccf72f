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

  /// Three epochs on 100 points (the last batch of each is short): the parameters, the epoch
  /// losses and the next random number, as the code before the one trainer left them — for the
  /// recipe and for k = 3 with momentum SGD. See `Pinned`.
  @Test(.enabled(if: Pinned.roundsAsPinned), arguments: [
    (false, "f3fd3c472f6d0bd", 4_870_749_293_698_562_431 as UInt64),
    (true, "b7eb85ab192d437f", 12_914_021_466_569_077_721),
  ])
  func trainingIsPinned(kThreeWithSGD: Bool, pinned: String, nextRandom: UInt64) throws {
    var rng = SeededGenerator(seed: 11)
    let data = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 100, columns: 2, using: &rng)
    var recipe = SineGANRecipe()
    if kThreeWithSGD {
      recipe.training.discriminatorSteps = 3
      recipe.training.optimizer = .sgd(learningRate: 0.1, momentum: 0.5)
    }
    var losses: [Double] = []
    let gan = try recipe.train(on: data, epochs: 3, using: &rng) { _, _, l in losses += [l.discriminator, l.generator ?? -1] }
    #expect(checksum(gan.generator.parameters + gan.discriminator.parameters, losses) == pinned)
    #expect(rng.next() == nextRandom)
  }
}
