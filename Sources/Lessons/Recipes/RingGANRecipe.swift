import Math

/// A GAN for two-dimensional data such as the ring of Gaussians of Metz et al. 2016: G and D
/// are multilayer perceptrons, trained with one discriminator and one generator step per
/// minibatch drawn with replacement, D seeing the real and the generated batch in separate
/// passes. The knobs are the ones chapter 4 turns: D's activation (ReLU or leaky ReLU),
/// minibatch discrimination in D, unrolling D for G's step, and in `training` the generator's
/// cost, the optimizer and its learning rate.
public struct RingGANRecipe: Sendable {
  public var noiseDimension = 2
  /// The dimension of a data point: 2 for the ring; 1 for chapter 4's one-dimensional toy.
  public var dataDimension = 2
  public var generatorWidths = [64, 64]
  public var discriminatorWidths = [64, 64]
  public var discriminatorActivation: Activation = .relu
  /// Kernels and kernel dimension of a minibatch-discrimination layer before D's output; nil
  /// for a plain discriminator.
  public var minibatchDiscrimination: (kernels: Int, dimension: Int)? = nil
  /// K and η of the unrolled GAN of Metz et al. 2016 (`Unrolling`): G steps against D unrolled
  /// K plain gradient steps of size η ahead; nil for the ordinary generator step. The same
  /// setting as `training.unrolling`.
  public var unrolling: Unrolling? {
    get { training.unrolling }
    set { training.unrolling = newValue }
  }
  public var training = AdversarialTraining(optimizer: .adam(learningRate: 2e-3, beta1: 0.5), batchSize: 64,
                                            passes: .separate, model: "the ring GAN")

  public init() {}

  /// Fresh networks, initialised from `rng`: G z → … → dataDimension with ReLU, D dataDimension → … → 1 (a logit).
  public func makeGAN<R: RandomNumberGenerator>(using rng: inout R) -> GAN {
    let generator = Sequential.perceptron([noiseDimension] + generatorWidths + [dataDimension], using: &rng)
    var layers: [any Layer] = []
    var width = dataDimension
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

  /// Trains `gan` for `steps` minibatches drawn with replacement from `data` `[N, dataDimension]`.
  /// `onStep(step, gan)` runs after every step (for snapshots and measurements).
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  public func train<R: RandomNumberGenerator>(
    _ gan: GAN, on data: Tensor, steps: Int, using rng: inout R,
    onStep: (Int, GAN) -> Void = { _, _ in }
  ) throws {
    var trainer = AdversarialTrainer(gan: gan, training: training)
    try trainer.train(drawingFrom: data, steps: steps, using: &rng) { step, _ in onStep(step, gan) }
  }
}
