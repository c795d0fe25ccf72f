import Math

/// A generative adversarial network (Goodfellow et al. 2014): a generator G that maps noise
/// z ~ p_z to samples x = G(z), and a discriminator D that gives the probability that x came from
/// the data rather than from G.
///
/// The discriminator network outputs a logit a; D(x) = σ(a). Folding the final sigmoid into the
/// loss (`binaryCrossEntropy(logits:targets:)`) computes exactly the same function as a sigmoid
/// layer followed by BCE, without its overflow for confident D.
public struct GAN {
  public let generator: Sequential
  public let discriminator: Sequential
  /// The prior p_z of each noise coordinate.
  public let noise: Distribution1D
  /// The number of noise coordinates fed to G.
  public let noiseDimension: Int

  public init(generator: Sequential, discriminator: Sequential, noise: Distribution1D, noiseDimension: Int) {
    self.generator = generator
    self.discriminator = discriminator
    self.noise = noise
    self.noiseDimension = noiseDimension
  }

  /// A batch of noise vectors z, `[count, noiseDimension]`.
  public func noiseBatch<R: RandomNumberGenerator>(_ count: Int, using generator: inout R) -> Tensor {
    noise.tensor(rows: count, columns: noiseDimension, using: &generator)
  }

  /// G(z) for a batch of noise, in evaluation mode.
  public func generate(_ z: Tensor) -> Tensor { generator.evaluate(z) }

  /// `count` samples G(z) with fresh noise.
  public func sample<R: RandomNumberGenerator>(_ count: Int, using rng: inout R) -> Tensor {
    generate(noiseBatch(count, using: &rng))
  }

  /// D(x) = σ(a(x)) for each row of `x`, in evaluation mode.
  public func discriminate(_ x: Tensor) -> [Double] {
    discriminator.evaluate(x).scalars.map { Math.sigmoid(Double($0)) }
  }
}
