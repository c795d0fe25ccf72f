import Foundation
import Lessons
import Math
import Workbook

//: # Chapter 5 — Why adversarial: MSE blurs multimodal outputs
//:
//: The course slides motivate the adversarial loss with one observation: "The output of
//: generative models is intrinsically **multimodal**", and "If we base learning on minimizing an
//: average distance with all elements in the training set with the “expected features”, we could
//: end up with **exceedingly blurred images**." Their two examples are super-resolution ("Pixel-wise
//: average of possible solutions could produce images outside the actual data manifold") and
//: "generating the next frame in a video", where "Averaging on all possible outputs could produce
//: a blurred image." The remedy: "Forcing to operate a choice - instead of mediating - could
//: result in sharper images."
//:
//: This chapter builds both situations small enough to train on a CPU in seconds and measures
//: the claim: a toy with two answers for every input, and a video of a disc that moves left or
//: right. Each time an MSE model and a conditional GAN see the same data.
//:
//: Run it with `make chapter-5` or `swift run -c release chapter-5 --quick`. The quick run
//: trains for fewer epochs (toy 40, frames 50) and its bounds are looser, chosen from the spread
//: of quick runs at several seeds. In 50 epochs the frame GAN is mid-training: it draws about
//: one blob per frame, but speckled, with more gradient energy than a real frame, and further
//: from the data than the MSE frames. So the quick bounds on the frame GAN only check that
//: training runs and G has begun to draw one blob; the full run is the claim.

let chapter = Chapter(
  number: 5, slug: "05-mse-blurs", title: "Why adversarial: MSE blurs multimodal outputs",
  claims: [
    ClaimSpec(
      id: "MB-mean", statement: "An MSE regressor predicts the conditional mean E[x | y] = 0 of the two branches",
      source: "Course slides, \"Multi-modal output\" (CLAIMS.md MB)",
      quantity: "mean |x̂(y)| of the MSE regressor over 201 conditions y in [−1, 1]", expected: .below(0.1),
      quickExpected: .below(0.2)),
    ClaimSpec(
      id: "MB-off", statement: "The MSE predictions lie off the data, between the branches",
      source: "Course slides: \"could produce images outside the actual data manifold\" (CLAIMS.md MB)",
      quantity: "median distance of MSE predictions to the nearer branch (branches are ≥ 0.5 from 0)",
      expected: .above(0.4), quickExpected: .above(0.3)),
    ClaimSpec(
      id: "MB-on", statement: "The conditional GAN's samples lie on the branches",
      source: "Course slides: \"GAN drives the reconstruction towards the natural image manifold\" (CLAIMS.md MB)",
      quantity: "median distance of 2000 cGAN samples to the nearer branch", expected: .below(0.1),
      quickExpected: .below(0.2)),
    ClaimSpec(
      id: "MB-split", statement: "The conditional GAN's samples split about evenly between the two branches",
      source: "Course slides: \"Forcing to operate a choice\"; the data's split is ½ (CLAIMS.md MB)",
      quantity: "share of 2000 cGAN samples on the upper branch", expected: .between(0.4, 0.6),
      quickExpected: .between(0.2, 0.8)),
    ClaimSpec(
      id: "MB-split-input", statement: "For each input, the conditional GAN's samples split between the two branches",
      source: "Course slides: \"Forcing to operate a choice\"; p(x | y) is ½–½ at every y (CLAIMS.md MB)",
      quantity: "mean over 41 conditions y of |share of 100 samples on the upper branch − ½| (0: even at every y; ½: one branch per y)",
      expected: .below(0.15), quickExpected: .below(0.3)),
    ClaimSpec(
      id: "MB-ghost", statement: "MSE next-frame prediction shows two ghosts of the disc, one at each possible place",
      source: "Course slides, \"Average of possible outputs\": next frame in a video (CLAIMS.md MB)",
      quantity: "median over 3 seeds of the mean number of blobs (4-connected, > 0.2, ≥ 2 pixels) per predicted frame", expected: .between(1.7, 2.3),
      quickExpected: .between(1.3, 2.5)),
    ClaimSpec(
      id: "MB-blur", statement: "MSE next-frame predictions are blurred",
      source: "Course slides: \"Averaging on all possible outputs could produce a blurred image\" (CLAIMS.md MB)",
      quantity: "median over 3 seeds of the gradient energy of MSE predictions ÷ that of real next frames", expected: .below(0.6),
      quickExpected: .below(0.7)),
    ClaimSpec(
      id: "MB-one", statement: "The conditional GAN draws one disc per predicted frame",
      source: "Course slides: \"Forcing to operate a choice - instead of mediating\" (CLAIMS.md MB)",
      quantity: "median over 3 seeds of the mean number of blobs per cGAN frame", expected: .within(0.2, of: 1),
      quickExpected: .within(0.5, of: 1)),
    ClaimSpec(
      id: "MB-sharp", statement: "The conditional GAN's frames are about as sharp as real frames",
      source: "Course slides: \"could result in sharper images\" (CLAIMS.md MB)",
      quantity: "median over 3 seeds of the gradient energy of cGAN samples ÷ that of real next frames (two-sided: a speckled frame has more than a real one)",
      expected: .within(0.25, of: 1), quickExpected: .between(0.6, 2.5)),
    ClaimSpec(
      id: "MB-data", statement: "The conditional GAN's frames are close to a real future; the MSE frames are not",
      source: "Course slides: \"images outside the actual data manifold\" (CLAIMS.md MB)",
      quantity: "median over 3 seeds of the RMS distance to the nearer real continuation, cGAN ÷ MSE", expected: .below(0.5),
      quickExpected: .below(2.5)),
    ClaimSpec(
      id: "MB-mse", statement: "The MSE regressor has the smaller pixel error: sharp frames lose on the MSE",
      source: "The conditional mean minimises the expected squared error (this chapter's derivation)",
      quantity: "median over 3 seeds of the pixel MSE to the actual next frame, cGAN ÷ MSE regressor", expected: .above(1)),
  ])
