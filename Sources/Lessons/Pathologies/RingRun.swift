import Math

/// Chapter 4's runs on the ring of 8 Gaussians (Metz et al. 2016): train a GAN and record, at
/// checkpoints, what a mode census of its samples says, so that mode collapse and mode hopping
/// can be read off afterwards (`dominantModeChanges`).

/// What a census of generated samples reports at one checkpoint (the geometry of the modes is
/// the caller's: see `RingOfGaussians.census` and `.coverage` in Workbook).
public struct ModeCount: Sendable, Equatable {
  public var modesCovered: Int
  /// The share of samples within 3σ of some mode: sample quality, apart from coverage.
  public var quality: Double
  /// The mode holding at least half the samples, if any.
  public var dominantMode: Int?

  public init(modesCovered: Int, quality: Double, dominantMode: Int?) {
    self.modesCovered = modesCovered
    self.quality = quality
    self.dominantMode = dominantMode
  }
}

/// Everything one training run on the ring reports back.
public struct RingRun: Sendable {
  /// The checkpoint steps: every `steps / checkpoints` steps, the last one included.
  public var steps: [Int] = []
  public var modes: [Int] = []
  public var quality: [Double] = []
  public var dominant: [Int?] = []
  /// The first 600 of the samples at every fourth checkpoint.
  public var snapshots: [(step: Int, samples: Tensor)] = []
  /// The fooling experiment on D at the end of training and at the early step, when asked for.
  public var fooled: Fooling? = nil
  public var fooledEarly: Fooling? = nil
}

/// When to fool D during a ring run, and how.
public struct FoolingSchedule {
  /// D is fooled after this step, and after the last.
  public var earlyStep: Int
  public var experiment: (Sequential, inout SeededGenerator) -> Fooling

  public init(earlyStep: Int, experiment: @escaping (Sequential, inout SeededGenerator) -> Fooling) {
    self.earlyStep = earlyStep
    self.experiment = experiment
  }
}

/// Trains a fresh GAN of `recipe` on `data` for `steps` steps and counts the modes of 2000
/// samples from fixed noise at `checkpoints` checkpoints with `count`. From `rng` it draws G and
/// D, the fixed noise, one split-off stream for `fooling`, then the training's minibatches.
/// - Throws: `TrainingDiverged` when a loss is not finite.
public func trainOnRing(_ recipe: RingGANRecipe, on data: Tensor, steps: Int, checkpoints: Int,
                        using rng: SeededGenerator, fooling: FoolingSchedule? = nil,
                        count: (Tensor) -> ModeCount) throws -> RingRun {
  var jobRng = rng
  let gan = recipe.makeGAN(using: &jobRng)
  let fixedNoise = gan.noiseBatch(2000, using: &jobRng)
  var foolRng = jobRng.split()
  var out = RingRun()
  let every = max(1, steps / checkpoints)
  try recipe.train(gan, on: data, steps: steps, using: &jobRng) { step, g in
    if let fooling, step == fooling.earlyStep {
      out.fooledEarly = fooling.experiment(g.discriminator, &foolRng)
    }
    guard step % every == 0 else { return }
    let samples = g.generate(fixedNoise)
    let counted = count(samples)
    out.steps.append(step)
    out.modes.append(counted.modesCovered)
    out.quality.append(counted.quality)
    out.dominant.append(counted.dominantMode)
    if step % (every * 4) == 0 { out.snapshots.append((step, samples.rows(0..<600))) }
    if let fooling, step == steps {
      out.fooled = fooling.experiment(g.discriminator, &foolRng)
    }
  }
  return out
}
