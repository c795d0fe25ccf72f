import Foundation
import Lessons
import Math
import Testing
import Workbook

/// The image models of Lessons/Images: shapes and sizes as in the PyTorch reference, one training
/// step on real Fashion-MNIST batches through the one adversarial trainer, the conditional
/// discriminator's class planes.
@Suite struct ImageGANTests {
  /// A Fashion-MNIST batch of `count` images with their labels, or nil (and a recorded reason)
  /// when the data set is not installed.
  static func realBatch(_ count: Int) -> (images: Tensor, labels: [Int])? {
    guard let data = try? FashionMNIST.load(.test) else { return nil }
    return (data.tensor(at: 0..<count), Array(data.labels[0..<count]))
  }

  @Test func dcganHasTheReferenceArchitecture() {
    var rng = SeededGenerator(seed: 1)
    let gan = DCGANRecipe().makeGAN(using: &rng)
    // bench/reference/ref_dcgan.py's G and D in PyTorch: 540,225 and 138,817 parameters.
    #expect(gan.generator.parameterCount == 540_225)
    #expect(gan.discriminator.parameterCount == 138_817)
    let images = gan.generator(Variable(gan.noiseBatch(5, using: &rng)), training: true).value
    #expect(images.shape == [5, 1, 28, 28])
    #expect(images.scalars.allSatisfy { abs($0) < 1 })
    #expect(gan.discriminator(Variable(images), training: true).shape == [5, 1])
  }

  @Test func radfordInitialisationDrawsSmallWeights() {
    var rng = SeededGenerator(seed: 2)
    let conv = RadfordInitialisation.convolution(64, 128, using: &rng)
    let w = conv.weight.value.scalars.map(Double.init)
    let sd = (w.map { $0 * $0 }.reduce(0, +) / Double(w.count)).squareRoot()
    #expect(abs(sd - 0.02) < 0.001, "weights' standard deviation \(sd)")
    #expect(conv.bias!.value.scalars.allSatisfy { $0 == 0 })
  }

  @Test func aDCGANStepOnFashionMNISTUpdatesEveryParameter() throws {
    guard let (real, _) = Self.realBatch(64) else {
      Issue.record("Fashion-MNIST is not installed (make setup installs dataset-fashion-mnist)")
      return
    }
    var rng = SeededGenerator(seed: 3)
    let recipe = DCGANRecipe()
    let gan = recipe.makeGAN(using: &rng)
    let before = (gan.generator.parameters + gan.discriminator.parameters).map(\.value)
    let runningBefore = (gan.generator.layers.compactMap { $0 as? BatchNorm2d }.first!).running.mean
    var trainer = AdversarialTrainer(gan: gan, training: recipe.training)
    let losses = try trainer.train(on: real, using: &rng)
    #expect(losses.discriminator.isFinite && losses.generator?.isFinite == true)
    let after = (gan.generator.parameters + gan.discriminator.parameters).map(\.value)
    #expect(zip(before, after).allSatisfy { $0 != $1 }, "every parameter moves in one Adam step")
    #expect((gan.generator.layers.compactMap { $0 as? BatchNorm2d }.first!).running.mean != runningBefore)
  }

  /// The generator step on the discriminator step's batch is exactly a discriminator step and a
  /// `generatorStepOnSamples` on G's samples with their graph.
  @Test func reusingTheDiscriminatorStepBatchIsAStepOnThoseSamples() throws {
    var rng = SeededGenerator(seed: 4)
    let real = Distribution1D.uniform(low: -1, high: 1).tensor(rows: 4, columns: 784, using: &rng).reshaped([4, 1, 28, 28])
    var recipe = DCGANRecipe()
    (recipe.coarseChannels, recipe.fineChannels) = (8, 4)
    var (a, b) = (SeededGenerator(seed: 5), SeededGenerator(seed: 5))
    let (viaTrainer, byHand) = (recipe.makeGAN(using: &a), recipe.makeGAN(using: &b))
    var trainer = AdversarialTrainer(gan: viaTrainer, training: recipe.training)
    var (trainerRng, handRng) = (SeededGenerator(seed: 6), SeededGenerator(seed: 6))
    _ = try trainer.train(on: real, using: &trainerRng)

    var (dOptimizer, gOptimizer) = (recipe.training.optimizer.makeOptimizer(for: byHand.discriminator.parameters),
                                    recipe.training.optimizer.makeOptimizer(for: byHand.generator.parameters))
    let fake = byHand.generator(Variable(byHand.noiseBatch(4, using: &handRng)), training: true)
    discriminatorStep(byHand.discriminator, optimizer: &dOptimizer, real: real, fake: fake.value, passes: .separate)
    generatorStepOnSamples(byHand, optimizer: &gOptimizer, samples: fake, cost: .nonSaturating)
    let bits = { (g: GAN) in (g.generator.parameters + g.discriminator.parameters).flatMap { $0.value.scalars.map(\.bitPattern) } }
    #expect(bits(viaTrainer) == bits(byHand))
    #expect(trainerRng.next() == handRng.next(), "no fresh noise is drawn for the generator step")
  }

  @Test func classPlanesPutTheClassInFrontOfTheImage() {
    let planes = StackedPlanes.classPlanes(classes: 3, imageShape: [1, 2, 2])
    // Two rows [y | x]: class 2 with image 1…4, class 0 with image 5…8.
    let input = Variable(Tensor(rows: [[0, 0, 1, 1, 2, 3, 4], [1, 0, 0, 5, 6, 7, 8]]), requiresGradient: true)
    let output = planes(input)
    #expect(output.shape == [2, 4, 2, 2])
    #expect(output.value.scalars == [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 3, 4,
                                     1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 6, 7, 8])
    // The gradient of Σ output ⊙ w: each class column gets its plane's sum, each pixel its own weight.
    let w = Tensor(shape: [2, 4, 2, 2], scalars: (0..<32).map { Float($0) })
    (output * Variable(w)).sum().backward()
    let expected: [Float] = [6, 22, 38, 12, 13, 14, 15, 70, 86, 102, 28, 29, 30, 31]  // 0+1+2+3, 4+…+7, …
    #expect(input.gradient!.scalars == expected)
  }

  @Test func aConditionalDCGANStepOnFashionMNIST() throws {
    guard let (real, labels) = Self.realBatch(32) else {
      Issue.record("Fashion-MNIST is not installed (make setup installs dataset-fashion-mnist)")
      return
    }
    var rng = SeededGenerator(seed: 7)
    let recipe = ConditionalDCGANRecipe()
    let cgan = recipe.makeGAN(using: &rng)
    let y = recipe.oneHot(labels)
    #expect(cgan.sample(conditions: y, using: &rng).shape == [32, 1, 28, 28])
    var trainer = AdversarialTrainer(gan: cgan.gan, training: recipe.training)
    let losses = try trainer.train(on: ConditionalPairs(conditions: y, targets: real), using: &rng)
    #expect(losses.discriminator.isFinite && losses.generator?.isFinite == true)
  }

  @Test func theMLPGANMapsNoiseToImages() throws {
    var rng = SeededGenerator(seed: 8)
    var recipe = MLPImageGANRecipe()
    recipe.hiddenUnits = 16
    let gan = recipe.makeGAN(using: &rng)
    let images = gan.sample(3, using: &rng)
    #expect(images.shape == [3, 1, 28, 28])
    #expect(gan.discriminator(Variable(images)).shape == [3, 1])
    var trainer = AdversarialTrainer(gan: gan, training: recipe.training)
    let losses = try trainer.train(on: images, using: &rng)
    #expect(losses.discriminator.isFinite && losses.generator?.isFinite == true)
  }
}
