import Math

/// The multilayer-perceptron GAN of Goodfellow et al. 2014 for 28 × 28 images (their MNIST
/// model), as far as the workbook's layers go: G maps 100 noise coordinates through two hidden
/// layers of 1200 ReLU units to 784 pixels; D reads the 784 pixels through two hidden layers of
/// 1200 units to one logit, with dropout. Their D used maxout units (240 units of 5 pieces: 1200
/// linear pieces a layer); here each layer is 1200 leaky-ReLU units (slope 0.2), the same number
/// of linear pieces. Their G's output was a sigmoid for pixels in [0, 1]; here a tanh for pixels in
/// [−1, 1], as for the DCGAN. Trained with Adam (2·10⁻⁴, β₁ = 0.5) in batches of 64, like the
/// DCGAN, so that the two differ only in their networks.
public struct MLPImageGANRecipe: Sendable {
  public var noiseDimension = 100
  public var hiddenUnits = 1200
  public var dropout: Float = 0.5
  public var training = AdversarialTraining(optimizer: .adam(learningRate: 2e-4, beta1: 0.5), batchSize: 64,
                                            model: "the MLP GAN")

  public init() {}

  /// Fresh networks: G noise `[batch, 100]` → images `[batch, 1, 28, 28]`; D images → one logit.
  public func makeGAN<R: RandomNumberGenerator>(using rng: inout R) -> GAN {
    let h = hiddenUnits
    let generator = Sequential(
      Sequential.perceptron([noiseDimension, h, h, 784], hidden: .relu, output: .tanh, using: &rng), Unflatten([1, 28, 28]))
    let discriminator = Sequential(
      Flatten(), Sequential.perceptron([784, h, h, 1], hidden: .leakyRelu(slope: 0.2), dropout: dropout, using: &rng))
    return GAN(generator: generator, discriminator: discriminator, noiseDimension: noiseDimension)
  }
}