let run = chapter.start()

//: ## Why the MSE minimiser is the average
//:
//: Fix an input y and let the target x be random, with p(x | y). A model that predicts c for
//: this y pays, on average over the data,
//:
//: E[‖c − x‖² | y] = ‖c − E[x | y]‖² + E[‖x − E[x | y]‖² | y],
//:
//: (expand ‖(c − m) + (m − x)‖² with m = E[x | y]; the cross term has mean zero). The second term
//: does not depend on c, so the best prediction is c = E[x | y], the conditional mean, for every
//: y — and a flexible network trained on the MSE approaches exactly that function. When x given y
//: has one mode, the mean is a fine answer. When it has two, +a and −a with probability ½, the
//: mean is 0: a value the data never takes. For an image the average of two images is each at
//: half intensity, laid over each other: "Pixel-wise average of possible solutions". The
//: regressor's training step is that loss and nothing else:
//: {{code:regressionStep}}
//:
//: A conditional GAN is trained differently. G(z, y) gets the condition y beside its noise z,
//: and D judges the pair (y, x) — "y is given as input to both D and G as a condition"
//: (tutorial paper §IV, after Mirza & Osindero 2014). A prediction half-way between the modes
//: is easy for D to reject, because no real pair looks like it; G's best reply is to put its
//: samples on the modes, with the noise z choosing which. What D reads is the pair:
//: {{code:discriminatorInput}}
//:
//: ## A toy with two answers
//:
//: In the notation above (condition y, target x): y is uniform on [−1, 1] and the target is
//: x = +f(y) or x = −f(y) with probability ½, f(y) = ½ + y². The regressor f̂: 1 → 64 → 64 → 1 is
//: trained on the MSE; the conditional GAN has G: [z | y] → 64 → 64 → x with z ∈ ℝ⁴ standard
//: normal, and D: [y | x] → 64 → 64 → logit with leaky ReLU, both trained with Adam (learning rate
//: 0.001, β₁ = 0.5 for the GAN) on batches of 64.

