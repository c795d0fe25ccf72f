import Foundation
import Lessons
import Math
import Testing
import Workbook

/// The VAE-GAN of chapter 10 (Lessons/Autoencoders/VAEGAN.swift): the feature-wise
/// reconstruction error by its definition and its gradient, each of the three updates touching
/// only its own network, and a short training on faces that must lower the feature error.
@Suite struct VAEGANTests {
  /// A recipe with narrow networks at side 32, for trainings that take a second.
  static func smallRecipe(latent: Int = 8) -> VAEGANRecipe {
    var recipe = VAEGANRecipe()
    recipe.autoencoder = VAETests.smallRecipe(side: 32, latent: latent)
    recipe.discriminatorChannels = (16, 8)
    recipe.batchSize = 32
    return recipe
  }

  static func randomImages(_ count: Int, using rng: inout SeededGenerator) -> Tensor {
    Distribution1D.uniform(low: -1, high: 1).tensor(rows: count, columns: 32 * 32, using: &rng).reshaped([count, 1, 32, 32])
  }

  @Test func theFeatureErrorIsHalfTheSquaredDistanceInFeatures() {
    // Two images of three features: differences (1, −2, 0) and (0.5, 0, 0) give ½ · 5 and
    // ½ · 0.25, mean 1.3125.
    let image = Tensor(shape: [2, 3], scalars: [0, 0, 0, 1, 1, 1])
    let reconstruction = Variable(Tensor(shape: [2, 3], scalars: [1, -2, 0, 1.5, 1, 1]))
    #expect(abs(featureReconstructionLoss(reconstruction, image).value.scalar - 1.3125) < 1e-6)
  }

