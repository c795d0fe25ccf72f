import Lessons
import Math
import Testing

@Suite struct RingGANRecipeTests {
  /// A short run of the ring recipe with minibatch discrimination stays finite.
  @Test func ringRecipeTrains() throws {
    var rng = SeededGenerator(seed: 9)
    var recipe = RingGANRecipe()
    recipe.minibatchDiscrimination = (kernels: 4, dimension: 3)
    let gan = recipe.makeGAN(using: &rng)
    #expect(gan.discriminator.layers.contains { $0 is MinibatchDiscrimination })
    #expect(recipe.training.passes == .separate)
    let data = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 100, columns: 2, using: &rng)
    var count = 0
    try recipe.train(gan, on: data, steps: 20, using: &rng) { _, _ in count += 1 }
    #expect(count == 20)
    #expect(gan.sample(10, using: &rng).isFinite)
  }

  /// 25 steps on minibatches drawn with replacement: the parameters, the steps reported and the
  /// next random number, as the code before the one trainer left them — for the recipe, and
  /// with minibatch discrimination, the minimax cost and momentum SGD. See `Pinned`.
  @Test(.enabled(if: Pinned.roundsAsPinned), arguments: [false, true])
  func trainingIsPinned(variant: Bool) throws {
    var rng = SeededGenerator(seed: 12)
    let data = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 200, columns: 2, using: &rng)
    var recipe = RingGANRecipe()
    if variant {
      recipe.minibatchDiscrimination = (kernels: 4, dimension: 3)
      recipe.training.cost = .minimax
      recipe.training.optimizer = .sgd(learningRate: 0.05, momentum: 0.5)
    }
    let gan = recipe.makeGAN(using: &rng)
    var steps: [Double] = []
    try recipe.train(gan, on: data, steps: 25, using: &rng) { step, _ in steps.append(Double(step)) }
    let pinned = variant ? Pinned.ringVariant : Pinned.ring
    #expect(Pin(gan.generator.parameters + gan.discriminator.parameters, steps, after: &rng) == pinned)
  }
}
