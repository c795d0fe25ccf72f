import Foundation
import Lessons
import Math
import Workbook

//: # Chapter 3 — A GAN learns the sine curve
//:
//: Lecture 6 of the texts explains GAN training with a toy: "consider a toy example with a
//: dataset composed of twodimensional samples (x_1, x_2), with x_1 in the interval from 0 to 2π
//: and x_2 = sin(x_1)". A generator G turns noise pairs (z₁, z₂) into points; a discriminator D
//: learns to tell them from points of the curve; G learns to fool D. This chapter runs that
//: example with the recipe of the tutorial the lecture follows, and measures how well G learns
//: the curve — then tests two remarks of the texts: that the choice of noise distribution "is
//: found to have limited impacts on the model outcome", and what k discriminator steps per
//: generator step and momentum SGD (Algorithm 1 of Goodfellow et al. 2014) change.
//:
//: Run it with `make chapter-3` (full recipe) or `swift run -c release chapter-3 --quick`. The
//: quick run (80 epochs, 2 seeds per variant) only checks that learning is under way: its bounds
//: are looser, chosen from the spread of quick runs at several seeds.

let chapter = Chapter(
  number: 3, slug: "03-sine-gan", title: "A GAN learns the sine curve",
  claims: [
    ClaimSpec(
      id: "RP", statement: "After 300 epochs of the lecture's recipe, G's samples lie on the sine curve",
      source: "Lecture 6 §6.1.3; the tutorial it follows (CLAIMS.md RP)",
      quantity: "mean |x̃₂ − sin x̃₁| of 1000 samples, default seed", expected: .below(0.1),
      quickExpected: .below(0.5)),
    ClaimSpec(
      id: "RP-cover", statement: "G's samples cover the interval [0, 2π] of x₁",
      source: "Lecture 6 §6.1.3 (CLAIMS.md RP)",
      quantity: "share of 50 bins of [0, 2π] holding a sample's x̃₁", expected: .atLeast(0.9),
      quickExpected: .atLeast(0.6)),
    ClaimSpec(
      id: "RP-seeds", statement: "The recipe learns the curve in a typical run",
      source: "Lecture 6 §6.1.3 (CLAIMS.md RP)",
      quantity: "median over seeds of mean |x̃₂ − sin x̃₁| (normal prior)", expected: .below(0.1),
      quickExpected: .below(0.5)),
    ClaimSpec(
      id: "NP", statement: "The choice of distribution for z has limited impact: every prior learns the curve",
      source: "Lecture 6 §6.1.2: \"limited impacts on the model outcome\" (CLAIMS.md NP)",
      quantity: "worst prior's median mean |x̃₂ − sin x̃₁| (normal, uniform [0,1], Student-t ν=3)",
      expected: .below(0.1), quickExpected: .below(0.5)),
    ClaimSpec(
      id: "G4-k", statement: "k = 5 discriminator steps per generator step also learn the curve",
      source: "Goodfellow et al. 2014 Alg. 1; lecture 6: \"you can consider K equal to 1\" (CLAIMS.md G4)",
      quantity: "median mean |x̃₂ − sin x̃₁|, Adam, k = 5", expected: .below(0.1), quickExpected: .below(0.5)),
    ClaimSpec(
      id: "G4-momentum", statement: "Momentum SGD (Algorithm 1's optimizer) learns the curve too",
      source: "Goodfellow et al. 2014 Alg. 1, official config lr 0.1, momentum 0.5 (CLAIMS.md G4)",
      quantity: "median mean |x̃₂ − sin x̃₁|, SGD lr 0.1 momentum 0.5, k = 1", expected: .below(0.1),
      outcome: .notReproduced(
        because: "median {{value:G4-momentum}} over {{fact:seeds}} seeds, against {{value:RP-seeds}} for the recipe's Adam: with the MNIST settings of the official code, momentum SGD does not reach the curve in {{fact:epochs}} epochs")),
  ])
let run = chapter.start()

