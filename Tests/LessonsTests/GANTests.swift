import Lessons
import Math
import Testing

/// A plain GAN's networks read z and x; a conditional one's read [z | y] and [y | x].
@Suite struct GANTests {
  @Test func inputsPutTheConditionBesideNoiseAndBeforeSamples() {
    let (z, y, x) = (Tensor(rows: [[1, 2]]), Tensor(rows: [[3]]), Tensor(rows: [[4, 5]]))
    #expect(generatorInput(noise: z, conditions: y) == Tensor(rows: [[1, 2, 3]]))
    #expect(generatorInput(noise: z, conditions: nil) == z)
    #expect(discriminatorInput(conditions: y, samples: Variable(x)).value == Tensor(rows: [[3, 4, 5]]))
    #expect(discriminatorInput(conditions: nil, samples: Variable(x)).value == x)
  }

  /// In the generator step, the gradient of D's input reaches the samples (and so G) past the
  /// condition's columns.
  @Test func theGradientReachesTheSamples() {
    let x = Variable(Tensor(rows: [[4, 5]]), requiresGradient: true)
    let weights = Variable(Tensor(rows: [[1, 2, 3]]))
    (weights * discriminatorInput(conditions: Tensor(rows: [[3]]), samples: x)).sum().backward()
    #expect(x.gradient == Tensor(rows: [[2, 3]]))
  }

  @Test func samplesAreGOfFreshNoise() {
    let gan = smallGAN(seed: 1)
    var (rng, reference) = (SeededGenerator(seed: 2), SeededGenerator(seed: 2))
    let z = gan.noiseBatch(5, using: &reference)
    #expect(z.shape == [5, 2])
    #expect(gan.sample(5, using: &rng) == gan.generator.evaluate(z))
    #expect(gan.discriminate(z).allSatisfy { $0 > 0 && $0 < 1 })
  }
}
