import Foundation
import Lessons
import Math
import PropertyBased
import Testing

@Suite struct GANTrainerTests {
  func smallGAN(seed: UInt64) -> GAN {
    var rng = SeededGenerator(seed: seed)
    return GAN(generator: .perceptron([2, 8, 2], using: &rng), discriminator: .perceptron([2, 8, 1], using: &rng),
               noise: .normal(mean: 0, sd: 1), noiseDimension: 2)
  }

  /// The discriminator step must not move the generator: its samples are constants.
  @Test func discriminatorStepLeavesTheGeneratorAlone() {
    let gan = smallGAN(seed: 1)
    var rng = SeededGenerator(seed: 2)
    let before = gan.generator.parameters.map(\.value)
    var optimizer = Adam(gan.discriminator.parameters, learningRate: 0.01)
    let dBefore = gan.discriminator.parameters.map(\.value)
    discriminatorStep(gan.discriminator, optimizer: &optimizer, real: SeededGeneratorData.batch(&rng),
                      fake: gan.sample(8, using: &rng))
    #expect(gan.generator.parameters.map(\.value) == before)
    #expect(gan.generator.parameters.allSatisfy { $0.gradient == nil })
    #expect(gan.discriminator.parameters.map(\.value) != dBefore)
  }

  /// The generator step moves only the generator, and leaves no stale gradient in D.
  @Test func generatorStepMovesOnlyTheGenerator() {
    let gan = smallGAN(seed: 3)
    var rng = SeededGenerator(seed: 4)
    let dBefore = gan.discriminator.parameters.map(\.value)
    let gBefore = gan.generator.parameters.map(\.value)
    var optimizer = Adam(gan.generator.parameters, learningRate: 0.01)
    generatorStep(gan, optimizer: &optimizer, noise: gan.noiseBatch(8, using: &rng), cost: .nonSaturating)
    #expect(gan.discriminator.parameters.map(\.value) == dBefore)
    #expect(gan.discriminator.parameters.allSatisfy { $0.gradient == nil })
    #expect(gan.generator.parameters.map(\.value) != gBefore)
  }

  /// Algorithm 1: with k discriminator steps, the generator steps once every k minibatches.
  @Test(arguments: [1, 2, 5])
  func generatorStepsEveryKMinibatches(k: Int) throws {
    let gan = smallGAN(seed: 5)
    var rng = SeededGenerator(seed: 6)
    var trainer = GANTrainer(gan: gan, discriminatorOptimizer: Adam(gan.discriminator.parameters),
                             generatorOptimizer: Adam(gan.generator.parameters), discriminatorSteps: k)
    var generatorSteps = 0
    for _ in 0..<20 where try trainer.train(on: SeededGeneratorData.batch(&rng), using: &rng).generator != nil {
      generatorSteps += 1
    }
    #expect(generatorSteps == 20 / k)
  }

  /// Minibatches visit every row exactly once per epoch.
  @Test func minibatchesPartitionTheData() async {
    await propertyCheck(input: Gen.int(in: 1...50), Gen.int(in: 1...9)) { rows, size in
      var rng = SeededGenerator(seed: UInt64(rows * 31 + size))
      let data = Tensor(shape: [rows, 1], scalars: (0..<rows).map(Float.init))
      let batches = minibatches(of: data, size: size, using: &rng)
      #expect(batches.flatMap(\.scalars).sorted() == data.scalars)
      #expect(batches.dropLast().allSatisfy { $0.rows == size })
    }
  }

  /// The sine recipe has the lecture's architecture: PyTorch's parameter counts.
  @Test func sineRecipeHasTheLecturesArchitecture() {
    var rng = SeededGenerator(seed: 7)
    let gan = SineGANRecipe().makeGAN(using: &rng)
    #expect(gan.generator.parameterCount == 2 * 16 + 16 + 16 * 32 + 32 + 32 * 2 + 2)
    #expect(gan.discriminator.parameterCount == 2 * 256 + 256 + 256 * 128 + 128 + 128 * 64 + 64 + 64 + 1)
    #expect(gan.discriminator.layers.contains { ($0 as? Dropout)?.rate == 0.3 })
  }
}

/// A small batch of 2D points for trainer tests.
enum SeededGeneratorData {
  static func batch(_ rng: inout SeededGenerator) -> Tensor {
    Distribution1D.normal(mean: 1, sd: 0.5).tensor(rows: 8, columns: 2, using: &rng)
  }
}
