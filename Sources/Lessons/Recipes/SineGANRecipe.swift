import Math

/// The sine-curve GAN of lecture 6 (after the Real Python tutorial it follows): G 2→16→32→2 and
/// D 2→256→128→64→1 with ReLU, dropout 0.3 in D and a sigmoid output, latent z ∈ ℝ², batch 32,
/// Adam with learning rate 0.001, binary cross-entropy, the non-saturating generator cost.
///
/// The knobs the texts discuss are parameters: the noise prior (lecture 6: "the choice of using
/// different distributions for z is found to have limited impacts"), k discriminator steps per
/// generator step, and the optimizer (Algorithm 1 of Goodfellow et al. uses momentum SGD).
public struct SineGANRecipe: Sendable {
  public enum OptimizerChoice: Sendable, Equatable {
    case adam(learningRate: Float)
    case sgd(learningRate: Float, momentum: Float)
  }

  public var noise: Distribution1D = .normal(mean: 0, sd: 1)
  public var discriminatorSteps = 1
  public var optimizer: OptimizerChoice = .adam(learningRate: 0.001)
  public var batchSize = 32

  public init() {}

  /// Fresh networks with the recipe's architecture, initialised from `rng`.
  public func makeGAN<R: RandomNumberGenerator>(using rng: inout R) -> GAN {
    GAN(generator: .perceptron([2, 16, 32, 2], using: &rng),
        discriminator: .perceptron([2, 256, 128, 64, 1], dropout: 0.3, using: &rng),
        noise: noise, noiseDimension: 2)
  }

  /// A trainer for `gan` with the recipe's optimizers and k.
  public func makeTrainer(for gan: GAN) -> GANTrainer {
    func make(_ parameters: [Variable]) -> any Optimizer {
      switch optimizer {
      case let .adam(lr): Adam(parameters, learningRate: lr)
      case let .sgd(lr, momentum): SGD(parameters, learningRate: lr, momentum: momentum)
      }
    }
    return GANTrainer(gan: gan, discriminatorOptimizer: make(gan.discriminator.parameters),
                      generatorOptimizer: make(gan.generator.parameters),
                      discriminatorSteps: discriminatorSteps, cost: .nonSaturating)
  }

  /// Trains a fresh GAN on `data` for `epochs` and returns it. `onEpoch(epoch, gan, losses)`
  /// runs after every epoch with the mean losses of that epoch.
  public func train<R: RandomNumberGenerator>(
    on data: Tensor, epochs: Int, using rng: inout R,
    onEpoch: (Int, GAN, StepLosses) -> Void = { _, _, _ in }
  ) throws -> GAN {
    let gan = makeGAN(using: &rng)
    var trainer = makeTrainer(for: gan)
    for epoch in 1...epochs {
      var (dSum, gSum, dCount, gCount) = (0.0, 0.0, 0, 0)
      try trainer.trainEpoch(on: data, batchSize: batchSize, using: &rng) { losses in
        dSum += losses.discriminator
        dCount += 1
        if let g = losses.generator { gSum += g; gCount += 1 }
      }
      onEpoch(epoch, gan, StepLosses(discriminator: dSum / Double(max(dCount, 1)),
                                     generator: gCount > 0 ? gSum / Double(gCount) : nil))
    }
    return gan
  }
}
