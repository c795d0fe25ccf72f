import Math

/// A Laplacian pyramid of adversarial networks (LAPGAN; Denton, Chintala and Fergus 2015, the
/// course notes' second half), for 28 × 28 grey images: one GAN per level of the Laplacian
/// pyramid 28 → 14 → 7 (`LaplacianPyramid`).
/// - The coarsest level K is an unconditional GAN of the 7 × 7 image I_K, with fully connected
///   networks (Denton et al. use fully connected networks at their coarsest level too).
/// - Each finer level k is a conditional GAN: G_k reads a plane of noise z_k beside the
///   upsampled coarser image l_k = u(I_{k+1}) and returns a band-pass residual h̃_k; D_k reads a
///   residual beside its conditioning image, [l_k | h_k], and says whether l_k + h_k is real
///   (Denton et al. Eq. 5 and Fig. 1). Both are small convolutional networks that keep the size.
///
/// A class-conditional LAPGAN (CC-LAPGAN) gives the one-hot class to every G and D as well.
/// Every level is trained by the one adversarial trainer, on the pyramids of real images only
/// (`trainingExamples`): no level ever sees another level's output, so the levels train
/// independently and no gradient crosses levels.
public struct LAPGANRecipe: Sendable {
  /// The number of classes of a CC-LAPGAN, whose every G and D reads the one-hot class beside
  /// its input; nil for an unconditional LAPGAN.
  public var classes: Int?
  /// The number of downsamplings from the image to the coarsest level: 2 for 28 → 14 → 7.
  public var levels = 2
  /// The side of the (square) images.
  public var imageSide = 28
  /// The coarsest level: noise coordinates of G_K, hidden widths of G_K and D_K, dropout in D_K,
  /// and its training, as chapter 6's MLP GAN trains (one pass of D over real and generated
  /// batches together, fresh noise for the generator step) but with a learning rate of 10⁻³:
  /// at 2·10⁻⁴ this small G still drew one and the same 7 × 7 image for every z after an epoch
  /// of 30,000 images (its samples' per-pixel variance 0.009 against the data's 0.18), and at
  /// 10⁻³ it spread out within that epoch (0.15), measured while the chapter was written.
  public var coarseNoiseDimension = 32
  public var coarseWidths = [256, 256]
  public var coarseDropout: Float = 0.5
  public var coarseTraining = AdversarialTraining(optimizer: .adam(learningRate: 1e-3, beta1: 0.5), batchSize: 64,
                                                  model: "the LAPGAN's coarsest level")
  /// Hidden channels of G_k and D_k at the finer levels, finest first (k = 0, 1, …): few, so
  /// that a LAPGAN trains in minutes on two cores (Denton et al.'s CIFAR10 levels are wider).
  public var levelChannels = [16, 32]
  /// The training of every finer level: as the DCGAN's (Adam 2·10⁻⁴, β₁ = 0.5, batches of 64).
  public var training = AdversarialTraining(optimizer: .adam(learningRate: 2e-4, beta1: 0.5), batchSize: 64,
                                            passes: .separate, fakesInTrainingMode: true,
                                            generatorSamples: .discriminatorStepBatch, model: "a LAPGAN level")

  public init(classes: Int? = nil) {
    self.classes = classes
  }

  /// The sides of the pyramid's images, finest first: [28, 14, 7].
  public var sides: [Int] {
    var sides = [imageSide]
    for _ in 0..<levels { sides.append((sides.last! + 1) / 2) }
    return sides
  }

  /// Fresh networks for every level, initialised from `rng` as Radford et al. initialise theirs.
  public func makeLAPGAN<R: RandomNumberGenerator>(using rng: inout R) -> LAPGAN {
    precondition(levelChannels.count == levels,
                 "LAPGANRecipe: \(levels) finer levels need \(levels) channel counts, got \(levelChannels)")
    let finer = (0..<levels).map { k in
      lapganLevel(side: sides[k], channels: levelChannels[k], classes: classes, using: &rng)
    }
    let coarsest = lapganCoarsestLevel(side: sides[levels], noiseDimension: coarseNoiseDimension, widths: coarseWidths,
                                       dropout: coarseDropout, classes: classes, using: &rng)
    return LAPGAN(levels: finer + [coarsest], sides: sides, classes: classes)
  }

  /// What each level learns from, finest first (`lapganTrainingExamples`).
  public func trainingExamples(images: Tensor, labels: [Int]? = nil) -> [any AdversarialExamples] {
    precondition((labels == nil) == (classes == nil),
                 "LAPGANRecipe: a CC-LAPGAN needs labels and an unconditional LAPGAN none")
    return lapganTrainingExamples(images: images, labels: labels.map { ($0, classes!) }, levels: levels)
  }