//: ## The data and the two networks
//:
//: 1024 points with x₁ drawn uniformly from [0, 2π] and x₂ = sin x₁. The recipe
//: (`SineGANRecipe` in Lessons) builds G as a multilayer perceptron 2 → 16 → 32 → 2 with ReLU,
//: and D as 2 → 256 → 128 → 64 → 1 with ReLU and dropout 0.3. D ends in a sigmoid, D(x) = σ(a(x));
//: the workbook folds that sigmoid into the loss (binary cross-entropy on the logit a), which is
//: the same function without overflow. Both are trained with Adam at learning rate 0.001 on
//: batches of 32, one discriminator step and one generator step per batch. The recipe is data:
//: the networks, the noise prior and an `AdversarialTraining`.
//: {{code:SineGANRecipe}}

var rng = SeededGenerator(seed: run.seed)
let data = SineCurve.sample(1024, using: &rng)
let recipe = SineGANRecipe()
let epochs = run.epochs(full: 300, quick: 80)
run.note("epochs", epochs)
run.note("steps", epochs * 1024 / recipe.training.batchSize)

//: ## Training
//:
//: Training is two updates, Algorithm 1 of Goodfellow et al. 2014. The discriminator step
//: ascends log D(x) + log(1 − D(G(z))) on a batch of curve points and a batch of G's samples:
//: {{code:discriminatorStep}}
//: The generator step, as in the lecture, ascends log D(G(z)) ("G learns to 'fool' the
//: Discriminator"), the gradient passing through a frozen D:
//: {{code:generatorStep}}
//: `AdversarialTrainer` in Lessons alternates them: for every minibatch of curve points it draws
//: as many noise vectors and takes one discriminator step, and after every k-th discriminator
//: step (k = 1 in the recipe) one generator step on fresh noise. It runs both steps on fused
//: copies of G and D, which share their parameters and compute the same numbers in fewer passes.
//:
//: We keep G's samples at a few epochs, the mean losses of every epoch, and samples for an
//: animation. The run only records them; the figures are drawn once it is over, so that it can
//: train side by side with the runs of the next section.

let snapshotEpochs = Set([1, epochs / 10, epochs / 3, epochs].filter { $0 >= 1 })
let frameEvery = max(1, epochs / 30)
var viewRng = run.generator("fixed noise")
let fixedNoise = recipe.makeGAN(using: &viewRng).noiseBatch(500, using: &viewRng)

/// What the chapter keeps of the run at the default seed.
struct RecipeRun: Sendable {
  var snapshots: [(epoch: Int, samples: Tensor)] = []
  var frames: [(epoch: Int, samples: Tensor)] = []
  var lossCurve: [(epoch: Double, d: Double, g: Double)] = []
  /// 1000 samples of the final G, for judging it.
  var finalSamples = Tensor(zeros: [0, 2])
}

/// The recipe at the default seed, trained from `rng` and judged on samples from `evaluation`.
func trainRecipe(rng: SeededGenerator, evaluation: SeededGenerator) throws -> RecipeRun {
  var (rng, evaluation) = (rng, evaluation)
  var kept = RecipeRun()
  let gan = try recipe.train(on: data, epochs: epochs, using: &rng) { epoch, gan, losses in
    kept.lossCurve.append((Double(epoch), losses.discriminator, losses.generator ?? .nan))
    if snapshotEpochs.contains(epoch) { kept.snapshots.append((epoch, gan.generate(fixedNoise))) }
    if epoch % frameEvery == 0 || epoch == 1 { kept.frames.append((epoch, gan.generate(fixedNoise))) }
  }
  kept.finalSamples = gan.sample(1000, using: &evaluation)
  return kept
}

//: ## One run is not the recipe: several seeds, three noise priors
//:
//: A GAN does not settle into a fixed point the way a classifier does: G and D keep moving, and
//: the last epoch can catch G mid-swing. So the workbook repeats the recipe over several seeds
//: and reports the median, for the lecture's three noise distributions: the standard normal,
//: the uniform on [0, 1], and a Student-t (ν = 3). Independent runs, these and the run of the
//: last section, go side by side on the machine's cores.

