import Math

/// Losses of one training iteration, for curves and progress display.
public struct StepLosses: Sendable, Equatable {
  public var discriminator: Double
  public var generator: Double?
}

/// Training stopped because a loss or parameter became NaN or infinite.
public struct TrainingDiverged: Error, CustomStringConvertible {
  public let step: Int
  public let what: String
  public var description: String { "\(what) is not finite at step \(step)" }
}

/// One discriminator update: ascend log D(x) + log(1 − D(G(z))) on a real and a generated batch.
/// `fake` is a constant: no gradient reaches the generator. Returns the loss.
@discardableResult
public func discriminatorStep(_ discriminator: Sequential, optimizer: inout some Optimizer,
                              real: Tensor, fake: Tensor) -> Double {
  let loss = withGradients {
    let logits = discriminator(Variable(Tensor.concatenatingRows([real, fake])), training: true)
    return discriminatorLoss(realLogits: logits.rows(0..<real.rows),
                             fakeLogits: logits.rows(real.rows..<(real.rows + fake.rows)))
  }
  optimizer.step()
  return Double(loss)
}

/// One generator update: descend the chosen cost of D(G(z)) through the discriminator, which is
/// frozen: the gradient passes through D to G's samples, and D's parameters stay untouched.
@discardableResult
public func generatorStep(_ gan: GAN, optimizer: inout some Optimizer, noise z: Tensor,
                          cost: GeneratorCost) -> Double {
  frozen(gan.discriminator.parameters) {
    let loss = withGradients {
      let fake = gan.generator(Variable(z), training: true)
      return generatorLoss(fakeLogits: gan.discriminator(fake, training: true), cost: cost)
    }
    optimizer.step()
    return Double(loss)
  }
}

/// Algorithm 1 of Goodfellow et al. 2014 over a finite data set: every minibatch gives one
/// discriminator step; after every `discriminatorSteps` (k) of them, one generator step.
///
/// With k = 1 and Adam this is the training loop of lecture 6's sine example.
public struct GANTrainer {
  public let gan: GAN
  /// `gan` with fused networks (`Sequential.fused()`: the same parameters and dropout streams).
  private let fusedGAN: GAN
  public var discriminatorOptimizer: any Optimizer
  public var generatorOptimizer: any Optimizer
  public var discriminatorSteps: Int
  public var cost: GeneratorCost
  /// Minibatches seen so far.
  public private(set) var step = 0

  public init(gan: GAN, discriminatorOptimizer: any Optimizer, generatorOptimizer: any Optimizer,
              discriminatorSteps: Int = 1, cost: GeneratorCost = .nonSaturating) {
    precondition(discriminatorSteps >= 1, "GANTrainer: k must be ≥ 1, got \(discriminatorSteps)")
    self.gan = gan
    fusedGAN = GAN(generator: gan.generator.fused(), discriminator: gan.discriminator.fused(), noise: gan.noise,
                   noiseDimension: gan.noiseDimension)
    self.discriminatorOptimizer = discriminatorOptimizer
    self.generatorOptimizer = generatorOptimizer
    self.discriminatorSteps = discriminatorSteps
    self.cost = cost
  }

  /// Trains on one real minibatch: a discriminator step, and a generator step when it is due.
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  public mutating func train<R: RandomNumberGenerator>(on real: Tensor, using rng: inout R) throws -> StepLosses {
    step += 1
    let fake = fusedGAN.generate(gan.noiseBatch(real.rows, using: &rng))
    let dLoss = discriminatorStep(fusedGAN.discriminator, optimizer: &discriminatorOptimizer, real: real, fake: fake)
    guard dLoss.isFinite else { throw TrainingDiverged(step: step, what: "the discriminator's loss") }
    guard step % discriminatorSteps == 0 else { return StepLosses(discriminator: dLoss, generator: nil) }
    let gLoss = generatorStep(fusedGAN, optimizer: &generatorOptimizer, noise: gan.noiseBatch(real.rows, using: &rng), cost: cost)
    guard gLoss.isFinite else { throw TrainingDiverged(step: step, what: "the generator's loss") }
    return StepLosses(discriminator: dLoss, generator: gLoss)
  }

  /// One pass over `data` in shuffled minibatches of `batchSize` (the last may be smaller).
  /// `onStep` sees every step's losses (for progress and curves).
  public mutating func trainEpoch<R: RandomNumberGenerator>(
    on data: Tensor, batchSize: Int, using rng: inout R, onStep: (StepLosses) -> Void = { _ in }
  ) throws {
    for batch in minibatches(of: data, size: batchSize, using: &rng) {
      onStep(try train(on: batch, using: &rng))
    }
  }
}

/// The rows of `data` in a random order, cut into batches of `size` (the last may be smaller).
public func minibatches<R: RandomNumberGenerator>(of data: Tensor, size: Int, using rng: inout R) -> [Tensor] {
  precondition(size > 0, "minibatches: batch size must be positive, got \(size)")
  let order = rng.permutation(data.rows)
  return stride(from: 0, to: order.count, by: size).map { start in
    data.gatheringRows(Array(order[start..<min(start + size, order.count)]))
  }
}
