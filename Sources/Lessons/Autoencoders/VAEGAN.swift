import Math

/// The VAE-GAN of Larsen et al. 2016, "Autoencoding beyond pixels using a learned similarity
/// metric": a VAE whose decoder is also a GAN's generator, and whose reconstruction error is
/// measured in a hidden layer of the GAN's discriminator instead of in pixels. In the course
/// slides' words: "replace the element-wise reconstruction metric with the feature-wise metric
/// learned by the discriminator".
///
/// Three networks:
/// - the encoder Enc(x) = q(z | x) = N(μ(x), diag σ²(x)), as in the VAE;
/// - the decoder Dec(z), which is also the generator;
/// - the discriminator Dis, split at its hidden layer l: `discriminatorBody` maps an image to
///   Dis_l(x), the features the reconstruction error is measured in, and `discriminatorHead`
///   maps those to the logit of "real".
///
/// The decoder's Gaussian p(x | z) of the VAE becomes a Gaussian in D's features,
/// p(Dis_l(x) | z) = N(Dis_l(x̃), I) with x̃ = Dec(z), so the reconstruction term is
/// L_llike = ½ ‖Dis_l(x) − Dis_l(x̃)‖² (`featureReconstructionLoss`). Built by
/// `VAEGANRecipe.makeVAEGAN`, trained by `VAEGANRecipe.train`.
public struct VAEGAN: ImageAutoencoder {
  /// The encoder (body and the μ and log σ² heads) and the decoder. Its `pixelNoise` is not
  /// used: the VAE-GAN measures reconstructions in D's features, not in pixels.
  public let vae: VAE
  /// Images → Dis_l(x), `[batch, features]`.
  public let discriminatorBody: Sequential
  /// Dis_l(x) → one logit per image.
  public let discriminatorHead: Linear

  public init(vae: VAE, discriminatorBody: Sequential, discriminatorHead: Linear) {
    precondition(discriminatorHead.weight.shape[1] == 1,
                 "VAEGAN: the discriminator's head must give one logit, not \(discriminatorHead.weight.shape[1])")
    self.vae = vae
    self.discriminatorBody = discriminatorBody
    self.discriminatorHead = discriminatorHead
  }

  public var latentDimension: Int { vae.latentDimension }

  public var encoderParameters: [Variable] {
    vae.encoderBody.parameters + vae.meanHead.parameters + vae.logVarianceHead.parameters
  }
  public var decoderParameters: [Variable] { vae.decoder.parameters }
  public var discriminatorParameters: [Variable] { discriminatorBody.parameters + discriminatorHead.parameters }

  /// Encoder, decoder and discriminator, in that order.
  public var parameters: [Variable] { encoderParameters + decoderParameters + discriminatorParameters }

  public var runningStatistics: [RunningStatistics] {
    batchNormalisationStatistics(of: [vae.encoderBody, vae.decoder, discriminatorBody])
  }

  /// Dis_l and the logit of a batch of images, in training mode.
  public func discriminate(_ images: Variable) -> (features: Variable, logits: Variable) {
    let features = discriminatorBody(images, training: true)
    return (features, discriminatorHead(features, training: true))
  }

  /// The encoder's loss terms on a batch, in training mode: L_llike, the feature-wise
  /// reconstruction error of x̃ = Dec(z) for one reparameterised draw z ~ q(z | x), and
  /// L_prior = KL(q(z | x) ‖ N(0, I)) in closed form; both averaged over the batch. D sees the
  /// images and their reconstructions as one batch.
  public func lossTerms<R: RandomNumberGenerator>(of images: Tensor, using rng: inout R) -> (reconstruction: Variable, kl: Variable?) {
    var code = Tensor(zeros: [images.rows, latentDimension])
    let (reconstruction, prior) = lossTerms(of: images, using: &rng, code: &code)
    return (reconstruction, prior)
  }

  /// `lossTerms(of:using:)`, also handing back the drawn codes z in `code`.
  func lossTerms<R: RandomNumberGenerator>(of images: Tensor, using rng: inout R, code: inout Tensor) -> (reconstruction: Variable, prior: Variable) {
    let (mean, logVariance) = vae.posterior(Variable(images), training: true)
    let z = Variable.reparameterised(mean: mean, logVariance: logVariance, using: &rng)
    code = z.value
    let reconstructions = vae.decoder(z, training: true)
    let features = discriminate(Variable.concatenatingRows([Variable(images), reconstructions])).features
    let n = images.rows
    return (featureReconstructionLoss(features.rows(n..<(2 * n)), features.rows(0..<n).value),
            gaussianKL(mean: mean, logVariance: logVariance))
  }