struct Variant: Sendable {
  let name: String
  var recipe: SineGANRecipe
}
func variant(_ name: String, _ change: (inout SineGANRecipe) -> Void) -> Variant {
  var r = SineGANRecipe()
  change(&r)
  return Variant(name: name, recipe: r)
}
let variants = [
  variant("normal prior") { _ in },
  variant("uniform [0, 1] prior") { $0.noise = .uniform(low: 0, high: 1) },
  variant("Student-t (ν = 3) prior") { $0.noise = .studentT(degreesOfFreedom: 3) },
  variant("k = 5 (Adam)") { $0.training.discriminatorSteps = 5 },
  variant("momentum SGD") { $0.training.optimizer = .sgd(learningRate: 0.1, momentum: 0.5) },
]
let seeds: [UInt64] = run.budget(full: [1, 2, 3, 4, 5], quick: [1, 2])
run.note("seeds", seeds.count)

let jobs = run.sweep(variants.map(\.name), seeds: seeds) { name, seed in "sweep/\(name)/seed \(seed)" }
let (recipeRng, evaluationRng) = (rng, run.generator("evaluation"))
let (recipeRun, distances) = run.inParallel(
  "trainings", first: { try trainRecipe(rng: recipeRng, evaluation: evaluationRng) },
  jobs: jobs,
  each: { job in
    var rng = job.rng
    let gan = try variants[job.variant].recipe.train(on: data, epochs: epochs, using: &rng)
    return SineCurve.meanDistance(gan.sample(1000, using: &rng))
  })

//: ## Does G learn the curve?
//:
//: Two numbers judge the final generator on 1000 fresh samples: how far they lie from the
//: curve, the mean of |x̃₂ − sin x̃₁|, and how much of [0, 2π] their x̃₁ covers (the share of 50
//: equal bins that hold a sample). A generator that put every sample on one point of the curve
//: would score a perfect distance and fail the coverage.

run.record("RP", SineCurve.meanDistance(recipeRun.finalSamples))
run.record("RP-cover", SineCurve.coverage(recipeRun.finalSamples))

func samplePanel(_ samples: Tensor, title: String) -> Panel {
  var panel = Panel(title: title, xLabel: "x₁", yLabel: "x₂")
  panel.xRange = -0.5...(2 * .pi + 0.5)
  panel.yRange = -1.6...1.6
  let curve = stride(from: 0.0, through: 2 * .pi, by: 0.02).map { $0 }
  panel.line(curve, curve.map(sin), label: "x₂ = sin x₁", color: .gray, width: 2)
  panel.scatter(samples.column(0), samples.column(1), label: "G(z)", color: .vermillion, alpha: 0.5, radius: 2)
  panel.legendPosition = .bottomLeft
  return panel
}

var samplesFigure = Figure(title: "G's samples over training (500 fixed noise vectors)",
                           columns: recipeRun.snapshots.count, panelWidth: 360, panelHeight: 320)
for (i, snapshot) in recipeRun.snapshots.enumerated() {
  samplesFigure[i] = samplePanel(snapshot.samples, title: "epoch \(snapshot.epoch)")
  if i > 0 { samplesFigure[i].legendPosition = .none }
}
run.save(samplesFigure, as: "samples.png")
let lossCurve = recipeRun.lossCurve
var losses = Figure(title: "Mean losses per epoch")
losses[0].xLabel = "epoch"
losses[0].yLabel = "binary cross-entropy"
losses[0].line(lossCurve.map(\.epoch), lossCurve.map(\.d), label: "D", color: .blue)
losses[0].line(lossCurve.map(\.epoch), lossCurve.map(\.g), label: "G", color: .vermillion)
losses[0].horizontalLine(log(2), label: "log 2 (D = ½)", color: .gray)
run.save(losses, as: "losses.png")
var frames = AnimatedGIF(delayCentiseconds: 12)
for frame in recipeRun.frames {
  var figure = Figure(panelWidth: 520, panelHeight: 380)
  figure[0] = samplePanel(frame.samples, title: "epoch \(frame.epoch) of \(epochs)")
  frames.append(figure)
}
run.save(frames, as: "training.gif")

//: ![G's samples over training](../../figures/chapter-03/samples.png)
//:
//: At the default seed the final samples lie {{value:RP}} from the curve on average and cover
//: {{value:RP-cover}} of [0, 2π]. The losses show the game: D's loss climbs towards log 2, the
//: value it has when it can no longer tell real from generated and answers ½ everywhere.
//:
//: ![Losses](../../figures/chapter-03/losses.png)
//:
//: The animation shows the whole run: ![Training](../../figures/chapter-03/training.gif)