var rng = SeededGenerator(seed: run.seed)
let toyData = BimodalRegression.sample(2048, using: &rng)
let toyRecipe = MultimodalPredictionRecipe(conditionWidth: 1, targetWidth: 1, hidden: [64, 64], noiseDimension: 4)
let toyEpochs = run.epochs(full: 150, quick: 40)
run.note("toy epochs", toyEpochs)

/// Trains the MSE regressor, then the conditional GAN, on the same pairs, with one progress bar
/// for both; a diverging run stops the chapter.
@MainActor func trainBoth(_ recipe: MultimodalPredictionRecipe, conditions: Tensor, targets: Tensor,
                          epochs: Int, label: String) -> (MeanSquaredErrorRegressor, ConditionalGAN) {
  let bar = run.progress(label, total: 2 * epochs)
  defer { bar.finish() }
  let regressor = run.attempt("\(label): the MSE regressor") {
    try recipe.trainRegressor(conditions: conditions, targets: targets, epochs: epochs, using: &rng) { epoch, loss in
      bar.update(epoch, metrics: ["MSE": loss])
    }
  }
  let gan = run.attempt("\(label): the conditional GAN") {
    try recipe.trainGAN(conditions: conditions, targets: targets, epochs: epochs, using: &rng) { epoch, _, losses in
      bar.update(epochs + epoch, metrics: ["loss D": losses.discriminator, "loss G": losses.generator ?? .nan])
    }
  }
  return (regressor, gan)
}

let (toyRegressor, toyGAN) = trainBoth(toyRecipe, conditions: toyData.inputs, targets: toyData.targets,
                                       epochs: toyEpochs, label: "toy: MSE and cGAN")

//: Four numbers judge the two models: how close the MSE predictions are to the conditional mean
//: 0, how far each model's outputs lie from the nearer branch (the data), and, for the GAN,
//: which branch each sample chose — over all conditions, and condition by condition. The second
//: matters: a G that always put x on the upper branch for y < 0 and on the lower one for y > 0
//: would split ½–½ overall while choosing nothing at any y. So for 41 conditions y we draw 100
//: samples each and measure how far each condition's upper share lies from ½.

let grid = (0...200).map { -1 + Double($0) / 100 }
let gridTensor = Tensor(column: grid)
let msePredictions = toyRegressor.predict(gridTensor).scalars.map(Double.init)
var toyEvaluation = run.generator("toy evaluation")
let ganConditions = (0..<2000).map { _ in toyEvaluation.uniform(-1, 1) }
let ganSamples = toyGAN.sample(conditions: Tensor(column: ganConditions), using: &toyEvaluation).scalars.map(Double.init)
let balanceConditions = (0...40).map { -1 + Double($0) / 20 }
let upperShares = balanceConditions.map { y in
  BimodalRegression.upperShare(
    toyGAN.sample(conditions: Tensor(column: Array(repeating: y, count: 100)), using: &toyEvaluation).scalars.map(Double.init))
}

func distancesToBranches(_ ys: [Double], _ xs: [Double]) -> [Double] {
  zip(ys, xs).map { BimodalRegression.distanceToNearestBranch(condition: $0, prediction: $1) }
}
let mseDistances = distancesToBranches(grid, msePredictions)
let ganDistances = distancesToBranches(ganConditions, ganSamples)
run.record("MB-mean", Statistics.mean(msePredictions.map(abs)))
run.record("MB-off", Statistics.quantile(mseDistances, 0.5))
run.record("MB-on", Statistics.quantile(ganDistances, 0.5))
run.record("MB-split", BimodalRegression.upperShare(ganSamples))
run.record("MB-split-input", Statistics.mean(upperShares.map { abs($0 - 0.5) }))
run.note("toy upper share range", "\(NumberText.compact(upperShares.min()!))–\(NumberText.compact(upperShares.max()!))")
run.note("toy share of cGAN samples within 0.1 of a branch", Double(ganDistances.filter { $0 < 0.1 }.count) / Double(ganDistances.count))