  public func encode(_ images: Tensor) -> Tensor { vae.encode(images) }
  public func decode(_ codes: Tensor) -> Tensor { vae.decode(codes) }

  /// `count` images decoded from codes z ~ N(0, I): samples of the generator.
  public func sample<R: RandomNumberGenerator>(count: Int, using rng: inout R) -> Tensor {
    vae.sample(count: count, using: &rng)
  }
}

/// L_llike of the VAE-GAN: −log N(Dis_l(x); Dis_l(x̃), I) without its constant,
/// ½ Σ_k (Dis_l(x)_k − Dis_l(x̃)_k)², summed over the features k of an image and averaged over
/// the batch. `imageFeatures` are a constant: the encoder and decoder learn to match D's
/// features of the images, and D does not learn to make them easy to match (Larsen et al. do
/// not train D on L_llike, which would let it map everything to one point).
public func featureReconstructionLoss(_ reconstructionFeatures: Variable, _ imageFeatures: Tensor) -> Variable {
  // A Gaussian of unit variance in features is the Gaussian decoder of the VAE with σₓ = 1.
  gaussianReconstructionLoss(reconstructionFeatures, imageFeatures, pixelNoise: 1)
}

/// The losses of one VAE-GAN step, or their means over an epoch: what each network minimised.
public struct VAEGANLosses: Sendable, Equatable {
  /// L_prior, KL(q(z | x) ‖ N(0, I)), nats per image.
  public var prior: Double
  /// L_llike, ½ ‖Dis_l(x) − Dis_l(x̃)‖² per image.
  public var featureReconstruction: Double
  /// D's binary cross-entropy on x (real), x̃ and Dec(z_p) (generated), averaged over the three.
  public var discriminator: Double
  /// The decoder's non-saturating cost −log D on x̃ and Dec(z_p), averaged.
  public var generator: Double

  public init(prior: Double, featureReconstruction: Double, discriminator: Double, generator: Double) {
    self.prior = prior
    self.featureReconstruction = featureReconstruction
    self.discriminator = discriminator
    self.generator = generator
  }
}

/// The VAE-GAN of chapter 10: chapter 9's VAE (`VAERecipe`: encoder, decoder) and a
/// discriminator with the architecture of the VAE's encoder body (that of chapter 6's DCGAN
/// discriminator) at half the channels, and one logit. Dis_l is the discriminator's last hidden
/// layer, the c × s/4 × s/4 maps after batch normalisation and leaky ReLU. (D at half the
/// channels costs a quarter of the encoder's arithmetic; every step runs it on two or three
/// batches, so this keeps a step at about three VAE steps.)
///
/// Each step follows Larsen et al.'s Algorithm 1 and its weighting of the three signals: on a
/// batch x, with x̃ = Dec(z), z ~ q(z | x), and x_p = Dec(z_p), z_p ~ N(0, I),
/// - the encoder descends L_prior + L_llike (no adversarial signal reaches it);
/// - the decoder descends γ · L_llike + L_GAN,dec, the non-saturating cost −log D of x̃ and x_p;
/// - D descends L_GAN, the cross-entropy of x as real and of x̃ and x_p as generated (no L_llike
///   reaches it).
/// The three updates take turns, each on the networks as the previous one left them, as the
/// two steps of a GAN do. γ (`reconstructionWeight`) trades the likeness of reconstructions
/// against fooling D; Larsen et al.'s own γ is not quoted here because we could not check it.
public struct VAEGANRecipe: Sendable {
  /// The encoder and decoder (image side, latent dimension, feature maps); its β, σₓ, optimizer
  /// and batch size are not used.
  public var autoencoder = VAERecipe()
  /// γ, the weight of L_llike in the decoder's loss.
  public var reconstructionWeight: Float = 1
  /// c and f of the discriminator: the channels of its s/4 and s/2 feature maps.
  public var discriminatorChannels = (coarse: 64, fine: 32)
  /// For each of the three networks (DCGAN's Adam by default).
  public var optimizer = OptimizerChoice.adam(learningRate: 2e-4, beta1: 0.5)
  public var batchSize = 64

