import Math

/// The convolutional autoencoder and variational autoencoder (Kingma & Welling 2014) of
/// chapter 9, for grey images of side 28 (Fashion-MNIST) or 32 (the faces), pixels in [−1, 1].
///
/// The networks mirror chapter 6's DCGAN (`DCGANRecipe`), so that a VAE's decoder and a GAN's
/// generator differ only in how they were trained:
///
/// encoder: 1 × s × s → Conv 4/2 → f × s/2 × s/2 → leaky ReLU → Conv 4/2 → c × s/4 × s/4 → BN,
///          leaky ReLU → flatten → Linear heads: μ and log σ² (`[batch, latent]`) for the VAE,
///          the code for the autoencoder;
/// decoder: z (latent) → Linear → c × s/4 × s/4 → BN, ReLU → ConvT 4/2 → f × s/2 × s/2 → BN,
///          ReLU → ConvT 4/2 → 1 × s × s → tanh.
///
/// With s = 28 (28 → 14 → 7) the decoder is DCGAN's generator layer for layer; s = 32 runs
/// 32 → 16 → 8. Weights as Radford et al. initialise them (`RadfordInitialisation`).
///
/// The loss is reconstruction + β · KL (`gaussianReconstructionLoss`, `gaussianKL`): β = 1 is
/// −ELBO, the VAE of Kingma & Welling; β → 0 leaves an autoencoder with noisy codes, whose
/// reconstructions are sharper and whose codes drift away from the prior.
public struct VAERecipe: Sendable {
  /// The side s of the square images: 28 or 32 (any multiple of 4 works).
  public var imageSide = 28
  /// The channels of the images (1 for grey).
  public var imageChannels = 1
  /// The number of latent coordinates: 2 for a latent map, 16 or so for good images.
  public var latentDimension = 16
  /// c and f: the channels of the s/4 and s/2 feature maps (those of DCGAN).
  public var coarseChannels = 128
  public var fineChannels = 64
  /// β, the weight of the KL term: 1 for the ELBO.
  public var klWeight: Float = 1
  /// σₓ, the standard deviation of the Gaussian decoder p(x | z) = N(x̂(z), σₓ² I), in pixel
  /// units ([−1, 1]). 0.2 is about the root-mean-square error a VAE of this size reaches on
  /// Fashion-MNIST, i.e. close to the σₓ that maximises the likelihood if it were learned
  /// (Rybkin et al. 2021, "calibrated decoders").
  public var pixelNoise: Float = 0.2
  public var optimizer = OptimizerChoice.adam(learningRate: 1e-3)
  public var batchSize = 64

  public init() {}

  /// The side of the coarse feature maps, s/4.
  var coarseSide: Int {
    precondition(imageSide >= 8 && imageSide % 4 == 0,
                 "VAERecipe: image side must be a multiple of 4 of at least 8 (28 or 32), got \(imageSide)")
    return imageSide / 4
  }

  /// The width of the flattened coarse features, c · (s/4)².
  var featureWidth: Int { coarseChannels * coarseSide * coarseSide }

  /// The encoder's convolutions: images `[batch, imageChannels, s, s]` → features
  /// `[batch, c · (s/4)²]`, ahead of the heads.
  public func makeEncoderBody<R: RandomNumberGenerator>(using rng: inout R) -> Sequential {
    let (c, f) = (coarseChannels, fineChannels)
    return Sequential(
      RadfordInitialisation.convolution(imageChannels, f, using: &rng), Activation.leakyRelu(slope: 0.2),
      RadfordInitialisation.convolution(f, c, using: &rng), RadfordInitialisation.batchNorm2d(c, using: &rng),
      Activation.leakyRelu(slope: 0.2), Flatten())
  }

  /// The decoder: codes `[batch, latentDimension]` → images `[batch, imageChannels, s, s]` in
  /// (−1, 1).
  public func makeDecoder<R: RandomNumberGenerator>(using rng: inout R) -> Sequential {
    let (c, f, side) = (coarseChannels, fineChannels, coarseSide)
    return Sequential(
      RadfordInitialisation.linear(latentDimension, featureWidth, using: &rng),
      Unflatten([c, side, side]), RadfordInitialisation.batchNorm2d(c, using: &rng), Activation.relu,
      RadfordInitialisation.transposedConvolution(c, f, using: &rng),
      RadfordInitialisation.batchNorm2d(f, using: &rng), Activation.relu,
      RadfordInitialisation.transposedConvolution(f, imageChannels, using: &rng), Activation.tanh)
  }

  /// A fresh VAE: encoder body, the μ and log σ² heads, decoder, drawn from `rng` in that order.
  public func makeVAE<R: RandomNumberGenerator>(using rng: inout R) -> VAE {
    let body = makeEncoderBody(using: &rng)
    let meanHead = RadfordInitialisation.linear(featureWidth, latentDimension, using: &rng)
    let logVarianceHead = RadfordInitialisation.linear(featureWidth, latentDimension, using: &rng)
    return VAE(encoderBody: body, meanHead: meanHead, logVarianceHead: logVarianceHead,
               decoder: makeDecoder(using: &rng), pixelNoise: pixelNoise)
  }

