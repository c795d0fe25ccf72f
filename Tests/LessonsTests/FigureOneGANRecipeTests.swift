import Lessons
import Math
import Testing

@Suite struct FigureOneGANRecipeTests {
  /// The recipe has chapter 2's architecture and training: parameter counts, tanh in G, leaky
  /// ReLU in D, z ~ U[0, 1], Adam (β₁ = 0.5), batch 128, k = 2.
  @Test func recipeHasChapterTwosArchitecture() {
    var rng = SeededGenerator(seed: 7)
    let recipe = FigureOneGANRecipe()
    let gan = recipe.makeGAN(using: &rng)
    #expect(gan.generator.parameterCount == 1 * 32 + 32 + 32 * 32 + 32 + 32 + 1)
    #expect(gan.discriminator.parameterCount == 1 * 64 + 64 + 64 * 64 + 64 + 64 + 1)
    #expect(gan.noiseDimension == 1)
    let z = gan.noiseBatch(1000, using: &rng).scalars
    #expect(z.allSatisfy { (0...1).contains($0) })
    #expect(recipe.training == AdversarialTraining(optimizer: .adam(learningRate: 0.001, beta1: 0.5), batchSize: 128,
                                                   discriminatorSteps: 2))
  }

  /// The schedule decays linearly to 0 at the last step.
  @Test func learningRateDecaysLinearlyToZero() {
    var recipe = FigureOneGANRecipe()
    recipe.learningRate = 0.002
    #expect(recipe.learningRate(atStep: 1, of: 4) == 0.0015)
    #expect(recipe.learningRate(atStep: 2, of: 4) == 0.001)
    #expect(recipe.learningRate(atStep: 4, of: 4) == 0)
  }

  /// `train` is the loop chapter 2 wrote out before the recipe: for every step, both learning
  /// rates set by the decay, then one trainer iteration on a fresh batch of the data. Equal
  /// parameters and an equal next random number mean the same numbers in the same order; the
  /// same loop without the decay is the control, which must differ.
  @Test(arguments: [true, false])
  func trainingIsTheWrittenOutLoop(decays: Bool) throws {
    let data = Distribution1D.normal(mean: 4, sd: 0.5)
    let (steps, learningRate): (Int, Float) = (6, 0.001)
    var byHand = SeededGenerator(seed: 3)
    let gan = GAN(generator: .perceptron([1, 32, 32, 1], hidden: .tanh, using: &byHand),
                  discriminator: .perceptron([1, 64, 64, 1], hidden: .leakyRelu(slope: 0.2), using: &byHand),
                  noise: .uniform(low: 0, high: 1), noiseDimension: 1)
    var trainer = AdversarialTrainer(
      gan: gan, training: AdversarialTraining(optimizer: .adam(learningRate: learningRate, beta1: 0.5), batchSize: 128,
                                              discriminatorSteps: 2))
    for step in 1...steps {
      let decay = decays ? Float(steps - step) / Float(steps) : 1
      trainer.discriminatorOptimizer.learningRate = learningRate * decay
      trainer.generatorOptimizer.learningRate = learningRate * decay
      _ = try trainer.train(on: Tensor(column: data.sample(128, using: &byHand)), using: &byHand)
    }
    var rng = SeededGenerator(seed: 3)
    let trained = try FigureOneGANRecipe().train(sampling: data, steps: steps, using: &rng)
    let (a, b) = (gan.generator.parameters + gan.discriminator.parameters,
                  trained.generator.parameters + trained.discriminator.parameters)
    let same = zip(a, b).allSatisfy { $0.value.scalars.map(\.bitPattern) == $1.value.scalars.map(\.bitPattern) }
    #expect(same == decays)
    #expect(byHand.next() == rng.next())
  }

  /// `afterStep` runs after every step, in order, on the trained GAN, and what it draws from the
  /// stream is drawn from the training's stream.
  @Test func afterStepSeesEveryStepAndSharesTheStream() throws {
    let data = Distribution1D.normal(mean: 4, sd: 0.5)
    var (quiet, drawing) = (SeededGenerator(seed: 5), SeededGenerator(seed: 5))
    var seen: [Int] = []
    var returned: GAN?
    var passed: [ObjectIdentifier] = []
    _ = try FigureOneGANRecipe().train(sampling: data, steps: 3, using: &quiet) { step, _, _ in seen.append(step) }
    returned = try FigureOneGANRecipe().train(sampling: data, steps: 3, using: &drawing) { _, gan, rng in
      passed.append(ObjectIdentifier(gan.generator.parameters[0]))
      _ = rng.next()
    }
    #expect(seen == [1, 2, 3])
    #expect(Set(passed) == [ObjectIdentifier(returned!.generator.parameters[0])])
    #expect(quiet.next() != drawing.next())
  }
}