  public init() {}

  /// D: images `[batch, channels, s, s]` → Dis_l `[batch, c · (s/4)²]`, and the head to one logit.
  public func makeDiscriminator<R: RandomNumberGenerator>(using rng: inout R) -> (body: Sequential, head: Linear) {
    var shape = autoencoder
    (shape.coarseChannels, shape.fineChannels) = discriminatorChannels
    let body = shape.makeEncoderBody(using: &rng)
    return (body, RadfordInitialisation.linear(shape.featureWidth, 1, using: &rng))
  }

  /// A fresh VAE-GAN: the VAE's networks, then D, drawn from `rng` in that order.
  public func makeVAEGAN<R: RandomNumberGenerator>(using rng: inout R) -> VAEGAN {
    let vae = autoencoder.makeVAE(using: &rng)
    let (body, head) = makeDiscriminator(using: &rng)
    return VAEGAN(vae: vae, discriminatorBody: body, discriminatorHead: head)
  }

  /// Trains `model` on `images` (`[count, channels, s, s]` in [−1, 1]) for `epochs` of shuffled
  /// minibatches, one step of each network per batch (see the type's comment). The batches, the
  /// reparameterisation's ε and z_p are drawn from `rng`. `onEpoch(epoch, means)` after every
  /// epoch, `onStep(step, losses)` after every step (from 1).
  /// - Returns: each epoch's mean losses.
  /// - Throws: `TrainingDiverged`, naming the step and the loss, when a loss is not finite.
  @discardableResult
  public func train<R: RandomNumberGenerator>(
    _ model: VAEGAN, on images: Tensor, epochs: Int, using rng: inout R,
    onEpoch: (Int, VAEGANLosses) -> Void = { _, _ in },
    onStep: (Int, VAEGANLosses) -> Void = { _, _ in }
  ) throws -> [VAEGANLosses] {
    let side = autoencoder.imageSide
    precondition(
      images.shape.count == 4 && Array(images.shape.dropFirst()) == [autoencoder.imageChannels, side, side],
      "VAEGANRecipe.train: images \(images.shape) are not [count, \(autoencoder.imageChannels), \(side), \(side)]")
    var encoderOptimizer = optimizer.makeOptimizer(for: model.encoderParameters)
    var decoderOptimizer = optimizer.makeOptimizer(for: model.decoderParameters)
    var discriminatorOptimizer = optimizer.makeOptimizer(for: model.discriminatorParameters)
    var history: [VAEGANLosses] = []
    var step = 0
    for epoch in 1...max(1, epochs) {
      var sums = VAEGANLosses(prior: 0, featureReconstruction: 0, discriminator: 0, generator: 0)
      var count = 0
      // A batch of one image would give batch normalisation a variance of zero.
      for x in minibatches(of: images, size: batchSize, using: &rng) where x.rows > 1 {
        step += 1
        var losses = VAEGANLosses(prior: 0, featureReconstruction: 0, discriminator: 0, generator: 0)
        let code = try vaeganEncoderStep(model, on: x, optimizer: &encoderOptimizer, losses: &losses, step: step, using: &rng)
        let priorCode = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: x.rows, columns: model.latentDimension, using: &rng)
        let generated = try vaeganDecoderStep(model, on: x, code: code, priorCode: priorCode, reconstructionWeight: reconstructionWeight,
                                              optimizer: &decoderOptimizer, losses: &losses, step: step)
        try vaeganDiscriminatorStep(model, real: x, generated: generated, optimizer: &discriminatorOptimizer,
                                    losses: &losses, step: step)
        onStep(step, losses)
        sums.prior += losses.prior
        sums.featureReconstruction += losses.featureReconstruction
        sums.discriminator += losses.discriminator
        sums.generator += losses.generator
        count += 1
      }
      let k = Double(max(count, 1))
      let means = VAEGANLosses(prior: sums.prior / k, featureReconstruction: sums.featureReconstruction / k,
                               discriminator: sums.discriminator / k, generator: sums.generator / k)
      history.append(means)
      onEpoch(epoch, means)
    }
    return history
  }

  /// Everything that decides what `train` returns, as one line (for a cache, as
  /// `VAERecipe.fingerprint`).
  public func fingerprint(epochs: Int, seed: UInt64, data: String, version: Int = 1) -> String {
    let a = autoencoder
    return "VAEGANRecipe v\(version): side \(a.imageSide); channels \(a.imageChannels); latent \(a.latentDimension); "
      + "maps \(a.coarseChannels), \(a.fineChannels); D maps \(discriminatorChannels.coarse), \(discriminatorChannels.fine); "
      + "γ \(reconstructionWeight); \(optimizer); batch \(batchSize); "
      + "epochs \(epochs); seed \(seed); data \(data)"
  }

  /// A VAE-GAN of this architecture holding `state` (a trained one's `state`), or nil when the
  /// state does not fit.
  public func restoredVAEGAN(_ state: [Tensor]) -> VAEGAN? {
    var rng = SeededGenerator(seed: 0)
    let model = makeVAEGAN(using: &rng)
    return model.restore(state) ? model : nil
  }
}

