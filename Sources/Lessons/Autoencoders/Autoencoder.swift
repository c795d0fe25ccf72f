import Math

/// A plain (deterministic) autoencoder: the VAE's networks with one head for the code and no
/// prior, trained on the reconstruction term alone. Its codes go wherever reconstruction wants
/// them, so decoding a code drawn from N(0, I) need not give an image: the gap the VAE's KL term
/// closes. Built by `VAERecipe.makeAutoencoder`, trained by `VAERecipe.train`.
public struct Autoencoder: ImageAutoencoder {
  /// Images → features → code `[batch, latent]`.
  public let encoderBody: Sequential
  public let codeHead: Linear
  /// Codes → images in (−1, 1).
  public let decoder: Sequential
  /// σₓ of the reconstruction term, for losses on the same scale as the VAE's (for an
  /// autoencoder it only scales the loss).
  public let pixelNoise: Float

  public init(encoderBody: Sequential, codeHead: Linear, decoder: Sequential, pixelNoise: Float) {
    self.encoderBody = encoderBody
    self.codeHead = codeHead
    self.decoder = decoder
    self.pixelNoise = pixelNoise
  }

  /// The number of latent coordinates.
  public var latentDimension: Int { codeHead.weight.shape[1] }

  public var runningStatistics: [RunningStatistics] { batchNormalisationStatistics(of: [encoderBody, decoder]) }

  public var parameters: [Variable] { encoderBody.parameters + codeHead.parameters + decoder.parameters }

  /// The reconstruction term of decode(encode(x)) in training mode; no KL term. Draws nothing
  /// from `rng`.
  public func lossTerms<R: RandomNumberGenerator>(of images: Tensor, using rng: inout R) -> (reconstruction: Variable, kl: Variable?) {
    let x = Variable(images)
    let code = codeHead(encoderBody(x, training: true), training: true)
    return (gaussianReconstructionLoss(decoder(code, training: true), images, pixelNoise: pixelNoise), nil)
  }

  /// The codes `[count, latent]` (evaluation mode).
  public func encode(_ images: Tensor) -> Tensor {
    evaluatedInBatches(images, size: 500) { codeHead.evaluate(encoderBody.evaluate($0)) }
  }

  /// The images of codes `[count, latent]` (evaluation mode).
  public func decode(_ codes: Tensor) -> Tensor {
    precondition(codes.rank == 2 && codes.columns == latentDimension,
                 "Autoencoder.decode: codes \(codes.shape) are not [count, \(latentDimension)]")
    return evaluatedInBatches(codes, size: 500) { decoder.evaluate($0) }
  }
}