  /// Trains each level of `lapgan` for `epochs` on its own `examples` (from `trainingExamples`),
  /// the coarsest first, each with its own trainer and optimizers. `onStep(level, losses)` sees
  /// every iteration.
  /// - Throws: `TrainingDiverged` naming the level when a loss is not finite.
  public func train<R: RandomNumberGenerator>(
    _ lapgan: LAPGAN, on examples: [any AdversarialExamples], epochs: Int, using rng: inout R,
    onStep: (_ level: Int, StepLosses) -> Void = { _, _ in }
  ) throws {
    precondition(examples.count == lapgan.levels.count,
                 "LAPGANRecipe.train: \(lapgan.levels.count) levels need as many example sets, got \(examples.count)")
    for level in lapgan.levels.indices.reversed() {
      var levelTraining = level == levels ? coarseTraining : training
      levelTraining.model = "LAPGAN level \(level) (\(sides[level]) × \(sides[level]))"
      var trainer = AdversarialTrainer(gan: lapgan.levels[level], training: levelTraining)
      for _ in 0..<epochs {
        try trainer.trainEpoch(on: examples[level], using: &rng) { onStep(level, $0) }
      }
    }
  }
}

/// The coarsest level's networks, fully connected as chapter 6's MLP GAN (`MLPImageGANRecipe`)
/// and as Denton et al.'s coarsest level: G_K reads [z | y] (noise, and the one-hot class of a
/// CC-LAPGAN) through ReLU layers of `widths` and returns a `side` × `side` image in (−1, 1);
/// D_K reads [y | image] through leaky-ReLU layers with dropout and returns a logit.
public func lapganCoarsestLevel<R: RandomNumberGenerator>(side: Int, noiseDimension: Int, widths: [Int], dropout: Float,
                                                          classes: Int?, using rng: inout R) -> GAN {
  let classColumns = classes ?? 0
  let generator = Sequential(
    Sequential.perceptron([noiseDimension + classColumns] + widths + [side * side], hidden: .relu, output: .tanh, using: &rng),
    Unflatten([1, side, side]))
  let discriminator = Sequential(
    Flatten(),
    Sequential.perceptron([classColumns + side * side] + widths + [1], hidden: .leakyRelu(slope: 0.2), dropout: dropout,
                          using: &rng))
  return GAN(generator: generator, discriminator: discriminator, noiseDimension: noiseDimension)
}

/// A finer level's networks, for images of `side` × `side` with `channels` hidden channels.
/// - G_k reads [z | y | l]: a plane of noise z_k (Denton et al. give their convolutional
///   generators the noise as one more colour plane), the one-hot class y of a CC-LAPGAN, and the upsampled
///   coarser image l_k; three 3 × 3 convolutions that keep the size return a residual h̃_k,
///   with nothing squashing the output, since a residual has either sign.
/// - D_k reads [y | l | h], a residual beside the image it was conditioned on, and returns a
///   logit: is l_k + h real? Two 4 × 4 convolutions with stride 2, then one linear read-out.
public func lapganLevel<R: RandomNumberGenerator>(side: Int, channels c: Int, classes: Int?, using rng: inout R) -> GAN {
  let classPlanes: [StackedPlanes.Segment] = classes.map { [.constants($0)] } ?? []
  let generatorInput = StackedPlanes([.planes(1)] + classPlanes + [.planes(1)], height: side, width: side)
  let generator = Sequential(
    generatorInput,
    RadfordInitialisation.convolution(generatorInput.channels, c, kernel: 3, stride: 1, padding: 1, using: &rng),
    RadfordInitialisation.batchNorm2d(c, using: &rng), Activation.relu,
    RadfordInitialisation.convolution(c, c, kernel: 3, stride: 1, padding: 1, using: &rng),
    RadfordInitialisation.batchNorm2d(c, using: &rng), Activation.relu,
    RadfordInitialisation.convolution(c, 1, kernel: 3, stride: 1, padding: 1, using: &rng))
  let discriminatorInput = StackedPlanes(classPlanes + [.planes(2)], height: side, width: side)
  let reduced = side / 2 / 2  // a 4 × 4 convolution with stride 2 and padding 1 maps n to ⌊n / 2⌋
  let discriminator = Sequential(
    discriminatorInput,
    RadfordInitialisation.convolution(discriminatorInput.channels, c, using: &rng), Activation.leakyRelu(slope: 0.2),
    RadfordInitialisation.convolution(c, 2 * c, using: &rng), RadfordInitialisation.batchNorm2d(2 * c, using: &rng),
    Activation.leakyRelu(slope: 0.2), Flatten(), RadfordInitialisation.linear(2 * c * reduced * reduced, 1, using: &rng))
  return GAN(generator: generator, discriminator: discriminator, noiseDimension: side * side)
}

