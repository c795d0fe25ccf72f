import Lessons
import Math
import Testing

/// Each step moves only the network it trains; the conditional game shows both networks the
/// condition; the two ways of passing D the batches show it what they say.
@Suite struct AdversarialStepsTests {
  /// The discriminator step must not move the generator: its samples are constants.
  @Test func discriminatorStepLeavesTheGeneratorAlone() {
    let gan = smallGAN(seed: 1)
    var rng = SeededGenerator(seed: 2)
    let before = gan.generator.parameters.map(\.value)
    var optimizer = Adam(gan.discriminator.parameters, learningRate: 0.01)
    let dBefore = gan.discriminator.parameters.map(\.value)
    discriminatorStep(gan.discriminator, optimizer: &optimizer, real: pointBatch(using: &rng),
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

  /// The conditional generator step feeds G [z | y] and D [y | G(z, y)], and still moves only G.
  @Test func conditionalGeneratorStepShowsBothNetworksTheCondition() {
    var rng = SeededGenerator(seed: 5)
    let (gRecorder, dRecorder) = (Recorder(), Recorder())
    let gan = GAN(generator: Sequential([gRecorder as any Layer] + Sequential.perceptron([3, 8, 1], using: &rng).layers),
                  discriminator: Sequential([dRecorder as any Layer] + Sequential.perceptron([2, 8, 1], using: &rng).layers),
                  noiseDimension: 2)
    let dBefore = gan.discriminator.parameters.map(\.value)
    let gBefore = gan.generator.parameters.map(\.value)
    let (y, z) = (Tensor(column: [0.1, -0.5, 0.9]), gan.noiseBatch(3, using: &rng))
    let fake = gan.generate(z, conditions: y)
    var optimizer = Adam(gan.generator.parameters, learningRate: 0.01)
    generatorStep(gan, optimizer: &optimizer, noise: z, conditions: y, cost: .nonSaturating)
    // G's first call made `fake` in evaluation mode; the step's call is the second.
    #expect(gRecorder.calls.map(\.input) == Array(repeating: Tensor.concatenatingColumns([z, y]), count: 2))
    #expect(gRecorder.calls.map(\.training) == [false, true])
    #expect(dRecorder.calls.count == 1)
    #expect(dRecorder.calls[0].input.columns(0..<1) == y)
    #expect(dRecorder.calls[0].input.columns(1..<2) == fake)
    #expect(dRecorder.calls[0].training)
    #expect(gan.discriminator.parameters.map(\.value) == dBefore)
    #expect(gan.generator.parameters.map(\.value) != gBefore)
  }

  /// Stacked, D reads the real rows then the fake rows in one pass; separate, it reads the real
  /// batch, then the fake batch.
  @Test(arguments: [DiscriminatorPasses.stacked, .separate])
  func passesShowDTheBatchesAsTheySay(passes: DiscriminatorPasses) {
    var rng = SeededGenerator(seed: 6)
    let recorder = Recorder()
    let discriminator = Sequential([recorder as any Layer] + Sequential.perceptron([2, 8, 1], using: &rng).layers)
    let (real, fake) = (pointBatch(5, using: &rng), pointBatch(3, using: &rng))
    var optimizer = Adam(discriminator.parameters)
    discriminatorStep(discriminator, optimizer: &optimizer, real: real, fake: fake, passes: passes)
    let expected = passes == .stacked ? [Tensor.concatenatingRows([real, fake])] : [real, fake]
    #expect(recorder.calls.map(\.input) == expected)
    #expect(recorder.calls.allSatisfy { $0.training })
  }

  /// For a D that judges each row on its own the two ways give the same loss; with minibatch
  /// discrimination, where a row's logit depends on its batch, they differ.
  @Test func separatePassesMatterOnlyWhenDLooksAtTheBatch() {
    func losses(_ makeD: (inout SeededGenerator) -> Sequential) -> (stacked: Double, separate: Double) {
      var results: [Double] = []
      for passes in [DiscriminatorPasses.stacked, .separate] {
        var rng = SeededGenerator(seed: 7)
        let d = makeD(&rng)
        var optimizer = SGD(d.parameters, learningRate: 0)
        results.append(discriminatorStep(d, optimizer: &optimizer, real: pointBatch(using: &rng),
                                         fake: pointBatch(using: &rng) + Tensor(repeating: 2, shape: [8, 2]), passes: passes))
      }
      return (results[0], results[1])
    }
    let plain = losses { Sequential.perceptron([2, 8, 1], using: &$0) }
    #expect(abs(plain.stacked - plain.separate) < 1e-6)
    let batchwise = losses { rng in
      Sequential(Linear(2, 8, using: &rng), MinibatchDiscrimination(inputs: 8, kernels: 4, kernelDimension: 3, scale: 1, using: &rng),
                 Linear(12, 1, using: &rng))
    }
    #expect(abs(batchwise.stacked - batchwise.separate) > 1e-4)
  }
}
