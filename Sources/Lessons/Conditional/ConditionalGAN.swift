import Math

/// A conditional GAN (Mirza & Osindero 2014; tutorial paper §IV: "y is given as input to both D
/// and G as a condition"): G maps [z | y] — noise beside the condition — to a sample x, and D
/// judges the pair [y | x], so D can reject a sample that looks real but does not fit its y.
///
/// Here y is the input of a prediction problem (an x-coordinate, a video frame) and x the output
/// (a y-value, the next frame): G(z, y) is a sample from the model's p(x | y).
///
/// It is a `GAN` whose networks read conditions; this wrapper only makes them required. The
/// `AdversarialTrainer` trains `gan` on `ConditionalPairs`.
public struct ConditionalGAN {
  /// The two networks and the noise prior.
  public let gan: GAN

  public init(generator: Sequential, discriminator: Sequential, noise: Distribution1D = .normal(mean: 0, sd: 1),
              noiseDimension: Int) {
    gan = GAN(generator: generator, discriminator: discriminator, noise: noise, noiseDimension: noiseDimension)
  }

  /// G, which reads [z | y].
  public var generator: Sequential { gan.generator }
  /// D, which reads [y | x].
  public var discriminator: Sequential { gan.discriminator }

  /// A batch of noise vectors z, `[count, noiseDimension]`.
  public func noiseBatch<R: RandomNumberGenerator>(_ count: Int, using rng: inout R) -> Tensor {
    gan.noiseBatch(count, using: &rng)
  }

  /// G(z, y) for one noise row per condition row, in evaluation mode.
  public func generate(conditions y: Tensor, noise z: Tensor) -> Tensor {
    gan.generate(z, conditions: y)
  }

  /// One sample G(z, y) per condition row, with fresh noise.
  public func sample<R: RandomNumberGenerator>(conditions y: Tensor, using rng: inout R) -> Tensor {
    generate(conditions: y, noise: noiseBatch(y.rows, using: &rng))
  }
}