var toyFigure = Figure(title: "Two answers for every y: the MSE regressor averages, the conditional GAN chooses",
                       columns: 2, panelWidth: 520, panelHeight: 400)
toyFigure[0].title = "predictions over the data"
toyFigure[0].xLabel = "condition y"
toyFigure[0].yLabel = "target x"
toyFigure[0].xRange = -1.05...1.05
toyFigure[0].yRange = -3...2.2  // room below the lower branch for the legend
toyFigure[0].scatter(toyData.inputs.scalars.prefix(600).map(Double.init), toyData.targets.scalars.prefix(600).map(Double.init),
                     label: "data: x = ±(½ + y²)", color: .gray, alpha: 0.35, radius: 2)
toyFigure[0].scatter(Array(ganConditions.prefix(600)), Array(ganSamples.prefix(600)),
                     label: "cGAN samples", color: .vermillion, alpha: 0.6, radius: 2)
toyFigure[0].line(grid, msePredictions, label: "MSE prediction", color: .blue, width: 3)
toyFigure[0].legendPosition = .bottomRight
toyFigure[1].title = "distance to the nearer branch"
toyFigure[1].xLabel = "||x̂| − f(y)|"
toyFigure[1].yLabel = "density"
toyFigure[1].histogram(mseDistances, bins: 40, range: 0...1.6, label: "MSE", color: .blue)
toyFigure[1].histogram(ganDistances, bins: 40, range: 0...1.6,
                       label: "cGAN (\(Int((100 * BimodalRegression.upperShare(ganSamples)).rounded())) % upper branch)",
                       color: .vermillion)
run.save(toyFigure, as: "toy.png")

//: ![The toy](../../figures/chapter-05/toy.png)
//:
//: The MSE regressor's predictions stay near the conditional mean 0 (mean |x̂| = {{value:MB-mean}}),
//: where no data lies: their median distance to the nearer branch is {{value:MB-off}}. The
//: conditional GAN's samples lie on the branches (median distance {{value:MB-on}}; a share of
//: {{fact:toy share of cGAN samples within 0.1 of a branch}} within 0.1 of one), and
//: {{value:MB-split}} of them are on the upper branch. Condition by condition the upper share
//: ranges over {{fact:toy upper share range}}, on average {{value:MB-split-input}} from ½: it
//: chose, and at each y it chose about evenly — the noise z, not the condition, picks the branch.
//:
//: ## Predicting the next frame of a video
//:
//: The slides' second example, at toy scale: a white disc (radius 2 pixels) on a black 16 × 16
//: frame moves 4 pixels to the left or to the right, with probability ½ each, drawn through libgd.
//: Given one frame (the condition y), the next (the target x) has two equally likely outcomes. The
//: MSE regressor (256 → 256 → 256 → 256 with a sigmoid output) and the conditional GAN (G: [z | y]
//: with z ∈ ℝ¹⁶, D: [y | x]; the same widths) learn from 2048 clips. The frame recipe was the one of
//: four tried at the workbook's default seed that drew discs (see below), so one run would say
//: little: both models are trained at three seeds, each on its own named random stream, and every
//: frame claim is the median over the seeds, with the spread.

