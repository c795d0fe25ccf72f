import Math

/// The deep convolutional GAN of Radford, Metz and Chintala 2015 (the tutorial paper §V),
/// adapted to 28 × 28 grey images such as Fashion-MNIST. Their guidelines, each kept here:
/// - strided convolutions instead of pooling: D halves the image with stride-2 convolutions
///   (28 → 14 → 7), G doubles it with stride-2 transposed convolutions (7 → 14 → 28);
/// - batch normalisation in both networks, except G's output layer and D's input layer;
/// - no fully connected hidden layers: G's first layer projects z to 128 maps of 7 × 7 and D's
///   last layer reads its 128 maps into one logit;
/// - ReLU in G, tanh at its output (images scaled to [−1, 1]); leaky ReLU with slope 0.2 in D;
/// - weights from N(0, 0.02), Adam with learning rate 2·10⁻⁴ and β₁ = 0.5, batches of 64.
///
/// G: z (64) → Linear → 128 × 7 × 7 → BN, ReLU → ConvT 4/2 → 64 × 14 × 14 → BN, ReLU
///    → ConvT 4/2 → 1 × 28 × 28 → tanh.
/// D: 1 × 28 × 28 → Conv 4/2 → 64 × 14 × 14 → leaky ReLU → Conv 4/2 → 128 × 7 × 7 → BN,
///    leaky ReLU → Linear → logit.
/// The same networks as bench/reference/ref_dcgan.py, which times them in PyTorch.
///
/// D sees the real and the generated batch in separate passes, so that batch normalisation
/// normalises each batch by its own statistics, as Radford et al.'s code does; G makes the
/// discriminator step's samples in training mode (batch statistics), and the generator step
/// reuses them, as their code does, rather than drawing fresh noise.
public struct DCGANRecipe: Sendable {
  /// The number of noise coordinates, each N(0, 1).
  public var noiseDimension = 64
  /// The channels of G's and D's 7 × 7 and 14 × 14 feature maps.
  public var coarseChannels = 128
  public var fineChannels = 64
  /// The channels of the images (1 for grey).
  public var imageChannels = 1
  public var training = AdversarialTraining(optimizer: .adam(learningRate: 2e-4, beta1: 0.5), batchSize: 64,
                                            passes: .separate, fakesInTrainingMode: true,
                                            generatorSamples: .discriminatorStepBatch, model: "the DCGAN")

  public init() {}

  /// G: noise `[batch, noiseDimension]` (with `conditionWidth` more columns for a conditional
  /// G) → images `[batch, imageChannels, 28, 28]` in (−1, 1).
  public func makeGenerator<R: RandomNumberGenerator>(conditionWidth: Int = 0, using rng: inout R) -> Sequential {
    let (c, f) = (coarseChannels, fineChannels)
    return Sequential(
      RadfordInitialisation.linear(noiseDimension + conditionWidth, c * 7 * 7, using: &rng),
      Unflatten([c, 7, 7]), RadfordInitialisation.batchNorm2d(c, using: &rng), Activation.relu,
      RadfordInitialisation.transposedConvolution(c, f, using: &rng),
      RadfordInitialisation.batchNorm2d(f, using: &rng), Activation.relu,
      RadfordInitialisation.transposedConvolution(f, imageChannels, using: &rng), Activation.tanh)
  }

  /// D: images `[batch, inputChannels, 28, 28]` → one logit per image.
  public func makeDiscriminator<R: RandomNumberGenerator>(inputChannels: Int? = nil, using rng: inout R) -> Sequential {
    let (c, f) = (coarseChannels, fineChannels)
    return Sequential(
      RadfordInitialisation.convolution(inputChannels ?? imageChannels, f, using: &rng), Activation.leakyRelu(slope: 0.2),
      RadfordInitialisation.convolution(f, c, using: &rng), RadfordInitialisation.batchNorm2d(c, using: &rng),
      Activation.leakyRelu(slope: 0.2), Flatten(), RadfordInitialisation.linear(c * 7 * 7, 1, using: &rng))
  }

  /// Fresh networks with the recipe's architecture, initialised from `rng`.
  public func makeGAN<R: RandomNumberGenerator>(using rng: inout R) -> GAN {
    GAN(generator: makeGenerator(using: &rng), discriminator: makeDiscriminator(using: &rng),
        noiseDimension: noiseDimension)
  }
}

/// Layers initialised as Radford et al. 2015 initialise them (§4: "All weights were initialized
/// from a zero-centered Normal distribution with standard deviation 0.02"): weights from
/// N(0, 0.02), biases 0, batch normalisation's scale γ from N(1, 0.02) and shift β 0 (their
/// code's choice). The kernels are 4 × 4 with stride 2 and padding 1, halving or doubling a side.
public enum RadfordInitialisation {
  static let weights = Distribution1D.normal(mean: 0, sd: 0.02)

  static func draw<R: RandomNumberGenerator>(_ shape: [Int], from d: Distribution1D = weights, using rng: inout R) -> Tensor {
    d.tensor(rows: 1, columns: shape.reduce(1, *), using: &rng).reshaped(shape)
  }

  public static func linear<R: RandomNumberGenerator>(_ inputs: Int, _ outputs: Int, using rng: inout R) -> Linear {
    Linear(weight: draw([inputs, outputs], using: &rng), bias: Tensor(zeros: [1, outputs]))
  }

  /// A convolution, by default 4 × 4 with stride 2 and padding 1: 28 → 14 → 7. (A 3 × 3 kernel
  /// with stride 1 and padding 1 keeps the size.)
  public static func convolution<R: RandomNumberGenerator>(_ channels: Int, _ outputs: Int, kernel: Int = 4, stride: Int = 2,
                                                           padding: Int = 1, using rng: inout R) -> Conv2d {
    Conv2d(weight: draw([outputs, channels, kernel, kernel], using: &rng), bias: Tensor(zeros: [outputs]),
           stride: stride, padding: padding)
  }

  /// A 4 × 4 transposed convolution with stride 2 and padding 1: 7 → 14 → 28.
  public static func transposedConvolution<R: RandomNumberGenerator>(_ channels: Int, _ outputs: Int,
                                                                     using rng: inout R) -> ConvTranspose2d {
    ConvTranspose2d(weight: draw([channels, outputs, 4, 4], using: &rng), bias: Tensor(zeros: [outputs]),
                    stride: 2, padding: 1)
  }

  public static func batchNorm2d<R: RandomNumberGenerator>(_ channels: Int, using rng: inout R) -> BatchNorm2d {
    let layer = BatchNorm2d(channels)
    layer.scale.value = draw([1, channels], from: .normal(mean: 1, sd: 0.02), using: &rng)
    return layer
  }
}