  @Test func theFeatureErrorsGradientMatchesFiniteDifferences() {
    var rng = SeededGenerator(seed: 1)
    for _ in 0..<5 {
      let rows = Int.random(in: 1...4, using: &rng), columns = Int.random(in: 1...6, using: &rng)
      let target = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: rows, columns: columns, using: &rng)
      let point = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: rows, columns: columns, using: &rng)
      let x = Variable(point, requiresGradient: true)
      featureReconstructionLoss(x, target).backward()
      let analytic = x.gradient!
      let h: Float = 1e-2
      for k in 0..<point.count {
        var (plus, minus) = (point, point)
        plus[k / columns, k % columns] += h
        minus[k / columns, k % columns] -= h
        let numeric = (featureReconstructionLoss(Variable(plus), target).value.scalar
          - featureReconstructionLoss(Variable(minus), target).value.scalar) / (2 * h)
        #expect(abs(numeric - analytic.scalars[k]) < 1e-3 * max(1, abs(numeric)), "coordinate \(k): \(numeric) vs \(analytic.scalars[k])")
      }
    }
  }

  @Test func shapesAndTheEncodersLossTerms() {
    var rng = SeededGenerator(seed: 2)
    let recipe = Self.smallRecipe(latent: 3)
    let model = recipe.makeVAEGAN(using: &rng)
    let images = Self.randomImages(5, using: &rng)
    #expect(model.encode(images).shape == [5, 3])
    #expect(model.reconstruct(images).shape == [5, 1, 32, 32])
    #expect(model.sample(count: 4, using: &rng).shape == [4, 1, 32, 32])
    let (features, logits) = model.discriminate(Variable(images))
    #expect(features.shape == [5, 16 * 8 * 8] && logits.shape == [5, 1])
    let (reconstruction, prior) = model.lossTerms(of: images, using: &rng)
    #expect(reconstruction.shape == [] && prior?.shape == [] && reconstruction.value.scalar > 0)
  }

  /// Each of Algorithm 1's three updates changes its own network and no other.
  @Test func eachUpdateChangesOnlyItsOwnNetwork() throws {
    var rng = SeededGenerator(seed: 3)
    let recipe = Self.smallRecipe()
    let model = recipe.makeVAEGAN(using: &rng)
    let x = Self.randomImages(8, using: &rng)
    var losses = VAEGANLosses(prior: 0, featureReconstruction: 0, discriminator: 0, generator: 0)
    var (e, d, g) = (Adam(model.encoderParameters), Adam(model.decoderParameters), Adam(model.discriminatorParameters))
    func values() -> (encoder: [Tensor], decoder: [Tensor], discriminator: [Tensor]) {
      (model.encoderParameters.map(\.value), model.decoderParameters.map(\.value), model.discriminatorParameters.map(\.value))
    }
    var before = values()
    let code = try vaeganEncoderStep(model, on: x, optimizer: &e, losses: &losses, step: 1, using: &rng)
    var after = values()
    #expect(after.encoder != before.encoder && after.decoder == before.decoder && after.discriminator == before.discriminator)
    #expect(code.shape == [8, 8] && losses.prior > 0 && losses.featureReconstruction > 0)

    before = after
    let priorCode = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 8, columns: 8, using: &rng)
    let generated = try vaeganDecoderStep(model, on: x, code: code, priorCode: priorCode, reconstructionWeight: 1, optimizer: &d, losses: &losses, step: 1)
    after = values()
    #expect(after.encoder == before.encoder && after.decoder != before.decoder && after.discriminator == before.discriminator)
    #expect(generated.shape == [16, 1, 32, 32] && losses.generator > 0)

    before = after
    try vaeganDiscriminatorStep(model, real: x, generated: generated, optimizer: &g, losses: &losses, step: 1)
    after = values()
    #expect(after.encoder == before.encoder && after.decoder == before.decoder && after.discriminator != before.discriminator)
    #expect(losses.discriminator > 0)
    #expect(model.parameters.allSatisfy { $0.gradient == nil }, "no gradient is left behind for a later step")
  }

  /// L_llike is measured in D's features, which move as D learns, so its history need not fall;
  /// the fixed yardstick is the trained D: under it, the trained encoder and decoder must
  /// reconstruct the faces far better than untrained ones.
  @Test func trainingOnFacesLowersTheFeatureErrorUnderTheTrainedDiscriminator() throws {
    let faces = try ProceduralFaces.generate(count: 256, seed: 4)
    var rng = SeededGenerator(seed: 5)
    let recipe = Self.smallRecipe()
    let model = recipe.makeVAEGAN(using: &rng)
    var untrainedRng = SeededGenerator(seed: 6)
    let untrained = VAEGAN(vae: recipe.makeVAEGAN(using: &untrainedRng).vae,
                           discriminatorBody: model.discriminatorBody, discriminatorHead: model.discriminatorHead)
    var (steps, reported) = (0, [VAEGANLosses]())
    let history = try recipe.train(model, on: faces.images, epochs: 12, using: &rng,
                                   onEpoch: { _, means in reported.append(means) }, onStep: { step, _ in steps = step })
    #expect(history.count == 12 && reported == history && steps == 12 * 8)
    #expect(history.allSatisfy { $0.discriminator.isFinite && $0.generator.isFinite && $0.prior.isFinite })
    var (a, b) = (SeededGenerator(seed: 7), SeededGenerator(seed: 7))
    let trainedError = model.lossTerms(of: faces.images, using: &a).reconstruction.value.scalar
    let untrainedError = untrained.lossTerms(of: faces.images, using: &b).reconstruction.value.scalar
    #expect(trainedError < 0.5 * untrainedError, "L_llike under the trained D: trained \(trainedError), untrained \(untrainedError)")
  }

  @Test func aLossThatIsNotFiniteStopsTrainingAndNamesTheNetwork() {
    var rng = SeededGenerator(seed: 6)
    let recipe = Self.smallRecipe()
    let healthy = recipe.makeVAEGAN(using: &rng)
    let vae = healthy.vae
    let broken = VAEGAN(
      vae: VAE(encoderBody: Sequential([NaNWhenTraining()] + vae.encoderBody.layers), meanHead: vae.meanHead,
               logVarianceHead: vae.logVarianceHead, decoder: vae.decoder, pixelNoise: vae.pixelNoise),
      discriminatorBody: healthy.discriminatorBody, discriminatorHead: healthy.discriminatorHead)
    do {
      try recipe.train(broken, on: Tensor(zeros: [4, 1, 32, 32]), epochs: 1, using: &rng)
      Issue.record("training on a NaN encoder did not stop")
    } catch let error as TrainingDiverged {
      #expect(error.model == "the VAE-GAN's encoder" && error.step == 1, "\(error)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func aRestoredStateGivesTheSameModel() throws {
    var rng = SeededGenerator(seed: 7)
    let recipe = Self.smallRecipe(latent: 4)
    let images = Self.randomImages(64, using: &rng)
    let model = recipe.makeVAEGAN(using: &rng)
    try recipe.train(model, on: images, epochs: 1, using: &rng)
    let restored = try #require(recipe.restoredVAEGAN(model.state))
    #expect(restored.reconstruct(images) == model.reconstruct(images))
    #expect(restored.discriminate(Variable(images)).logits.value == model.discriminate(Variable(images)).logits.value)
    #expect(recipe.autoencoder.restoredVAE(model.state) == nil, "a VAE-GAN's state does not fit a VAE")
  }
}
