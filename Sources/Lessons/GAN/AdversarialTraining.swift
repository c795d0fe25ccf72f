/// How a GAN is trained: the training half of a recipe, as data. `AdversarialTrainer` carries it
/// out; the networks are the other half (a recipe's `makeGAN`).
public struct AdversarialTraining: Sendable, Equatable {
  /// The optimizer of each network: D and G each get a fresh one of this kind.
  public var optimizer: OptimizerChoice
  /// Examples per minibatch.
  public var batchSize: Int
  /// k, the discriminator steps per generator step (Goodfellow et al. 2014, Algorithm 1): the
  /// generator steps after every k-th discriminator step.
  public var discriminatorSteps: Int
  /// The cost the generator minimises (§3).
  public var cost: GeneratorCost
  /// Whether D sees the real and the generated batch stacked in one pass or in two.
  public var passes: DiscriminatorPasses
  /// Whether G makes the discriminator step's samples in training mode (dropout on, batch
  /// statistics in batch normalisation) rather than in evaluation mode. The generator step always
  /// runs G in training mode.
  public var fakesInTrainingMode: Bool
  /// Where the generator step's samples come from: fresh noise, as in Algorithm 1, or the
  /// discriminator step's own batch of G's samples, as Radford et al.'s DCGAN code does (which
  /// needs `fakesInTrainingMode`: G's update must see G in training mode).
  public var generatorSamples: GeneratorSamples
  /// The model's name in a `TrainingDiverged` message, e.g. "the conditional GAN".
  public var model: String
  /// When set, the generator steps against the discriminator unrolled K steps ahead, with the
  /// gradient through the unrolled steps (Metz et al. 2016; `unrolledGeneratorStep`), on fresh
  /// noise and the iteration's real batch; nil for the ordinary generator step.
  public var unrolling: Unrolling?

  public init(optimizer: OptimizerChoice, batchSize: Int, discriminatorSteps: Int = 1,
              cost: GeneratorCost = .nonSaturating, passes: DiscriminatorPasses = .stacked,
              fakesInTrainingMode: Bool = false, generatorSamples: GeneratorSamples = .freshNoise,
              model: String = "the GAN", unrolling: Unrolling? = nil) {
    precondition(generatorSamples == .freshNoise || fakesInTrainingMode,
                 "AdversarialTraining: reusing the discriminator step's samples needs fakesInTrainingMode")
    precondition(generatorSamples == .freshNoise || unrolling == nil,
                 "AdversarialTraining: an unrolled generator step draws fresh noise; it cannot reuse the discriminator step's samples")
    self.optimizer = optimizer
    self.batchSize = batchSize
    self.discriminatorSteps = discriminatorSteps
    self.cost = cost
    self.passes = passes
    self.fakesInTrainingMode = fakesInTrainingMode
    self.generatorSamples = generatorSamples
    self.model = model
    self.unrolling = unrolling
  }
}

/// The samples of a generator step.
public enum GeneratorSamples: Sendable, Equatable {
  /// G(z) for fresh noise z (Goodfellow et al. 2014, Algorithm 1: "Sample minibatch of m noise
  /// samples … from noise prior" again for the generator's update).
  case freshNoise
  /// The samples the discriminator step just judged, with their graph through G.
  case discriminatorStepBatch
}
