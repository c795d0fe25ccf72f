import Math

/// The two models chapter 5 compares on one prediction problem (input y → target x, where x
/// given y has several modes): an MSE regressor f(y), and a conditional GAN G(z, y) with D(y, x).
/// Both are multilayer perceptrons of the same hidden widths, trained with Adam on minibatches of
/// the same size for the same number of epochs.
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
  /// Dropout rate between D's hidden layers (0: none).
  public var discriminatorDropout: Float = 0
  /// G's hidden activation.
  public var generatorHidden: Activation = .relu
  /// The conditional GAN's training: Adam with β₁ = 0.5, as Radford et al. 2015 recommend for
  /// adversarial training. The regressor trains on batches of the same size.
  public var training = AdversarialTraining(optimizer: .adam(learningRate: 0.001, beta1: 0.5), batchSize: 64,
                                            model: "the conditional GAN")
  /// The regressor's optimizer: Adam at the GAN's learning rate, with its default β₁.
  public var regressorOptimizer: OptimizerChoice = .adam(learningRate: 0.001)

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

  /// Trains a fresh regressor on (y, x) pairs for `epochs` (at least one); `onEpoch(epoch,
  /// meanLoss)` after every epoch.
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  public func trainRegressor<R: RandomNumberGenerator>(
    conditions y: Tensor, targets x: Tensor, epochs: Int, using rng: inout R,
    onEpoch: (Int, Double) -> Void = { _, _ in }
  ) throws -> MeanSquaredErrorRegressor {
    let model = makeRegressor(using: &rng)
    let fused = MeanSquaredErrorRegressor(network: model.network.fused())
    var optimizer = regressorOptimizer.makeOptimizer(for: model.network.parameters)
    let pairs = ConditionalPairs(conditions: y, targets: x)
    var step = 0
    for epoch in 1...max(epochs, 1) {
      var sum = 0.0
      var count = 0
      for batch in minibatches(of: pairs, size: training.batchSize, using: &rng) {
        step += 1
        let loss = regressionStep(fused, optimizer: &optimizer, inputs: batch.conditions, targets: batch.targets)
        sum += try finite(loss, "the mean squared error", step: step, of: "the MSE regressor")
        count += 1
      }
      onEpoch(epoch, sum / Double(count))
    }
    return model
  }

  /// Trains a fresh conditional GAN on (y, x) pairs for `epochs` (at least one);
  /// `onEpoch(epoch, gan, meanLosses)` after every epoch.
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  public func trainGAN<R: RandomNumberGenerator>(
    conditions y: Tensor, targets x: Tensor, epochs: Int, using rng: inout R,
    onEpoch: (Int, ConditionalGAN, StepLosses) -> Void = { _, _, _ in }
  ) throws -> ConditionalGAN {
    let gan = makeGAN(using: &rng)
    var trainer = AdversarialTrainer(gan: gan.gan, training: training)
    try trainer.train(on: ConditionalPairs(conditions: y, targets: x), epochs: max(epochs, 1), using: &rng) {
      onEpoch($0, gan, $1)
    }
    return gan
  }
}
