import Math

/// A variational autoencoder (Kingma & Welling 2014): an encoder that maps an image x to the
/// posterior q(z | x) = N(μ(x), diag σ²(x)), a decoder that maps a code z back to an image
/// x̂(z), the mean of the Gaussian p(x | z) = N(x̂(z), σₓ² I), and the prior p(z) = N(0, I).
///
/// Training minimises −ELBO = E_q[−log p(x | z)] + KL(q(z | x) ‖ p(z)) (their Eq. 10): the
/// first term on one reparameterised draw z = μ + σ ⊙ ε, the second in closed form. Built by
/// `VAERecipe.makeVAE`, trained by `VAERecipe.train`.
public struct VAE: ImageAutoencoder {
  /// Images → features, shared by the two heads.
  public let encoderBody: Sequential
  /// Features → μ and features → log σ², each `[batch, latent]`.
  public let meanHead: Linear
  public let logVarianceHead: Linear
  /// Codes → images in (−1, 1).
  public let decoder: Sequential
  /// σₓ of the Gaussian decoder, for the reconstruction term.
  public let pixelNoise: Float

  public init(encoderBody: Sequential, meanHead: Linear, logVarianceHead: Linear, decoder: Sequential, pixelNoise: Float) {
    precondition(meanHead.weight.shape == logVarianceHead.weight.shape,
                 "VAE: mean head \(meanHead.weight.shape) and log-variance head \(logVarianceHead.weight.shape) differ")
    self.encoderBody = encoderBody
    self.meanHead = meanHead
    self.logVarianceHead = logVarianceHead
    self.decoder = decoder
    self.pixelNoise = pixelNoise
  }

  /// The number of latent coordinates.
  public var latentDimension: Int { meanHead.weight.shape[1] }

  public var runningStatistics: [RunningStatistics] { batchNormalisationStatistics(of: [encoderBody, decoder]) }

  public var parameters: [Variable] {
    encoderBody.parameters + meanHead.parameters + logVarianceHead.parameters + decoder.parameters
  }

  /// The posterior's parameters μ(x) and log σ²(x) for a batch of images.
  public func posterior(_ images: Variable, training: Bool) -> (mean: Variable, logVariance: Variable) {
    let features = encoderBody(images, training: training)
    return (meanHead(features, training: training), logVarianceHead(features, training: training))
  }

  /// Reconstruction −log p(x | z) (without its constant) on one draw z ~ q(z | x) by the
  /// reparameterisation, with ε from `rng`, and KL(q(z | x) ‖ N(0, I)) in closed form; both
  /// averaged over the batch, in training mode.
  public func lossTerms<R: RandomNumberGenerator>(of images: Tensor, using rng: inout R) -> (reconstruction: Variable, kl: Variable?) {
    let (mean, logVariance) = posterior(Variable(images), training: true)
    let z = Variable.reparameterised(mean: mean, logVariance: logVariance, using: &rng)
    let reconstruction = gaussianReconstructionLoss(decoder(z, training: true), images, pixelNoise: pixelNoise)
    return (reconstruction, gaussianKL(mean: mean, logVariance: logVariance))
  }

  /// The posterior means μ(x), `[count, latent]` (evaluation mode): the codes of a latent map
  /// and of attribute vectors.
  public func encode(_ images: Tensor) -> Tensor {
    evaluatedInBatches(images, size: 500) { meanHead.evaluate(encoderBody.evaluate($0)) }
  }

  /// The posterior's log variances log σ²(x), `[count, latent]` (evaluation mode).
  public func logVariances(_ images: Tensor) -> Tensor {
    evaluatedInBatches(images, size: 500) { logVarianceHead.evaluate(encoderBody.evaluate($0)) }
  }

  /// The decoder's means x̂(z) for codes `[count, latent]` (evaluation mode).
  public func decode(_ codes: Tensor) -> Tensor {
    precondition(codes.rank == 2 && codes.columns == latentDimension,
                 "VAE.decode: codes \(codes.shape) are not [count, \(latentDimension)]")
    return evaluatedInBatches(codes, size: 500) { decoder.evaluate($0) }
  }

  /// `count` images decoded from codes z ~ N(0, I) drawn from `rng`: samples of the model
  /// (the decoder's means, as is usual, rather than with the pixel noise σₓ added).
  public func sample<R: RandomNumberGenerator>(count: Int, using rng: inout R) -> Tensor {
    decode(Distribution1D.normal(mean: 0, sd: 1).tensor(rows: count, columns: latentDimension, using: &rng))
  }
}