var shapes = MovingShapes()
let side = shapes.size
let clips = run.attempt("the training clips") { try shapes.sample(2048, using: &rng) }
var heldOutRng = run.generator("held-out clips")
let heldOut = run.attempt("the held-out clips") { try shapes.sample(500, using: &heldOutRng) }
let frameRecipe = {
  var recipe = MultimodalPredictionRecipe(conditionWidth: side * side, targetWidth: side * side, hidden: [256, 256],
                                          noiseDimension: 16, output: .sigmoid)
  recipe.training.optimizer = .adam(learningRate: 0.0002, beta1: 0.5)
  recipe.regressorOptimizer = .adam(learningRate: 0.0002)
  recipe.discriminatorDropout = 0.5
  return recipe
}()
let frameEpochs = run.epochs(full: 200, quick: 50)
let frameSeeds: [UInt64] = [1, 2, 3]
run.note("frame epochs", frameEpochs)
run.note("frame seeds", frameSeeds.count)

func rows(_ t: Tensor) -> [[Float]] { (0..<t.rows).map { t.row($0).map(Float.init) } }
let realFrames = rows(heldOut.next)
let otherFrames = rows(heldOut.otherNext)
let shown = 6
let balanceClips = 100
run.note("balance clips", balanceClips)

/// Whether `frame`, predicted for held-out clip `i`, is nearer (RMS) the continuation in which
/// the disc moved right.
func movesRight(_ frame: [Float], clip i: Int) -> Bool {
  let (right, left) = heldOut.movedRight[i] ? (realFrames[i], otherFrames[i]) : (otherFrames[i], realFrames[i])
  return ImageMetrics.rootMeanSquareDistance(frame, right) < ImageMetrics.rootMeanSquareDistance(frame, left)
}

/// What one seed's two models predict for the held-out clips.
struct FramePredictions: Sendable {
  var mse: [[Float]]
  var gan: [[Float]]
  /// Three more cGAN samples for each of the first `shown` clips, for the figure.
  var extra: [[[Float]]]
  /// For each of the first `balanceClips` clips, the share of 20 cGAN samples moving the disc right.
  var rightShares: [Double]
}

let frameJobs = frameSeeds.map { seed in
  (seed: seed, training: run.generator("frames/seed \(seed)"), evaluation: run.generator("frame evaluation/seed \(seed)"))
}
let predictions = run.inParallel("frames: MSE and cGAN at \(frameSeeds.count) seeds", frameJobs) { job in
  var (rng, evaluation) = (job.training, job.evaluation)
  let regressor = try frameRecipe.trainRegressor(conditions: clips.current, targets: clips.next, epochs: frameEpochs, using: &rng)
  let gan = try frameRecipe.trainGAN(conditions: clips.current, targets: clips.next, epochs: frameEpochs, using: &rng)
  let ganFrames = rows(gan.sample(conditions: heldOut.current, using: &evaluation))
  let extra = (0..<3).map { _ in rows(gan.sample(conditions: heldOut.current.rows(0..<shown), using: &evaluation)) }
  let rightShares = (0..<balanceClips).map { i in
    let repeated = Tensor(rows: Array(repeating: heldOut.current.row(i).map(Float.init), count: 20))
    let samples = rows(gan.sample(conditions: repeated, using: &evaluation))
    return Double(samples.filter { movesRight($0, clip: i) }.count) / Double(samples.count)
  }
  return FramePredictions(mse: rows(regressor.predict(heldOut.current)), gan: ganFrames, extra: extra, rightShares: rightShares)
}

//: Each model predicts the next frame of 500 held-out clips (the GAN one sample per clip).
//: Three measures from Math's `ImageMetrics` judge a frame. *Sharpness* is the gradient energy,
//: the mean squared difference between neighbouring pixels: a crisp edge of contrast c adds c²,
//: the same edge at half contrast only c²/4, so two half-intensity ghosts score about ½ of one
//: sharp disc, and a speckled frame scores more than a real one — so MB-sharp is bounded on both
//: sides. *Blobs* counts the groups of connected pixels brighter than 0.2 (at least 2 pixels, so a
//: stray pixel of noise is not a shape): a real frame has one. And the *pixel MSE* to the frame
//: that actually followed, the very loss the regressor minimises.

