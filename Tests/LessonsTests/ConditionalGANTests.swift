import Lessons
import Math
import Testing

/// A conditional GAN is a GAN whose networks read the condition.
@Suite struct ConditionalGANTests {
  @Test func networksReadTheConditionBesideNoise() {
    var rng = SeededGenerator(seed: 1)
    let gan = MultimodalPredictionRecipe(conditionWidth: 1, targetWidth: 1, hidden: [16], noiseDimension: 2).makeGAN(using: &rng)
    #expect((gan.generator.layers.first as? Linear)?.weight.shape == [3, 16])
    #expect((gan.discriminator.layers.first as? Linear)?.weight.shape == [2, 16])
    let y = Tensor(column: [0.1, -0.5, 0.9])
    var reference = rng
    let z = gan.noiseBatch(3, using: &reference)
    #expect(gan.sample(conditions: y, using: &rng) == gan.generator.evaluate(Tensor.concatenatingColumns([z, y])))
    #expect(gan.generate(conditions: y, noise: z) == gan.gan.generate(z, conditions: y))
  }
}
