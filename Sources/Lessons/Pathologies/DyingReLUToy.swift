import Math

/// Chapter 4's one-dimensional toy for dying ReLUs (tutorial paper §VI, "ReLU vs. Leaky
/// ReLU"): train a GAN on 1D data and watch, at G's own samples, whether D still passes back a
/// gradient.

/// One run of the toy, measured at initialisation (step 0) and at the checkpoints.
public struct DyingReLURun: Sendable {
  /// The step of each measurement: 0, then every `steps / checkpoints` steps.
  public var steps: [Int] = []
  /// The share of G's samples at which D's input gradient is exactly 0 (`zeroInputGradientFraction`).
  public var zeroGradient: [Double] = []
  /// G: the 1-Wasserstein distance between its samples and the data.
  public var distance: [Double] = []
  /// D: the share of dead units on 256 real and 256 generated points (`deadUnitFraction`).
  public var dead: [Double] = []
}

/// Trains a fresh GAN of `recipe` (1D: `dataDimension` 1) on `data` `[N, 1]` for `steps` steps,
/// measuring on 500 samples from fixed noise (`data` needs ≥ 256 rows). Draws G and D, the fixed
/// noise and then the training's minibatches from `rng`, in that order.
/// - Throws: `TrainingDiverged` when a loss is not finite.
public func trainDyingReLUToy(_ recipe: RingGANRecipe, on data: Tensor, steps: Int, checkpoints: Int,
                              using rng: SeededGenerator) throws -> DyingReLURun {
  var jobRng = rng
  let gan = recipe.makeGAN(using: &jobRng)
  let fixedNoise = gan.noiseBatch(500, using: &jobRng)
  let dataValues = data.scalars.map(Double.init)
  var out = DyingReLURun()
  func measure(_ step: Int, _ g: GAN) {
    let samples = g.generate(fixedNoise)
    out.steps.append(step)
    out.zeroGradient.append(zeroInputGradientFraction(of: g.discriminator, at: samples))
    out.distance.append(Statistics.wasserstein1(samples.scalars.map(Double.init), dataValues))
    out.dead.append(deadUnitFraction(of: g.discriminator, probe: Tensor.concatenatingRows([data.rows(0..<256), samples.rows(0..<256)])))
  }
  measure(0, gan)
  let every = max(1, steps / checkpoints)
  try recipe.train(gan, on: data, steps: steps, using: &jobRng) { step, g in
    if step % every == 0 { measure(step, g) }
  }
  return out
}