  /// A fresh autoencoder with the same networks and one head for the code.
  public func makeAutoencoder<R: RandomNumberGenerator>(using rng: inout R) -> Autoencoder {
    let body = makeEncoderBody(using: &rng)
    let codeHead = RadfordInitialisation.linear(featureWidth, latentDimension, using: &rng)
    return Autoencoder(encoderBody: body, codeHead: codeHead, decoder: makeDecoder(using: &rng),
                       pixelNoise: pixelNoise)
  }

  /// The objective minimised: reconstruction + β · KL (the reconstruction alone for a plain
  /// autoencoder).
  public func objective(reconstruction: Variable, kl: Variable?) -> Variable {
    guard let kl else { return reconstruction }
    return reconstruction + klWeight * kl
  }

  /// Trains `model` on `images` (`[count, imageChannels, s, s]` in [−1, 1]) for `epochs` of
  /// shuffled minibatches, one Adam step (or the recipe's optimizer) per batch on
  /// reconstruction + β · KL. The order of the batches and the VAE's ε are drawn from `rng`.
  /// `onEpoch(epoch, means)` after every epoch (a trailing closure is this one), and
  /// `onStep(step, losses)` after every step (from 1).
  /// - Returns: each epoch's mean loss terms, nats per image.
  /// - Throws: `TrainingDiverged` when a loss term is not finite.
  @discardableResult
  public func train<Model: ImageAutoencoder, R: RandomNumberGenerator>(
    _ model: Model, on images: Tensor, epochs: Int, using rng: inout R,
    onEpoch: (Int, AutoencoderLosses) -> Void = { _, _ in },
    onStep: (Int, AutoencoderLosses) -> Void = { _, _ in }
  ) throws -> [AutoencoderLosses] {
    precondition(
      images.shape.count == 4 && Array(images.shape.dropFirst()) == [imageChannels, imageSide, imageSide],
      "VAERecipe.train: images \(images.shape) are not [count, \(imageChannels), \(imageSide), \(imageSide)]")
    let name = model is VAE ? "the VAE" : "the autoencoder"
    var optimizer = optimizer.makeOptimizer(for: model.parameters)
    var history: [AutoencoderLosses] = []
    var step = 0
    for epoch in 1...max(1, epochs) {
      var (reconstructionSum, klSum, count) = (0.0, 0.0, 0)
      // A batch of one image would give batch normalisation a variance of zero.
      for batch in minibatches(of: images, size: batchSize, using: &rng) where batch.rows > 1 {
        step += 1
        var losses = AutoencoderLosses(reconstruction: 0, kl: nil)
        _ = withGradients {
          let (reconstruction, kl) = model.lossTerms(of: batch, using: &rng)
          losses = AutoencoderLosses(reconstruction: Double(reconstruction.value.scalar),
                                     kl: kl.map { Double($0.value.scalar) })
          return objective(reconstruction: reconstruction, kl: kl)
        }
        try finite(losses.reconstruction, "the reconstruction term", step: step, of: name)
        if let kl = losses.kl { try finite(kl, "the KL term", step: step, of: name) }
        optimizer.step()
        onStep(step, losses)
        (reconstructionSum, klSum, count) = (reconstructionSum + losses.reconstruction, klSum + (losses.kl ?? 0), count + 1)
      }
      let n = Double(max(count, 1))
      let means = AutoencoderLosses(reconstruction: reconstructionSum / n, kl: model is VAE ? klSum / n : nil)
      history.append(means)
      onEpoch(epoch, means)
    }
    return history
  }
}

extension VAERecipe {
  /// Everything that decides what `train` returns, as one line: a cache keeps a trained model
  /// under it and retrains when any of it changes (`model` says which: "VAE" or "autoencoder";
  /// `data` names the training data). Bump `version` when the training code changes what it
  /// computes.
  public func fingerprint(model: String, epochs: Int, seed: UInt64, data: String, version: Int = 1) -> String {
    "VAERecipe v\(version) \(model): side \(imageSide); channels \(imageChannels); latent \(latentDimension); "
      + "maps \(coarseChannels), \(fineChannels); β \(klWeight); σₓ \(pixelNoise); \(optimizer); batch \(batchSize); "
      + "epochs \(epochs); seed \(seed); data \(data)"
  }

  /// A VAE of this architecture holding `state` (a trained one's `state`), or nil when the state
  /// does not fit.
  public func restoredVAE(_ state: [Tensor]) -> VAE? {
    var rng = SeededGenerator(seed: 0)
    let vae = makeVAE(using: &rng)
    return vae.restore(state) ? vae : nil
  }

  /// An autoencoder of this architecture holding `state`, or nil when the state does not fit.
  public func restoredAutoencoder(_ state: [Tensor]) -> Autoencoder? {
    var rng = SeededGenerator(seed: 0)
    let autoencoder = makeAutoencoder(using: &rng)
    return autoencoder.restore(state) ? autoencoder : nil
  }
}
