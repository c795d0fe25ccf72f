import Math

/// Losses of one training iteration, or their means over an epoch, for curves and progress.
public struct StepLosses: Sendable, Equatable {
  public var discriminator: Double
  /// nil when the generator did not step (k > 1), or no step of the epoch trained it.
  public var generator: Double?

  public init(discriminator: Double, generator: Double?) {
    self.discriminator = discriminator
    self.generator = generator
  }
}

/// Algorithm 1 of Goodfellow et al. 2014, the one adversarial training loop of the workbook.
/// Every iteration takes a minibatch of real examples and
/// 1. draws as many noise vectors and makes G's samples from them (evaluation mode, unless the
///    training says otherwise);
/// 2. takes one `discriminatorStep` on the real and the generated batch;
/// 3. after every k-th discriminator step, draws fresh noise and takes one `generatorStep` (or,
///    when the training says so, takes it on the samples of step 1, or unrolls D first:
///    `unrolledGeneratorStep`, on this iteration's real batch).
///
/// Everything else is data: the optimizers, k, the generator's cost and how D sees the two
/// batches come from an `AdversarialTraining`; plain and conditional GANs differ only in their
/// examples (`AdversarialExamples`). The trainer uses the networks only as `Layer`s and the
/// optimizers only as `Optimizer`s, so any architecture and optimizer fits.
///
/// It trains fused copies of G and D (`Sequential.fused()`, made once here), which share their
/// parameters with `gan` and compute the same numbers faster; `gan` itself, with its layers as
/// built, is what callbacks and chapters inspect.
public struct AdversarialTrainer {
  /// The GAN being trained.
  public let gan: GAN
  public let training: AdversarialTraining
  /// D's optimizer, made from `training.optimizer`; a schedule may change its learning rate
  /// between steps.
  public var discriminatorOptimizer: any Optimizer
  /// G's optimizer, made from `training.optimizer`.
  public var generatorOptimizer: any Optimizer
  /// Iterations (discriminator steps) so far.
  public private(set) var step = 0
  /// `gan` with fused networks.
  private let fused: GAN

  public init(gan: GAN, training: AdversarialTraining) {
    precondition(training.discriminatorSteps >= 1,
                 "AdversarialTrainer: k must be ≥ 1, got \(training.discriminatorSteps)")
    precondition(training.batchSize >= 1, "AdversarialTrainer: batch size must be ≥ 1, got \(training.batchSize)")
    self.gan = gan
    self.training = training
    discriminatorOptimizer = training.optimizer.makeOptimizer(for: gan.discriminator.parameters)
    generatorOptimizer = training.optimizer.makeOptimizer(for: gan.generator.parameters)
    fused = GAN(generator: gan.generator.fused(), discriminator: gan.discriminator.fused(), noise: gan.noise,
                noiseDimension: gan.noiseDimension)
  }

  /// One iteration on a minibatch of real examples.
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  public mutating func train<R: RandomNumberGenerator>(on batch: some AdversarialExamples,
                                                       using rng: inout R) throws -> StepLosses {
    step += 1
    let (real, y) = batch.samplesAndConditions
    let z = fused.noiseBatch(real.rows, using: &rng)
    var samples: Variable? = fused.generator(Variable(generatorInput(noise: z, conditions: y)),
                                             training: training.fakesInTrainingMode)
    let fake = samples!.value
    // Keep G's graph only for a generator step on these samples: a graph that lives on shares
    // G's parameters, which the optimizer would then copy before updating them.
    if training.generatorSamples == .freshNoise { samples = nil }
    let dLoss = discriminatorStep(fused.discriminator, optimizer: &discriminatorOptimizer,
                                  real: discriminatorInput(conditions: y, samples: Variable(real)).value,
                                  fake: discriminatorInput(conditions: y, samples: Variable(fake)).value,
                                  passes: training.passes)
    try finite(dLoss, "the discriminator's loss", step: step, of: training.model)
    guard step % training.discriminatorSteps == 0 else { return StepLosses(discriminator: dLoss, generator: nil) }
    let gLoss = switch training.generatorSamples {
    case .freshNoise:
      if let unrolling = training.unrolling {
        // With D's layers as built, so that its rectifiers can be gated (`unrolledGeneratorGradient`).
        unrolledGeneratorStep(GAN(generator: fused.generator, discriminator: gan.discriminator, noise: gan.noise,
                                  noiseDimension: gan.noiseDimension),
                              optimizer: &generatorOptimizer, real: real, noise: fused.noiseBatch(real.rows, using: &rng),
                              conditions: y, cost: training.cost, passes: training.passes, unrolling: unrolling)
      } else {
        generatorStep(fused, optimizer: &generatorOptimizer, noise: fused.noiseBatch(real.rows, using: &rng),
                      conditions: y, cost: training.cost)
      }
    case .discriminatorStepBatch:
      generatorStepOnSamples(fused, optimizer: &generatorOptimizer, samples: samples!, conditions: y, cost: training.cost)
    }
    try finite(gLoss, "the generator's loss", step: step, of: training.model)
    return StepLosses(discriminator: dLoss, generator: gLoss)
  }

  /// One epoch: an iteration on each minibatch of `data` in a shuffled order (`minibatches`,
  /// whose order is drawn before the first iteration). `onStep` sees every iteration's losses.
  /// Returns the epoch's mean losses (the generator's over the iterations that trained it).
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  @discardableResult
  public mutating func trainEpoch<R: RandomNumberGenerator>(
    on data: some AdversarialExamples, using rng: inout R, onStep: (StepLosses) -> Void = { _ in }
  ) throws -> StepLosses {
    var (dSum, gSum, dCount, gCount) = (0.0, 0.0, 0, 0)
    for batch in minibatches(of: data, size: training.batchSize, using: &rng) {
      let losses = try train(on: batch, using: &rng)
      onStep(losses)
      dSum += losses.discriminator
      dCount += 1
      if let g = losses.generator { gSum += g; gCount += 1 }
    }
    return StepLosses(discriminator: dSum / Double(max(dCount, 1)),
                      generator: gCount > 0 ? gSum / Double(gCount) : nil)
  }

  /// `epochs` epochs on `data`; `onEpoch(epoch, meanLosses)` after each, and
  /// `onStep(step, losses)` after every iteration, its steps counted from 1 across the epochs
  /// (for a progress bar).
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  public mutating func train<R: RandomNumberGenerator>(
    on data: some AdversarialExamples, epochs: Int, using rng: inout R,
    onEpoch: (Int, StepLosses) -> Void = { _, _ in }, onStep: (Int, StepLosses) -> Void = { _, _ in }
  ) throws {
    var step = 0
    for epoch in 0..<epochs {
      onEpoch(epoch + 1, try trainEpoch(on: data, using: &rng) { losses in
        step += 1
        onStep(step, losses)
      })
    }
  }

  /// `steps` iterations, each on a minibatch drawn from `data` with replacement
  /// (`minibatch(drawnFrom:size:using:)`); `onStep(step, losses)` after each.
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  public mutating func train<R: RandomNumberGenerator>(
    drawingFrom data: some AdversarialExamples, steps: Int, using rng: inout R,
    onStep: (Int, StepLosses) -> Void = { _, _ in }
  ) throws {
    for _ in 0..<steps {
      let losses = try train(on: minibatch(drawnFrom: data, size: training.batchSize, using: &rng), using: &rng)
      onStep(step, losses)
    }
  }
}