func sharpness(_ frame: [Float]) -> Double { ImageMetrics.sharpness(frame, width: side, height: side) }
func blobs(_ frame: [Float]) -> Int { ImageMetrics.blobCount(frame, width: side, height: side, threshold: 0.2, minimumArea: 2) }
func meanBlobs(_ frames: [[Float]]) -> Double { Statistics.mean(frames.map { Double(blobs($0)) }) }
/// RMS distance of each predicted frame to the nearer of its two real continuations, averaged.
func distanceToData(_ frames: [[Float]]) -> Double {
  Statistics.mean(frames.indices.map { i in
    min(ImageMetrics.rootMeanSquareDistance(frames[i], realFrames[i]), ImageMetrics.rootMeanSquareDistance(frames[i], otherFrames[i]))
  })
}
/// Mean squared pixel error to the frame that actually followed.
func pixelMSE(_ frames: [[Float]]) -> Double {
  Statistics.mean(frames.indices.map { i in pow(ImageMetrics.rootMeanSquareDistance(frames[i], realFrames[i]), 2) })
}

let realSharpness = Statistics.mean(realFrames.map(sharpness))
/// One measure per seed: its median is recorded (a claim) or noted as "median ID", its range as "range ID".
@MainActor func recordMedian(_ id: String, _ measure: (FramePredictions) -> Double) {
  let values = predictions.map(measure)
  if chapter.claims.contains(where: { $0.id == id }) {
    run.record(id, Statistics.quantile(values, 0.5))
  } else {
    run.note("median \(id)", Statistics.quantile(values, 0.5))
  }
  run.note("range \(id)", "\(NumberText.compact(values.min()!))–\(NumberText.compact(values.max()!))")
  run.note("per seed \(id)", values.map(NumberText.compact).joined(separator: ", "))
}
recordMedian("MB-ghost") { meanBlobs($0.mse) }
recordMedian("MB-blur") { Statistics.mean($0.mse.map(sharpness)) / realSharpness }
recordMedian("MB-one") { meanBlobs($0.gan) }
recordMedian("MB-sharp") { Statistics.mean($0.gan.map(sharpness)) / realSharpness }
recordMedian("MB-data") { distanceToData($0.gan) / distanceToData($0.mse) }
recordMedian("MB-mse") { pixelMSE($0.gan) / pixelMSE($0.mse) }
recordMedian("share right") { p in Double(p.gan.indices.filter { movesRight(p.gan[$0], clip: $0) }.count) / Double(p.gan.count) }
recordMedian("imbalance") { Statistics.mean($0.rightShares.map { abs($0 - 0.5) }) }
recordMedian("pixel MSE, MSE") { pixelMSE($0.mse) }
recordMedian("pixel MSE, cGAN") { pixelMSE($0.gan) }
recordMedian("distance MSE") { distanceToData($0.mse) }
recordMedian("distance cGAN") { distanceToData($0.gan) }
run.note("blobs per real frame", meanBlobs(realFrames))
run.note("speckled seeds", predictions.filter { abs(Statistics.mean($0.gan.map(sharpness)) / realSharpness - 1) > 0.25 }.count)
run.note("RMS distance between the two continuations", Statistics.mean(realFrames.indices.map { ImageMetrics.rootMeanSquareDistance(realFrames[$0], otherFrames[$0]) }))
let first = predictions[0]
for (name, frames) in [("real", realFrames), ("MSE", first.mse), ("cGAN", first.gan)] {
  let counts = frames.map(blobs)
  for (label, test) in [("0", { $0 == 0 }), ("1", { $0 == 1 }), ("2", { $0 == 2 }), ("3+", { $0 >= 3 })] as [(String, (Int) -> Bool)] {
    run.note("blobs \(label) \(name)", Double(counts.filter(test).count) / Double(counts.count))
  }
}

