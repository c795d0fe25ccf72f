import Lessons
import Math
import Testing

@Suite struct DyingReLUToyTests {
  func lineRecipe(leaky: Bool) -> RingGANRecipe {
    var recipe = RingGANRecipe()
    recipe.dataDimension = 1
    recipe.noiseDimension = 1
    recipe.generatorWidths = [8]
    recipe.discriminatorWidths = [8]
    if leaky { recipe.discriminatorActivation = .leakyRelu(slope: 0.2) }
    return recipe
  }

  /// Measured at step 0 and at every checkpoint; the first distance is W1 of the untrained G.
  @Test func measuresFromInitialisation() throws {
    var dataRng = SeededGenerator(seed: 4)
    let data = Distribution1D.normal(mean: 4, sd: 0.5).tensor(rows: 300, columns: 1, using: &dataRng)
    let stream = SeededGenerator(seed: 7)
    let run = try trainDyingReLUToy(lineRecipe(leaky: false), on: data, steps: 20, checkpoints: 4, using: stream)
    #expect(run.steps == [0, 5, 10, 15, 20])
    #expect(run.zeroGradient.count == 5 && run.distance.count == 5 && run.dead.count == 5)
    #expect(run.zeroGradient.allSatisfy { (0...1).contains($0) })
    var rng = stream
    let gan = lineRecipe(leaky: false).makeGAN(using: &rng)
    let samples = gan.generate(gan.noiseBatch(500, using: &rng))
    let w1 = Statistics.wasserstein1(samples.scalars.map(Double.init), data.scalars.map(Double.init))
    #expect(run.distance[0] == w1)
    #expect(run.distance[0] > 2)
  }

  /// A leaky unit is never dead.
  @Test func leakyUnitsNeverDie() throws {
    var dataRng = SeededGenerator(seed: 4)
    let data = Distribution1D.normal(mean: 4, sd: 0.5).tensor(rows: 300, columns: 1, using: &dataRng)
    let run = try trainDyingReLUToy(lineRecipe(leaky: true), on: data, steps: 10, checkpoints: 2,
                                    using: SeededGenerator(seed: 8))
    #expect(run.dead == [0, 0, 0])
  }
}
