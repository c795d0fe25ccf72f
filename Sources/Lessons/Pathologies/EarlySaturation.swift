import Math

/// The training side of Goodfellow et al. 2014 §3: "Early in learning, when G is poor, D can
/// reject samples with high confidence … In this case, log(1 − D(G(z))) saturates." Start G
/// where the argument says, then train it with each cost from the same start.

/// G and D as the saturation argument needs them: fresh networks of `recipe`, and D trained
/// alone against the untrained G for `pretraining` steps (Adam, learning rate 0.001, batches of
/// `recipe.training.batchSize` drawn with replacement from `data`, real and fake passes
/// separate) until it rejects G's samples with confidence (300 steps in chapter 4), or not at
/// all (0 steps, the control). Returns the pair and the stream after the draws.
public func confidentStart(_ recipe: RingGANRecipe, data: Tensor, pretraining: Int,
                           stream: SeededGenerator) -> (gan: GAN, rng: SeededGenerator) {
  var pairRng = stream
  let gan = recipe.makeGAN(using: &pairRng)
  var dOptimizer = Adam(gan.discriminator.parameters, learningRate: 1e-3)
  for _ in 0..<pretraining {
    let real = minibatch(drawnFrom: data, size: recipe.training.batchSize, using: &pairRng)
    discriminatorStep(gan.discriminator, optimizer: &dOptimizer, real: real,
                      fake: gan.sample(recipe.training.batchSize, using: &pairRng), passes: .separate)
  }
  return (gan, pairRng)
}

/// The early training of both costs from one start: for each `GeneratorCost`, a copy of
/// `recipe` with that cost starts from `confidentStart` on the same `stream` (so the two pairs
/// are identical to the last bit) and trains for `steps` steps. `distance(samples)` is measured
/// on 500 samples from fixed noise before training and after every step (`steps + 1` values per
/// cost); `dBefore` is the mean D(G(z)) on those samples at the start.
/// - Throws: `TrainingDiverged` when a loss is not finite.
public func earlyTrainingCurves(_ recipe: RingGANRecipe, data: Tensor, pretraining: Int, steps: Int,
                                stream: SeededGenerator, distance: (Tensor) -> Double) throws
  -> (curves: [GeneratorCost: [Double]], dBefore: Double)
{
  var curves: [GeneratorCost: [Double]] = [:]
  var dBefore = 0.0
  for cost in GeneratorCost.allCases {
    var costRecipe = recipe
    costRecipe.training.cost = cost
    var (gan, pairRng) = confidentStart(costRecipe, data: data, pretraining: pretraining, stream: stream)
    let probe = gan.noiseBatch(500, using: &pairRng)
    dBefore = Statistics.mean(gan.discriminate(gan.generate(probe)))
    var curve = [distance(gan.generate(probe))]
    try costRecipe.train(gan, on: data, steps: steps, using: &pairRng) { _, g in
      curve.append(distance(g.generate(probe)))
    }
    curves[cost] = curve
  }
  return (curves, dBefore)
}