/// What each level of a LAPGAN learns from, finest first, made from real images
/// `[n, 1, side, side]` through their Laplacian pyramids (`levels` downsamplings), and for a
/// CC-LAPGAN from their labels among `classes`:
/// - level k < K: pairs of a condition y = [one-hot class | l_k], with l_k = u(I_{k+1}) the
///   upsampled coarser real image, and a target residual h_k = I_k − l_k;
/// - level K: the coarsest real images I_K (with the one-hot class as their condition).
/// Every condition is made from real images, never from a generator, so each level trains on
/// its own and no gradient crosses levels.
public func lapganTrainingExamples(images: Tensor, labels: (labels: [Int], classes: Int)?,
                                   levels: Int) -> [any AdversarialExamples] {
  precondition(images.shape.count == 4 && images.shape[1] == 1,
               "lapganTrainingExamples: needs grey images [n, 1, height, width], got \(images.shape)")
  let n = images.rows
  let y = labels.map { oneHot($0.labels, classes: $0.classes) }
  let gaussian = LaplacianPyramid.gaussian(images, levels: levels)
  var examples: [any AdversarialExamples] = (0..<levels).map { k in
    let (height, width) = (gaussian[k].shape[2], gaussian[k].shape[3])
    let upsampled = LaplacianPyramid.upsample(gaussian[k + 1], height: height, width: width)
    let condition = upsampled.reshaped([n, height * width])
    return ConditionalPairs(conditions: y.map { Tensor.concatenatingColumns([$0, condition]) } ?? condition,
                            targets: gaussian[k] - upsampled)
  }
  if let y {
    examples.append(ConditionalPairs(conditions: y, targets: gaussian[levels]))
  } else {
    examples.append(gaussian[levels])
  }
  return examples
}

/// A trained (or fresh) LAPGAN: its levels' GANs, finest first, and how to sample from it.
public struct LAPGAN {
  /// G_k and D_k for k = 0 (the finest, full-size level) … K (the coarsest).
  public let levels: [GAN]
  /// The sides of the levels' images, finest first.
  public let sides: [Int]
  /// The classes of a CC-LAPGAN; nil for an unconditional LAPGAN.
  public let classes: Int?

  public init(levels: [GAN], sides: [Int], classes: Int?) {
    precondition(levels.count == sides.count, "LAPGAN: \(levels.count) levels and \(sides.count) sides")
    self.levels = levels
    self.sides = sides
    self.classes = classes
  }

  /// The trainable scalars of all the generators together.
  public var generatorParameterCount: Int { levels.reduce(0) { $0 + $1.generator.parameterCount } }

  /// The sampling chain of Denton et al. Eq. 5, coarse to fine: Ĩ_K = G_K(z_K), then for
  /// k = K − 1 … 0, Ĩ_k = u(Ĩ_{k+1}) + G_k(z_k, u(Ĩ_{k+1})), every G in evaluation mode and
  /// every z fresh. For a CC-LAPGAN, `labels` gives each sample's class (and the count); for a
  /// LAPGAN, `count` gives the count. With `residuals: false` the finer levels add nothing, so
  /// the samples are G_K's images upsampled and blurred (the control of chapter 8).
  public func sample<R: RandomNumberGenerator>(count: Int? = nil, labels: [Int]? = nil, residuals: Bool = true,
                                               using rng: inout R) -> LAPGANSamplingChain {
    precondition((labels == nil) == (classes == nil), "LAPGAN.sample: a CC-LAPGAN needs labels and a LAPGAN a count")
    let n = labels?.count ?? count!
    let y = labels.map { oneHot($0, classes: classes!) }
    let coarsest = levels.count - 1
    var image = levels[coarsest].generate(levels[coarsest].noiseBatch(n, using: &rng), conditions: y)
    var images = [image]
    var (upsampled, residual) = ([Tensor](), [Tensor]())
    for k in (0..<coarsest).reversed() {
      let l = LaplacianPyramid.upsample(image, height: sides[k], width: sides[k])
      let condition = l.reshaped([n, sides[k] * sides[k]])
      let z = levels[k].noiseBatch(n, using: &rng)
      let h = residuals
        ? levels[k].generate(z, conditions: y.map { Tensor.concatenatingColumns([$0, condition]) } ?? condition)
        : Tensor(zeros: l.shape)
      image = l + h
      images.insert(image, at: 0)
      upsampled.insert(l, at: 0)
      residual.insert(h, at: 0)
    }
    return LAPGANSamplingChain(images: images, upsampled: upsampled, residuals: residual)
  }
}

/// Every stage of LAPGAN sampling, finest first.
public struct LAPGANSamplingChain {
  /// Ĩ_k for k = 0 … K: `images[0]` are the samples, `images[K]` the coarsest images.
  public let images: [Tensor]
  /// l_k = u(Ĩ_{k+1}) for k = 0 … K − 1.
  public let upsampled: [Tensor]
  /// h̃_k = G_k(z_k, l_k) for k = 0 … K − 1.
  public let residuals: [Tensor]

  /// The full-size samples Ĩ_0.
  public var samples: Tensor { images[0] }
}