var cells: [[Float]] = []
var captions: [String] = []
for i in 0..<shown {
  let (right, left) = heldOut.movedRight[i] ? (realFrames[i], otherFrames[i]) : (otherFrames[i], realFrames[i])
  cells += [heldOut.current.row(i).map(Float.init), left, right, first.mse[i]] + first.extra.map { $0[i] }
  captions += ["input", "real: left", "real: right", "MSE", "cGAN 1", "cGAN 2", "cGAN 3"]
}
var frameFigure = Figure(title: "Next frame (seed \(frameSeeds[0])): input, real futures, MSE, three cGAN samples",
                         panelWidth: 760, panelHeight: 720)
frameFigure[0].images(cells, width: side, height: side, columns: 7, captions: captions)
run.save(frameFigure, as: "next-frame.png")

var metricsFigure = Figure(title: "Sharpness of 500 held-out frames (seed \(frameSeeds[0]))", panelWidth: 620, panelHeight: 380)
metricsFigure[0].xLabel = "gradient energy ÷ mean gradient energy of real frames"
metricsFigure[0].yLabel = "density"
for (frames, label, color) in [(realFrames, "real", Color.gray), (first.mse, "MSE", .blue), (first.gan, "cGAN", .vermillion)] {
  metricsFigure[0].histogram(frames.map { sharpness($0) / realSharpness }, bins: 30, range: 0...1.6, label: label, color: color)
}
metricsFigure[0].legendPosition = .topLeft
run.save(metricsFigure, as: "frame-metrics.png")

