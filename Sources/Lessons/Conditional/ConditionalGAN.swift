import Math

/// A conditional GAN (Mirza & Osindero 2014; tutorial paper §IV: "y is given as input to both D
/// and G as a condition"): G maps [z | y] — noise beside the condition — to a sample x, and D
/// judges the pair [y | x], so D can reject a sample that looks real but does not fit its y.
///
/// Here y is the input of a prediction problem (an x-coordinate, a video frame) and x the output
/// (a y-value, the next frame): G(z, y) is a sample from the model's p(x | y).
public struct ConditionalGAN {
  public let generator: Sequential
  public let discriminator: Sequential
  /// The prior p_z of each noise coordinate.
  public let noise: Distribution1D
  public let noiseDimension: Int

  public init(generator: Sequential, discriminator: Sequential, noise: Distribution1D = .normal(mean: 0, sd: 1),
              noiseDimension: Int) {
    self.generator = generator
    self.discriminator = discriminator
    self.noise = noise
    self.noiseDimension = noiseDimension
  }

  /// A batch of noise vectors z, `[count, noiseDimension]`.
  public func noiseBatch<R: RandomNumberGenerator>(_ count: Int, using rng: inout R) -> Tensor {
    noise.tensor(rows: count, columns: noiseDimension, using: &rng)
  }

  /// G(z, y) for one noise row per condition row, in evaluation mode.
  public func generate(conditions y: Tensor, noise z: Tensor) -> Tensor {
    generator.evaluate(generatorInput(noise: z, conditions: y))
  }

  /// One sample G(z, y) per condition row, with fresh noise.
  public func sample<R: RandomNumberGenerator>(conditions y: Tensor, using rng: inout R) -> Tensor {
    generate(conditions: y, noise: noiseBatch(y.rows, using: &rng))
  }
}

/// G's input: the noise and the condition side by side, [z | y] (Mirza & Osindero 2014, §4.1).
public func generatorInput(noise z: Tensor, conditions y: Tensor) -> Tensor {
  Tensor.concatenatingColumns([z, y])
}

/// D's input: the condition and the sample side by side, [y | x]. A Variable, so that in the
/// generator step the gradient reaches x = G(z, y) through D.
public func discriminatorInput(conditions y: Tensor, samples x: Variable) -> Variable {
  Variable.concatenatingColumns([Variable(y), x])
}

/// One discriminator update of the conditional game: real pairs [y | x] against generated pairs
/// [y | G(z, y)] with the same conditions. Returns the loss.
@discardableResult
public func conditionalDiscriminatorStep(_ gan: ConditionalGAN, optimizer: inout some Optimizer,
                                         conditions y: Tensor, real x: Tensor, fake: Tensor) -> Double {
  discriminatorStep(gan.discriminator, optimizer: &optimizer,
                    real: Tensor.concatenatingColumns([y, x]), fake: Tensor.concatenatingColumns([y, fake]))
}

/// One generator update of the conditional game: descend the chosen cost of D(y, G(z, y)), with D
/// frozen. Returns the loss.
@discardableResult
public func conditionalGeneratorStep(_ gan: ConditionalGAN, optimizer: inout some Optimizer,
                                     conditions y: Tensor, noise z: Tensor, cost: GeneratorCost) -> Double {
  frozen(gan.discriminator.parameters) {
    let loss = withGradients {
      let fake = gan.generator(Variable(generatorInput(noise: z, conditions: y)), training: true)
      let logits = gan.discriminator(discriminatorInput(conditions: y, samples: fake), training: true)
      return generatorLoss(fakeLogits: logits, cost: cost)
    }
    optimizer.step()
    return Double(loss)
  }
}

/// Alternating training of a conditional GAN on (condition, target) pairs: one discriminator
/// step and one generator step per minibatch, non-saturating cost.
public struct ConditionalGANTrainer {
  public let gan: ConditionalGAN
  /// `gan` with fused networks (`Sequential.fused()`: the same parameters and dropout streams).
  private let fusedGAN: ConditionalGAN
  public var discriminatorOptimizer: any Optimizer
  public var generatorOptimizer: any Optimizer
  public var cost: GeneratorCost
  public private(set) var step = 0

  public init(gan: ConditionalGAN, discriminatorOptimizer: any Optimizer, generatorOptimizer: any Optimizer,
              cost: GeneratorCost = .nonSaturating) {
    self.gan = gan
    fusedGAN = ConditionalGAN(generator: gan.generator.fused(), discriminator: gan.discriminator.fused(),
                              noise: gan.noise, noiseDimension: gan.noiseDimension)
    self.discriminatorOptimizer = discriminatorOptimizer
    self.generatorOptimizer = generatorOptimizer
    self.cost = cost
  }

  /// Trains on one minibatch of conditions y and real targets x.
  /// - Throws: `TrainingDiverged` when a loss is not finite.
  public mutating func train<R: RandomNumberGenerator>(conditions y: Tensor, targets x: Tensor,
                                                       using rng: inout R) throws -> StepLosses {
    step += 1
    let fake = fusedGAN.generate(conditions: y, noise: gan.noiseBatch(y.rows, using: &rng))
    let dLoss = conditionalDiscriminatorStep(fusedGAN, optimizer: &discriminatorOptimizer, conditions: y, real: x, fake: fake)
    guard dLoss.isFinite else { throw TrainingDiverged(step: step, what: "the discriminator's loss") }
    let gLoss = conditionalGeneratorStep(fusedGAN, optimizer: &generatorOptimizer, conditions: y,
                                         noise: gan.noiseBatch(y.rows, using: &rng), cost: cost)
    guard gLoss.isFinite else { throw TrainingDiverged(step: step, what: "the generator's loss") }
    return StepLosses(discriminator: dLoss, generator: gLoss)
  }
}

/// Matching rows of two tensors (inputs and targets) in a random order, cut into batches of
/// `size` (the last may be smaller).
public func pairedMinibatches<R: RandomNumberGenerator>(_ a: Tensor, _ b: Tensor, size: Int,
                                                        using rng: inout R) -> [(Tensor, Tensor)] {
  precondition(a.rows == b.rows, "pairedMinibatches: \(a.rows) and \(b.rows) rows")
  precondition(size > 0, "pairedMinibatches: batch size must be positive, got \(size)")
  let order = rng.permutation(a.rows)
  return stride(from: 0, to: order.count, by: size).map { start in
    let indices = Array(order[start..<min(start + size, order.count)])
    return (a.gatheringRows(indices), b.gatheringRows(indices))
  }
}
