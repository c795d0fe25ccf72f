import Math

/// The sine-curve GAN of lecture 6 (after the Real Python tutorial it follows): G 2→16→32→2 and
/// D 2→256→128→64→1 with ReLU, dropout 0.3 in D and a sigmoid output, latent z ∈ ℝ², batch 32,
/// Adam with learning rate 0.001, binary cross-entropy, the non-saturating generator cost.
///
/// The knobs the texts discuss are data: the noise prior (lecture 6: "the choice of using
/// different distributions for z is found to have limited impacts"), and in `training`, k
/// discriminator steps per generator step and the optimizer (Algorithm 1 of Goodfellow et al.
/// uses momentum SGD).
public struct SineGANRecipe: Sendable {
  public var noise: Distribution1D = .normal(mean: 0, sd: 1)
  public var training = AdversarialTraining(optimizer: .adam(learningRate: 0.001), batchSize: 32, model: "the sine GAN")

  public init() {}

  /// Fresh networks with the recipe's architecture, initialised from `rng`.
  public func makeGAN<R: RandomNumberGenerator>(using rng: inout R) -> GAN {
    GAN(generator: .perceptron([2, 16, 32, 2], using: &rng),
        discriminator: .perceptron([2, 256, 128, 64, 1], dropout: 0.3, using: &rng),
        noise: noise, noiseDimension: 2)
  }

  /// Trains a fresh GAN on `data` for `epochs` and returns it. `onEpoch(epoch, gan, losses)`
  /// runs after every epoch with the mean losses of that epoch.
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  public func train<R: RandomNumberGenerator>(
    on data: Tensor, epochs: Int, using rng: inout R,
    onEpoch: (Int, GAN, StepLosses) -> Void = { _, _, _ in }
  ) throws -> GAN {
    let gan = makeGAN(using: &rng)
    var trainer = AdversarialTrainer(gan: gan, training: training)
    try trainer.train(on: data, epochs: epochs, using: &rng) { onEpoch($0, gan, $1) }
    return gan
  }
}