// The three updates of one step (Larsen et al.'s Algorithm 1), in the order `VAEGANRecipe.train`
// takes them.

/// The encoder's update: descend L_prior + L_llike on a batch `x`, with z drawn from `rng` by
/// the reparameterisation. The decoder and D pass the gradient on and stay as they are.
/// - Returns: the code z of each image (a constant), for the decoder's update.
public func vaeganEncoderStep<R: RandomNumberGenerator>(
  _ model: VAEGAN, on x: Tensor, optimizer: inout some Optimizer, losses: inout VAEGANLosses, step: Int,
  using rng: inout R
) throws -> Tensor {
  var code = Tensor(zeros: [x.rows, model.latentDimension])
  frozen(model.decoderParameters + model.discriminatorParameters) {
    _ = withGradients {
      let (reconstruction, prior) = model.lossTerms(of: x, using: &rng, code: &code)
      losses.prior = Double(prior.value.scalar)
      losses.featureReconstruction = Double(reconstruction.value.scalar)
      return prior + reconstruction
    }
  }
  try finite(losses.prior, "the prior term L_prior", step: step, of: "the VAE-GAN's encoder")
  try finite(losses.featureReconstruction, "the feature reconstruction L_llike", step: step, of: "the VAE-GAN's encoder")
  optimizer.step()
  return code
}

/// The decoder's update: descend γ · L_llike of x̃ = Dec(`code`) plus the non-saturating cost
/// of x̃ and of x_p = Dec(`priorCode`). D passes the gradient on and stays as it is.
/// - Returns: x̃ and x_p stacked (constants), for D's update.
public func vaeganDecoderStep(
  _ model: VAEGAN, on x: Tensor, code: Tensor, priorCode: Tensor, reconstructionWeight γ: Float,
  optimizer: inout some Optimizer, losses: inout VAEGANLosses, step: Int
) throws -> Tensor {
  let n = x.rows
  var generated = Tensor(zeros: [2 * n] + Array(x.shape.dropFirst()))
  frozen(model.discriminatorParameters) {
    _ = withGradients {
      let fakes = model.vae.decoder(Variable(Tensor.concatenatingRows([code, priorCode])), training: true)
      generated = fakes.value
      let (features, logits) = model.discriminate(Variable.concatenatingRows([Variable(x), fakes]))
      let llike = featureReconstructionLoss(features.rows(n..<(2 * n)), features.rows(0..<n).value)
      let fooling = generatorLoss(fakeLogits: logits.rows(n..<(3 * n)), cost: .nonSaturating)
      losses.generator = Double(fooling.value.scalar)
      return γ * llike + fooling
    }
  }
  try finite(losses.generator, "the decoder's adversarial cost", step: step, of: "the VAE-GAN's decoder")
  optimizer.step()
  return generated
}

/// D's update: descend the cross-entropy of `real` as real and of `generated` (x̃ and x_p,
/// constants: no gradient reaches the decoder) as generated.
public func vaeganDiscriminatorStep(
  _ model: VAEGAN, real x: Tensor, generated: Tensor, optimizer: inout some Optimizer,
  losses: inout VAEGANLosses, step: Int
) throws {
  let loss = withGradients {
    let logits = model.discriminate(Variable(Tensor.concatenatingRows([x, generated]))).logits
    return discriminatorLoss(realLogits: logits.rows(0..<x.rows), fakeLogits: logits.rows(x.rows..<(x.rows + generated.rows)))
  }
  losses.discriminator = try finite(Double(loss), "the discriminator's loss", step: step, of: "the VAE-GAN's discriminator")
  optimizer.step()
}
