import Math

/// A generative adversarial network (Goodfellow et al. 2014): a generator G that maps noise
/// z ~ p_z to samples x = G(z), and a discriminator D that gives the probability that x came from
/// the data rather than from G.
///
/// The discriminator network outputs a logit a; D(x) = σ(a). Folding the final sigmoid into the
/// loss (`binaryCrossEntropy(logits:targets:)`) computes exactly the same function as a sigmoid
/// layer followed by BCE, without its overflow for confident D.
///
/// The same pair of networks makes a conditional GAN (Mirza & Osindero 2014) when both read a
/// condition y beside their usual input: G reads [z | y] (`generatorInput(noise:conditions:)`)
/// and D reads [y | x] (`discriminatorInput(conditions:samples:)`). Every method that takes
/// `conditions` leaves them out when they are nil; `ConditionalGAN` wraps a GAN to require them.
public struct GAN {
  public let generator: Sequential
  public let discriminator: Sequential
  /// The prior p_z of each noise coordinate.
  public let noise: Distribution1D
  /// The number of noise coordinates fed to G.
  public let noiseDimension: Int

  public init(generator: Sequential, discriminator: Sequential, noise: Distribution1D = .normal(mean: 0, sd: 1),
              noiseDimension: Int) {
    self.generator = generator
    self.discriminator = discriminator
    self.noise = noise
    self.noiseDimension = noiseDimension
  }

  /// A batch of noise vectors z, `[count, noiseDimension]`.
  public func noiseBatch<R: RandomNumberGenerator>(_ count: Int, using generator: inout R) -> Tensor {
    noise.tensor(rows: count, columns: noiseDimension, using: &generator)
  }

  /// G(z), or G(z, y) with one condition row per noise row, in evaluation mode.
  public func generate(_ z: Tensor, conditions y: Tensor? = nil) -> Tensor {
    generator.evaluate(generatorInput(noise: z, conditions: y))
  }

  /// `count` samples G(z) with fresh noise.
  public func sample<R: RandomNumberGenerator>(_ count: Int, using rng: inout R) -> Tensor {
    generate(noiseBatch(count, using: &rng))
  }

  /// D(x) = σ(a(x)) for each row of `x`, in evaluation mode.
  public func discriminate(_ x: Tensor) -> [Double] {
    discriminator.evaluate(x).scalars.map { Math.sigmoid(Double($0)) }
  }
}

/// G's input: the noise z, and for a conditional GAN the condition beside it, [z | y]
/// (Mirza & Osindero 2014, §4.1).
public func generatorInput(noise z: Tensor, conditions y: Tensor?) -> Tensor {
  guard let y else { return z }
  // BEGIN SOLUTION generator-input
  // HINT: G reads [z | y]: the noise, then the condition, side by side in each row (Tensor.concatenatingColumns)
  return Tensor.concatenatingColumns([z, y])
  // END SOLUTION
}

/// D's input: the samples x, and for a conditional GAN the condition before them, [y | x]. A
/// Variable, so that in the generator step the gradient reaches x = G(z, y) through D.
public func discriminatorInput(conditions y: Tensor?, samples x: Variable) -> Variable {
  guard let y else { return x }
  // BEGIN SOLUTION discriminator-input
  // HINT: D reads [y | x]: the condition (a constant Variable), then the samples, side by side (Variable.concatenatingColumns)
  return Variable.concatenatingColumns([Variable(y), x])
  // END SOLUTION
}
