import Math

/// The one-dimensional GAN of Fig. 1 of Goodfellow et al. 2014, as chapter 2 trains it: G
/// 1 → 32 → 32 → 1 with tanh, D 1 → 64 → 64 → 1 with leaky ReLU (slope 0.2), z ~ U[0, 1],
/// k = 2 discriminator steps per generator step, batch 128, Adam (β₁ = 0.5) with a learning rate
/// decayed linearly from `learningRate` to zero, and the non-saturating generator cost.
///
/// Every step draws a fresh minibatch from the data distribution, so there is no epoch: the
/// training is a number of steps, and the schedule needs that number.
public struct FigureOneGANRecipe: Sendable {
  /// The prior of z.
  public var noise: Distribution1D = .uniform(low: 0, high: 1)
  /// The learning rate at the first step; the schedule (`learningRate(atStep:of:)`) sets both
  /// optimizers' rate from it before every step, overriding `training.optimizer`'s.
  public var learningRate: Float = 0.001
  public var training = AdversarialTraining(optimizer: .adam(learningRate: 0.001, beta1: 0.5), batchSize: 128,
                                            discriminatorSteps: 2)

  public init() {}

  /// Fresh networks with the recipe's architecture, initialised from `rng` (G first, then D).
  public func makeGAN<R: RandomNumberGenerator>(using rng: inout R) -> GAN {
    GAN(generator: .perceptron([1, 32, 32, 1], hidden: .tanh, using: &rng),
        discriminator: .perceptron([1, 64, 64, 1], hidden: .leakyRelu(slope: 0.2), using: &rng),
        noise: noise, noiseDimension: 1)
  }

  /// The linear decay: `learningRate · (steps − step)/steps` at `step` in 1...`steps`, so the
  /// first step runs just below the full rate and the last at 0.
  public func learningRate(atStep step: Int, of steps: Int) -> Float {
    learningRate * (Float(steps - step) / Float(steps))
  }

  /// Trains a fresh GAN (`makeGAN`) for `steps` iterations of `AdversarialTrainer`, each on
  /// `training.batchSize` fresh samples of `data` as a column, after setting both learning rates
  /// by the schedule; returns it. `afterStep(step, gan, &rng)` runs after every step and may draw
  /// from the training's stream (a chapter that pauses the training to look at it does).
  /// - Throws: `TrainingDiverged` when a loss is not finite, or whatever `afterStep` throws.
  public func train<R: RandomNumberGenerator>(
    sampling data: Distribution1D, steps: Int, using rng: inout R,
    afterStep: (Int, GAN, inout R) throws -> Void = { _, _, _ in }
  ) throws -> GAN {
    let gan = makeGAN(using: &rng)
    var trainer = AdversarialTrainer(gan: gan, training: training)
    for step in 1...steps {
      let rate = learningRate(atStep: step, of: steps)
      trainer.discriminatorOptimizer.learningRate = rate
      trainer.generatorOptimizer.learningRate = rate
      _ = try trainer.train(on: Tensor(column: data.sample(training.batchSize, using: &rng)), using: &rng)
      try afterStep(step, gan, &rng)
    }
    return gan
  }
}