//: ![Next frame](../../figures/chapter-05/next-frame.png)
//:
//: The MSE prediction is the slides' blurred image, and we can say what it is: two ghosts of the
//: disc, one at each place it may go, each at about half intensity. Medians over
//: {{fact:frame seeds}} seeds, the range over seeds in brackets:
//:
//: | | MSE regressor | conditional GAN | real frames |
//: |---|---|---|---|
//: | blobs per frame | {{value:MB-ghost}} ({{fact:range MB-ghost}}) | {{value:MB-one}} ({{fact:range MB-one}}) | {{fact:blobs per real frame}} |
//: | gradient energy ÷ real | {{value:MB-blur}} ({{fact:range MB-blur}}) | {{value:MB-sharp}} ({{fact:range MB-sharp}}) | 1 |
//: | RMS distance to the nearer real future | {{fact:median distance MSE}} ({{fact:range distance MSE}}) | {{fact:median distance cGAN}} ({{fact:range distance cGAN}}) | 0 |
//: | pixel MSE to the actual next frame | {{fact:median pixel MSE, MSE}} ({{fact:range pixel MSE, MSE}}) | {{fact:median pixel MSE, cGAN}} ({{fact:range pixel MSE, cGAN}}) | 0 |
//:
//: The medians pass, but the ranges are the honest summary. At {{fact:speckled seeds}} of the
//: {{fact:frame seeds}} seeds the cGAN's gradient energy lies outside 1 ± 0.25 of a real frame's
//: (per seed: {{fact:per seed MB-sharp}}; blobs per frame: {{fact:per seed MB-one}}): the speckled
//: frames described at the end of this section, which MB-sharp's upper bound now catches seed by
//: seed. The frame GAN draws one sharp disc in a typical run, not in every run.
//:
//: The GAN's frames lie {{value:MB-data}} times as far from a real future as the MSE frames (the
//: two real futures are {{fact:RMS distance between the two continuations}} apart): the MSE frame
//: is close to neither, the "outside the actual data manifold" of the slides. And yet on the
//: regressor's own measure, the pixel MSE to the frame that actually followed, the sharp frames
//: lose: the cGAN's error is {{value:MB-mse}} times the regressor's. That is the point of the
//: chapter, not a flaw of the GAN: when the future has two modes, a sharp guess is wrong half the
//: time and pays the full squared error, while the average pays a quarter of it every time.
//:
//: How many blobs a frame has, at seed 1 (share of the 500 held-out frames):
//:
//: | blobs | 0 | 1 | 2 | 3 or more |
//: |---|---|---|---|---|
//: | real | {{fact:blobs 0 real}} | {{fact:blobs 1 real}} | {{fact:blobs 2 real}} | {{fact:blobs 3+ real}} |
//: | MSE | {{fact:blobs 0 MSE}} | {{fact:blobs 1 MSE}} | {{fact:blobs 2 MSE}} | {{fact:blobs 3+ MSE}} |
//: | cGAN | {{fact:blobs 0 cGAN}} | {{fact:blobs 1 cGAN}} | {{fact:blobs 2 cGAN}} | {{fact:blobs 3+ cGAN}} |
//:
//: ![Frame metrics](../../figures/chapter-05/frame-metrics.png)
//:
//: The GAN chose — but did it choose *evenly*? Over all held-out clips it moved the disc right
//: in a share of {{fact:median share right}} (median over seeds; per seed {{fact:per seed share right}}; the data: ½).
//: Condition by condition, the measure of MB-split-input: for {{fact:balance clips}} clips, 20
//: samples each, the share moving right lies on average {{fact:median imbalance}} from ½ (seeds:
//: {{fact:range imbalance}}), where the toy's G reached {{value:MB-split-input}} and a G that
//: ignores its noise would reach ½. This is the control that shows the toy's measure can fail.
//: The frame GAN's choice is made by the input, not by z: for each input it draws one future,
//: the same each time — a mode collapse (chapter 4) inside each condition. Each of its frames is
//: a sharp, plausible future, which is what the slides claim ("Forcing to operate a choice -
//: instead of mediating - could result in sharper images"), but the GAN does not reproduce
//: p(next | current), only its support. With 256-pixel frames and an MLP nothing in the plain
//: GAN objective rewards covering both directions once D cannot tell the chosen one from the
//: data. That is why the workbook states an even split as a claim only for the toy, and reports
//: the frames' split as a finding.
//:
//: A note on the recipe, for honesty: the first frame GAN tried (a higher learning rate, no
//: dropout in D, a shorter training) produced one fixed speckle pattern for every input — its
//: sigmoid outputs saturated and G stopped learning. The recipe used here (Adam 0.0002,
//: β₁ = 0.5, dropout 0.5 between D's layers, 200 epochs) was the one of four tried at the
//: default seed that drew discs; the MSE side and the toy were not changed. The three seeds above
//: were run after that choice, so they test the recipe rather than the run that chose it.
//:
//: That success is fragile in another way too. During the workbook's speed work a trial build
//: added each layer's bias inside the matrix product instead of after it: the same sums, rounded
//: differently in the last bit. With it, the same recipe at the same seed drew several speckled
//: blobs per frame, with several times the gradient energy of real frames, and its frames lay
//: farther from a real future than the MSE frames; the toy's claims did not move. The build was
//: dropped; MB-sharp's upper bound would now catch such a model.
//:
//: Note what the MSE model gets right: its per-pixel error is the smallest any predictor can
//: have, and the slides' complaint is not that it is a bad regressor. It answers a question —
//: "what is the average future?" — whose answer is not a future at all.
//:
//: {{claims}}
//:
//: ## Try it
//:
//: Each change is one line of `chapters/05-mse-blurs/main.swift`; run
//: `swift run -c release chapter-5 --quick --out /tmp/try` to see it in seconds (without `--quick`
//: for the full budget), and read `/tmp/try/figures/chapter-05` and the claims table.
//:
//: 1. A generator without noise: set `noiseDimension: 0` in `toyRecipe` (G then sees only y). What
//:    can G do for a y with two answers, and what happens to MB-split-input and MB-on?
//: 2. The frame GAN without dropout in D: delete `recipe.discriminatorDropout = 0.5` in `frameRecipe`. Look at
//:    the cGAN samples in `next-frame.png` and at MB-sharp.
//: 3. Make one future likelier: after `var shapes = MovingShapes()` add
//:    `shapes.rightProbability = 0.8`. How bright is each MSE ghost now, and which way does the
//:    cGAN move the disc?

run.finish()
