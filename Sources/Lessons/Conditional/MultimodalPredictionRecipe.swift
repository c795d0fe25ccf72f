import Math

/// The two models chapter 5 compares on one prediction problem (input y → target x, where x
/// given y has several modes): an MSE regressor f(y), and a conditional GAN G(z, y) with D(y, x).
/// Both are multilayer perceptrons of the same hidden widths, trained with Adam on the same
/// minibatches for the same number of epochs.
public struct MultimodalPredictionRecipe: Sendable {
  /// Width of the input y (the condition).
  public var conditionWidth: Int
  /// Width of the target x.
  public var targetWidth: Int
  /// Hidden widths of every network.
  public var hidden: [Int]
  /// Width of G's noise z.
  public var noiseDimension: Int
  /// The activation on the output of f and G (sigmoid for images in [0, 1]; none for the toy).
  public var output: Activation?
  public var learningRate: Float = 0.001
  /// Adam's β₁ for the GAN (0.5, as Radford et al. 2015 recommend for adversarial training).
  public var ganBeta1: Float = 0.5
  public var batchSize = 64
  /// Dropout rate between D's hidden layers (0: none).
  public var discriminatorDropout: Float = 0
  /// G's hidden activation.
  public var generatorHidden: Activation = .relu

  public init(conditionWidth: Int, targetWidth: Int, hidden: [Int], noiseDimension: Int, output: Activation? = nil) {
    self.conditionWidth = conditionWidth
    self.targetWidth = targetWidth
    self.hidden = hidden
    self.noiseDimension = noiseDimension
    self.output = output
  }

  /// A fresh regressor y → x.
  public func makeRegressor<R: RandomNumberGenerator>(using rng: inout R) -> MeanSquaredErrorRegressor {
    MeanSquaredErrorRegressor(network: .perceptron([conditionWidth] + hidden + [targetWidth], output: output, using: &rng))
  }

  /// A fresh conditional GAN: G [z | y] → x with ReLU, D [y | x] → logit with leaky ReLU.
  public func makeGAN<R: RandomNumberGenerator>(using rng: inout R) -> ConditionalGAN {
    ConditionalGAN(
      generator: .perceptron([noiseDimension + conditionWidth] + hidden + [targetWidth], hidden: generatorHidden,
                             output: output, using: &rng),
      discriminator: .perceptron([conditionWidth + targetWidth] + hidden + [1], hidden: .leakyRelu(slope: 0.2),
                                 dropout: discriminatorDropout, using: &rng),
      noiseDimension: noiseDimension)
  }

  /// Trains a fresh regressor on (y, x) pairs; `onEpoch(epoch, meanLoss)` after every epoch.
  public func trainRegressor<R: RandomNumberGenerator>(
    conditions y: Tensor, targets x: Tensor, epochs: Int, using rng: inout R,
    onEpoch: (Int, Double) -> Void = { _, _ in }
  ) throws -> MeanSquaredErrorRegressor {
    let model = makeRegressor(using: &rng)
    let fused = MeanSquaredErrorRegressor(network: model.network.fused())
    var optimizer = Adam(model.network.parameters, learningRate: learningRate)
    for epoch in 1...max(epochs, 1) {
      var (sum, count) = (0.0, 0)
      for (yb, xb) in pairedMinibatches(y, x, size: batchSize, using: &rng) {
        sum += regressionStep(fused, optimizer: &optimizer, inputs: yb, targets: xb)
        count += 1
      }
      guard sum.isFinite else { throw TrainingDiverged(step: epoch, what: "the regressor's loss") }
      onEpoch(epoch, sum / Double(count))
    }
    return model
  }

  /// Trains a fresh conditional GAN on (y, x) pairs; `onEpoch(epoch, gan, meanLosses)` after
  /// every epoch.
  public func trainGAN<R: RandomNumberGenerator>(
    conditions y: Tensor, targets x: Tensor, epochs: Int, using rng: inout R,
    onEpoch: (Int, ConditionalGAN, StepLosses) -> Void = { _, _, _ in }
  ) throws -> ConditionalGAN {
    let gan = makeGAN(using: &rng)
    var trainer = ConditionalGANTrainer(
      gan: gan,
      discriminatorOptimizer: Adam(gan.discriminator.parameters, learningRate: learningRate, beta1: ganBeta1),
      generatorOptimizer: Adam(gan.generator.parameters, learningRate: learningRate, beta1: ganBeta1))
    for epoch in 1...max(epochs, 1) {
      var (dSum, gSum, count) = (0.0, 0.0, 0)
      for (yb, xb) in pairedMinibatches(y, x, size: batchSize, using: &rng) {
        let losses = try trainer.train(conditions: yb, targets: xb, using: &rng)
        dSum += losses.discriminator
        gSum += losses.generator ?? 0
        count += 1
      }
      onEpoch(epoch, gan, StepLosses(discriminator: dSum / Double(count), generator: gSum / Double(count)))
    }
    return gan
  }
}
