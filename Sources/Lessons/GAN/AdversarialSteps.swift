import Math

/// The two updates of Algorithm 1 of Goodfellow et al. 2014. Every GAN in the workbook is
/// trained by them, through `AdversarialTrainer`.

/// How the discriminator step shows D the real and the generated batch.
public enum DiscriminatorPasses: Sendable, Equatable {
  /// One pass over the two batches stacked into one.
  case stacked
  /// One pass for each batch, as minibatch discrimination needs (Salimans et al. 2016, §3.2): a
  /// batch mixing real and generated samples would let D compare them with each other.
  case separate
}

/// One discriminator update: ascend the stochastic gradient of
/// mean log D(x) + mean log(1 − D(G(z))) on a real and a generated batch, that is, descend
/// `discriminatorLoss` (labels 1 for real, 0 for generated).
///
/// `real` and `fake` are D's inputs: x and G(z), or [y | x] and [y | G(z, y)] for a conditional
/// GAN. They are constants, so no gradient reaches the generator. D runs in training mode
/// (dropout on). Returns the loss before the update.
@discardableResult
public func discriminatorStep(_ discriminator: some Layer, optimizer: inout some Optimizer,
                              real: Tensor, fake: Tensor, passes: DiscriminatorPasses = .stacked) -> Double {
  // BEGIN SOLUTION discriminator-step
  // HINT: inside withGradients { … }, D's logits on real and fake, then discriminatorLoss(realLogits:fakeLogits:); then optimizer.step(); return the loss as a Double. `.stacked`: one pass over Tensor.concatenatingRows([real, fake]), split with logits.rows(_:); `.separate`: one pass per batch
  let loss = withGradients {
    switch passes {
    case .stacked:
      let logits = discriminator(Variable(Tensor.concatenatingRows([real, fake])), training: true)
      return discriminatorLoss(realLogits: logits.rows(0..<real.rows),
                               fakeLogits: logits.rows(real.rows..<(real.rows + fake.rows)))
    case .separate:
      return discriminatorLoss(realLogits: discriminator(Variable(real), training: true),
                               fakeLogits: discriminator(Variable(fake), training: true))
    }
  }
  optimizer.step()
  return Double(loss)
  // END SOLUTION
}

/// One generator update: descend the chosen cost of D(G(z)) (§3: minimax or non-saturating)
/// through the discriminator, which is frozen: the gradient passes through D to G's samples, and
/// D's parameters stay untouched.
///
/// `noise` holds one z per row; for a conditional GAN, `conditions` holds the y of each row, and
/// G reads [z | y] and D [y | G(z, y)]. Both networks run in training mode. Returns the loss
/// before the update.
@discardableResult
public func generatorStep(_ gan: GAN, optimizer: inout some Optimizer, noise z: Tensor,
                          conditions y: Tensor? = nil, cost: GeneratorCost) -> Double {
  // BEGIN SOLUTION generator-step
  // HINT: with D's parameters frozen(…), inside withGradients { … }: G on generatorInput(noise:conditions:), D on discriminatorInput(conditions:samples:), then generatorLoss(fakeLogits:cost:); then optimizer.step(); return the loss as a Double
  frozen(gan.discriminator.parameters) {
    let loss = withGradients {
      let fake = gan.generator(Variable(generatorInput(noise: z, conditions: y)), training: true)
      let logits = gan.discriminator(discriminatorInput(conditions: y, samples: fake), training: true)
      return generatorLoss(fakeLogits: logits, cost: cost)
    }
    optimizer.step()
    return Double(loss)
  }
  // END SOLUTION
}

/// One generator update on samples G has already made, G(z) with its graph: the discriminator
/// step's batch, which Radford et al.'s DCGAN code reuses for the generator's update instead of
/// drawing fresh noise (one pass of G per iteration instead of two). Otherwise as above.
@discardableResult
public func generatorStepOnSamples(_ gan: GAN, optimizer: inout some Optimizer, samples fake: Variable,
                                   conditions y: Tensor? = nil, cost: GeneratorCost) -> Double {
  frozen(gan.discriminator.parameters) {
    let loss = withGradients {
      let logits = gan.discriminator(discriminatorInput(conditions: y, samples: fake), training: true)
      return generatorLoss(fakeLogits: logits, cost: cost)
    }
    optimizer.step()
    return Double(loss)
  }
}
