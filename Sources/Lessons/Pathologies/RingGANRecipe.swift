import Math

/// A GAN for two-dimensional data such as the ring of Gaussians of Metz et al. 2016: G and D
/// are multilayer perceptrons, trained with one discriminator and one generator step per
/// minibatch. The knobs are the ones chapter 4 turns: D's activation (ReLU or leaky ReLU),
/// minibatch discrimination in D, the generator's cost, the optimizer and its learning rate.
public struct RingGANRecipe: Sendable {
  public enum OptimizerChoice: Sendable, Equatable {
    case adam(learningRate: Float, beta1: Float)
    case sgd(learningRate: Float, momentum: Float)
  }

  public var noiseDimension = 2
  public var generatorWidths = [64, 64]
  public var discriminatorWidths = [64, 64]
  public var discriminatorActivation: Activation = .relu
  /// Kernels and kernel dimension of a minibatch-discrimination layer before D's output; nil
  /// for a plain discriminator.
  public var minibatchDiscrimination: (kernels: Int, dimension: Int)? = nil
  public var cost: GeneratorCost = .nonSaturating
  public var optimizer: OptimizerChoice = .adam(learningRate: 2e-3, beta1: 0.5)
  public var batchSize = 64

  public init() {}

  /// Fresh networks, initialised from `rng`: G z → … → 2 with ReLU, D 2 → … → 1 (a logit).
  public func makeGAN<R: RandomNumberGenerator>(using rng: inout R) -> GAN {
    let generator = Sequential.perceptron([noiseDimension] + generatorWidths + [2], using: &rng)
    var layers: [any Layer] = []
    var width = 2
    for w in discriminatorWidths {
      layers.append(Linear(width, w, using: &rng))
      layers.append(discriminatorActivation)
      width = w
    }
    if let mbd = minibatchDiscrimination {
      let layer = MinibatchDiscrimination(inputs: width, kernels: mbd.kernels, kernelDimension: mbd.dimension, using: &rng)
      layers.append(layer)
      width = layer.outputs
    }
    layers.append(Linear(width, 1, using: &rng))
    return GAN(generator: generator, discriminator: Sequential(layers), noise: .normal(mean: 0, sd: 1),
               noiseDimension: noiseDimension)
  }

  func makeOptimizer(_ parameters: [Variable]) -> any Optimizer {
    switch optimizer {
    case let .adam(lr, beta1): Adam(parameters, learningRate: lr, beta1: beta1)
    case let .sgd(lr, momentum): SGD(parameters, learningRate: lr, momentum: momentum)
    }
  }

  /// Trains `gan` for `steps` minibatches drawn with replacement from `data` `[N, 2]`.
  /// `onStep(step, gan)` runs after every step (for snapshots and measurements).
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  public func train<R: RandomNumberGenerator>(
    _ gan: GAN, on data: Tensor, steps: Int, using rng: inout R,
    onStep: (Int, GAN) -> Void = { _, _ in }
  ) throws {
    let fused = GAN(generator: gan.generator.fused(), discriminator: gan.discriminator.fused(), noise: gan.noise,
                    noiseDimension: gan.noiseDimension)
    var dOptimizer = makeOptimizer(gan.discriminator.parameters)
    var gOptimizer = makeOptimizer(gan.generator.parameters)
    for step in 1...steps {
      let real = data.gatheringRows((0..<batchSize).map { _ in Int.random(in: 0..<data.rows, using: &rng) })
      let fake = fused.generate(gan.noiseBatch(batchSize, using: &rng))
      let dLoss = discriminatorStepOnSeparateBatches(fused.discriminator, optimizer: &dOptimizer, real: real, fake: fake)
      guard dLoss.isFinite else { throw TrainingDiverged(step: step, what: "the discriminator's loss") }
      let gLoss = generatorStep(fused, optimizer: &gOptimizer, noise: gan.noiseBatch(batchSize, using: &rng), cost: cost)
      guard gLoss.isFinite else { throw TrainingDiverged(step: step, what: "the generator's loss") }
      onStep(step, gan)
    }
  }
}

/// A discriminator update like `discriminatorStep`, but with the real and the generated batch
/// passed through D separately, as minibatch discrimination needs (Salimans et al. 2016: a
/// batch mixing real and generated samples would let D compare them with each other).
@discardableResult
public func discriminatorStepOnSeparateBatches(_ discriminator: Sequential, optimizer: inout some Optimizer,
                                                real: Tensor, fake: Tensor) -> Double {
  let loss = withGradients {
    discriminatorLoss(realLogits: discriminator(Variable(real), training: true),
                      fakeLogits: discriminator(Variable(fake), training: true))
  }
  optimizer.step()
  return Double(loss)
}
