import Foundation
import Math

/// The reconstruction term of the VAE's loss: −log p(x | z) for a Gaussian decoder
/// p(x | z) = N(x; x̂(z), σₓ² I), without its constant,
///
///     Σᵢ (xᵢ − x̂ᵢ)² / (2 σₓ²),
///
/// summed over the pixels i of an image and averaged over the batch, in nats. (The dropped
/// constant, (D/2) log(2π σₓ²) for D pixels, has no gradient: `gaussianReconstructionConstant`.)
///
/// Why a Gaussian: the pixels are in [−1, 1] and the decoder ends with tanh, so its output is a
/// mean in the same range, and the squared error is the decoder's −log-likelihood up to the
/// constant, which keeps −ELBO = reconstruction + KL a bound in nats (Kingma & Welling 2014,
/// Eq. 10 with App. C.2's Gaussian decoder of fixed variance). A Bernoulli cross-entropy would
/// treat grey pixels as probabilities of black or white, which they are not. σₓ (`pixelNoise`,
/// in the pixels' own units) sets the trade-off: the smaller it is, the more a nat of KL is worth
/// spending on detail. Only σₓ² · β matters, so halving σₓ² is the same as halving β.
public func gaussianReconstructionLoss(_ reconstruction: Variable, _ images: Tensor, pixelNoise: Float) -> Variable {
  precondition(
    reconstruction.shape == images.shape,
    "gaussianReconstructionLoss: reconstruction \(reconstruction.shape) and images \(images.shape) differ")
  precondition(pixelNoise > 0, "gaussianReconstructionLoss: pixelNoise must be positive, got \(pixelNoise)")
  let pixelsPerImage = Float(images.columns)
  return (pixelsPerImage / (2 * pixelNoise * pixelNoise)) * meanSquaredError(reconstruction, images)
}

/// The constant (D/2) log(2π σₓ²) of the Gaussian decoder's −log p(x | z) for images of D
/// pixels: `gaussianReconstructionLoss` plus this is −log p(x | z) itself, in nats.
public func gaussianReconstructionConstant(pixelsPerImage: Int, pixelNoise: Float) -> Double {
  0.5 * Double(pixelsPerImage) * Foundation.log(2 * Double.pi * Double(pixelNoise) * Double(pixelNoise))
}

/// The loss terms of an autoencoder on one batch, or their means over an epoch, in nats per
/// image: the reconstruction term and, for a VAE, KL(q(z | x) ‖ p(z)). What is minimised is
/// reconstruction + β · KL; with β = 1 that is −ELBO (without the decoder's constant).
public struct AutoencoderLosses: Sendable, Equatable {
  /// `gaussianReconstructionLoss`: Σ (x − x̂)² / (2 σₓ²) per image.
  public var reconstruction: Double
  /// `gaussianKL` of the encoder's posterior from N(0, I); nil for a plain autoencoder, which
  /// has no posterior.
  public var kl: Double?

  public init(reconstruction: Double, kl: Double?) {
    self.reconstruction = reconstruction
    self.kl = kl
  }

  /// −ELBO = reconstruction + KL (β = 1, whatever β training used), without the decoder's
  /// constant; for a plain autoencoder, the reconstruction term.
  public var negativeELBO: Double { reconstruction + (kl ?? 0) }
}

/// An autoencoder of images: an encoder to a latent code, a decoder back, and the terms of its
/// training loss. `Autoencoder` and `VAE` are the two; `VAERecipe.train` trains either.
public protocol ImageAutoencoder {
  /// The trainable parameters of encoder and decoder, in a fixed order.
  var parameters: [Variable] { get }
  /// The loss terms on a batch of images `[batch, channels, side, side]` in training mode (batch
  /// statistics), with any noise drawn from `rng`: the reconstruction term and, for a VAE, the
  /// KL term.
  func lossTerms<R: RandomNumberGenerator>(of images: Tensor, using rng: inout R) -> (reconstruction: Variable, kl: Variable?)
  /// The codes of `images` in evaluation mode, `[count, latent]`: for a VAE the posterior means.
  func encode(_ images: Tensor) -> Tensor
  /// The images of `codes` `[count, latent]` in evaluation mode, in (−1, 1).
  func decode(_ codes: Tensor) -> Tensor
  /// The running statistics of every batch normalisation layer, in a fixed order.
  var runningStatistics: [RunningStatistics] { get }
}

extension ImageAutoencoder {
  /// decode(encode(x)): each image through the code (for a VAE, its posterior mean), in
  /// evaluation mode.
  public func reconstruct(_ images: Tensor) -> Tensor { decode(encode(images)) }

  /// Everything training set, in a fixed order: the parameters' values, then the running mean
  /// and variance of each batch normalisation layer (what a chapter caches). `restore(_:)` takes
  /// it back.
  public var state: [Tensor] {
    parameters.map(\.value) + runningStatistics.flatMap { r in
      [Tensor(shape: [r.mean.count], scalars: r.mean), Tensor(shape: [r.variance.count], scalars: r.variance)]
    }
  }

  /// Sets the model to a saved `state` of a model of the same architecture.
  /// - Returns: false (and changes nothing) when the shapes do not match.
  @discardableResult
  public func restore(_ state: [Tensor]) -> Bool {
    let (parameters, statistics) = (parameters, runningStatistics)
    let firstStatistic = parameters.count
    guard state.count == firstStatistic + 2 * statistics.count,
      zip(parameters, state).allSatisfy({ $0.shape == $1.shape }),
      statistics.indices.allSatisfy({ k in
        state[firstStatistic + 2 * k].count == statistics[k].mean.count
          && state[firstStatistic + 2 * k + 1].count == statistics[k].variance.count
      })
    else { return false }
    for (p, value) in zip(parameters, state) { p.value = value }
    for (k, r) in statistics.enumerated() {
      r.restore(mean: state[firstStatistic + 2 * k].scalars, variance: state[firstStatistic + 2 * k + 1].scalars)
    }
    return true
  }
}

/// The running statistics of the batch normalisation layers of `networks`, in order.
func batchNormalisationStatistics(of networks: [Sequential]) -> [RunningStatistics] {
  networks.flatMap(\.layers).compactMap { ($0 as? BatchNorm2d)?.running ?? ($0 as? BatchNorm1d)?.running }
}