//: ## Across seeds and variants

/// The final mean distances of `variant`, one per seed.
@MainActor func distances(of variant: Int) -> [Double] {
  zip(jobs, distances).filter { $0.0.variant == variant }.map(\.1)
}
@MainActor func median(of variant: Int) -> Double { Statistics.quantile(distances(of: variant), 0.5) }
run.record("RP-seeds", median(of: 0))
run.record("NP", (0..<3).map(median(of:)).max()!)
run.record("G4-k", median(of: 3))
run.record("G4-momentum", median(of: 4))
for (v, variant) in variants.enumerated() {
  run.note("median \(variant.name)", median(of: v))
  run.note("above the bar \(variant.name)", distances(of: v).filter { $0 >= 0.1 }.count)
  run.note("range \(variant.name)", "\(NumberText.compact(distances(of: v).min()!))–\(NumberText.compact(distances(of: v).max()!))")
}

var sweep = Figure(title: "Mean |x̃₂ − sin x̃₁| after \(epochs) epochs, one dot per seed", panelWidth: 760, panelHeight: 360)
for (v, variant) in variants.enumerated() {
  let values = distances(of: v)
  sweep[0].scatter(Array(repeating: Double(v + 1), count: values.count), values, label: variant.name,
                   color: Palette.series(v), alpha: 0.8, radius: 4)
}
sweep[0].horizontalLine(0.1, label: "claim: < 0.1", color: .gray)
sweep[0].xRange = 0.5...Double(variants.count) + 0.5
sweep[0].yRange = 0...(max(distances.max() ?? 0.2, 0.1) * 1.7)  // room above the dots for the legend
sweep[0].xLabel = "variant (1 normal, 2 uniform, 3 Student-t, 4 k = 5, 5 momentum SGD)"
sweep[0].yLabel = "mean |x̃₂ − sin x̃₁|"
run.save(sweep, as: "seeds-and-variants.png")

//: ![Seeds and variants](../../figures/chapter-03/seeds-and-variants.png)
//:
//: Medians over seeds: normal prior {{fact:median normal prior}}, uniform prior
//: {{fact:median uniform [0, 1] prior}}, Student-t prior {{fact:median Student-t (ν = 3) prior}},
//: k = 5 {{fact:median k = 5 (Adam)}}, momentum SGD {{fact:median momentum SGD}}.
//:
//: What the seeds say:
//:
//: - The recipe learns the curve in a typical run: the median over seeds is {{value:RP-seeds}},
//:   and the default seed's run ends at {{value:RP}}. But not every run does, and the spread is
//:   wide — one dot per seed in the figure. A single GAN run is a sample, not a result.
//: - The lecture's remark that the choice of noise distribution has "limited impacts" holds at
//:   a bar of 0.1: the worst prior's median is {{value:NP}}. Limited is not none: the uniform
//:   prior on [0, 1] does best, and the heavy-tailed Student-t has the widest spread among the
//:   priors (its seeds span {{fact:range Student-t (ν = 3) prior}}, against
//:   {{fact:range normal prior}} for the normal and {{fact:range uniform [0, 1] prior}} for the
//:   uniform prior; a plausible reason, not measured here: its rare huge z values land far from the
//:   curve, and G has to learn to fold them back).
//: - Verdicts at a bar of 0.1 over {{fact:seeds}} seeds are fragile: here
//:   {{fact:above the bar normal prior}} of the normal prior's {{fact:seeds}} runs end above the
//:   bar. An earlier version of this chapter, identical but for its random streams, measured both
//:   the default seed's run and the Student-t median above the bar, and both claims then failed.
//:   Read the figure, not only the table.
//: - k = 5 discriminator steps per generator step learn the curve as well as k = 1 here; the
//:   lecture's simplification to K = 1 costs nothing and saves four discriminator steps.
//: - Momentum SGD with the settings of the official MNIST code (learning rate 0.1, momentum 0.5)
//:   does not reach the curve in {{fact:epochs}} epochs (median {{value:G4-momentum}}), where Adam
//:   does, in every version of this chapter so far.
//:
//: {{claims}}

run.finish()
