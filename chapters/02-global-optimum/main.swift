import Foundation
import Lessons
import Math
import Workbook

//: # Chapter 2 — The global optimum
//:
//: With the discriminator at its optimum D*_G (chapter 1), the game becomes a function of the
//: generator alone, the virtual training criterion C(G) = max_D V(D, G). Theorem 1 of Goodfellow
//: et al. 2014, which the tutorial paper restates, says "when p_g = p_data the global minimum
//: criterion is achieved and C(G) get an optimal value equal to −log 4"; the proof writes
//: C(G) = −log 4 + 2·JSD(p_data ‖ p_g). Proposition 2 says small steps of p_g against D* reach
//: p_data. And Fig. 1 of the paper draws the whole story in one dimension. This chapter checks
//: all three numerically and shows two typos in the tutorial paper's Eqs. 4 and 5.

let chapter = Chapter(
  number: 2, slug: "02-global-optimum", title: "The global optimum",
  claims: [
    ClaimSpec(
      id: "G2-identity", statement: "Identity (no training): C(G) = −log 4 + 2·JSD(p_data ‖ p_g) for any pair of densities",
      source: "Goodfellow et al. 2014 Thm. 1 (CLAIMS.md G2)",
      quantity: "max |C(G) − (−log 4 + 2·JSD)| over 6 density pairs", expected: .below(1e-6)),
    ClaimSpec(
      id: "G2-minimum", statement: "The minimum of C(G) is −log 4 ≈ −1.386294, reached where p_g = p_data",
      source: "Goodfellow et al. 2014 Thm. 1; tutorial paper Thm. 1 (CLAIMS.md G2)",
      quantity: "min over μ of C(G) for p_g = N(μ, 1), p_data = N(0, 1)",
      expected: .within(1e-6, of: -log(4.0))),
    ClaimSpec(
      id: "G2-iff", statement: "… and only there: C(G) > −log 4 for every p_g ≠ p_data on the sweep",
      source: "Goodfellow et al. 2014 Thm. 1 (CLAIMS.md G2; issue 17)",
      quantity: "min over μ ≠ 0 of C(G) − (−log 4), p_g = N(μ, 1), μ in steps of 0.05 on [−3, 3]",
      expected: .above(1e-6)),
    ClaimSpec(
      id: "G3-monotone", statement: "Against the optimal D, small steps in p_g lower JSD(p_data ‖ p_g) at every step",
      source: "Goodfellow et al. 2014 Prop. 2 (CLAIMS.md G3)",
      quantity: "number of steps at which the JSD rose", expected: .atMost(0)),
    ClaimSpec(
      id: "G3-converges", statement: "… and p_g converges to p_data",
      source: "Goodfellow et al. 2014 Prop. 2 (CLAIMS.md G3)",
      quantity: "JSD after the last step", expected: .below(1e-4)),
    ClaimSpec(
      id: "G3-large-step", statement: "The steps must be small: with η = 3 instead of 0.5 the JSD rises at some step",
      source: "Goodfellow et al. 2014 Prop. 2, whose proof needs small updates of p_g (issue 17)",
      quantity: "largest one-step rise of the JSD over 60 steps with η = 3", expected: .above(1e-3)),
    ClaimSpec(
      id: "G8-ks", statement: "A 1D GAN with uniform z learns p_data = N(4, 0.5²)",
      source: "Goodfellow et al. 2014 Fig. 1 (d) (CLAIMS.md G8)",
      quantity: "median over 3 seeds of the Kolmogorov–Smirnov distance of 20000 samples to N(4, 0.5²)",
      expected: .below(0.05),
      outcome: .notReproduced(because: "median {{value:G8-ks}} over 3 seeds (spread {{fact:G8-ks spread}}); the final p_g peaks at {{fact:p_g peak median}} (median over seeds) where p_data peaks at {{fact:p_data peak}}")),
    ClaimSpec(
      id: "G8-half", statement: "At convergence the discriminator cannot tell: D(x) = ½",
      source: "Goodfellow et al. 2014 Fig. 1 (d) (CLAIMS.md G8)",
      quantity: "median over 3 seeds of mean |D(x) − ½| over data and generated samples, D a fresh discriminator trained 6000 steps against the final G",
      expected: .below(0.05),
      outcome: .notReproduced(because: "a fresh D trained against the final G is {{value:G8-half}} from ½ (spread {{fact:G8-half spread}}), near the {{fact:optimal D gap}} of the optimal D for that G; the trained D's {{fact:trained D gap}} only shows that its learning rate had decayed to 0")),
    ClaimSpec(
      id: "G8-half-control", statement: "The control: the same fresh discriminator, trained against samples of p_data itself, says ½",
      source: "Goodfellow et al. 2014 Fig. 1 (d) (CLAIMS.md G8; issue 17)",
      quantity: "median over 3 seeds of mean |D(x) − ½|, a fresh D trained 6000 steps on p_data against p_data",
      expected: .below(0.05)),
    ClaimSpec(
      id: "E-eq5", statement: "The tutorial paper's Eq. 5 as printed equals C(G)",
      source: "Tutorial paper Eq. 5 (ERRATA.md)",
      quantity: "|printed Eq. 5 − C(G)| for p_data = N(0, 1), p_g = N(1, 1)", expected: .below(1e-6),
      outcome: .notReproduced(because: "the second KL term is printed as KL(p_data ‖ (p_g + p_g)/2); it must be KL(p_g ‖ (p_data + p_g)/2)")),
  ])
let run = chapter.start()
var rng = SeededGenerator(seed: run.seed)

//: ## Theorem 1: C(G) = −log 4 + 2·JSD
//:
//: `virtualTrainingCriterion` integrates V(D*_G, G) numerically (Simpson's rule on a fine grid);
//: `jensenShannon` integrates the divergence separately. The identity is algebra, so the two
//: must agree to the accuracy of the integration, for any pair of densities.
//: {{code:virtualTrainingCriterion}}

let grid = Grid(-30...30, intervals: 60_000)
let pairs: [(String, Distribution1D, Distribution1D)] = [
  ("N(0,1) vs N(1,1)", .normal(mean: 0, sd: 1), .normal(mean: 1, sd: 1)),
  ("N(0,1) vs N(0,2)", .normal(mean: 0, sd: 1), .normal(mean: 0, sd: 2)),
  ("N(0,1) vs N(3,0.5)", .normal(mean: 0, sd: 1), .normal(mean: 3, sd: 0.5)),
  ("N(0,1) vs mixture", .normal(mean: 0, sd: 1), .normalMixture(weights: [0.3, 0.7], means: [-2, 2], sds: [0.5, 1])),
  ("Student-t(3) vs N(0,1)", .studentT(degreesOfFreedom: 3), .normal(mean: 0, sd: 1)),
  ("N(0,1) vs N(0,1)", .normal(mean: 0, sd: 1), .normal(mean: 0, sd: 1)),
]
//: The Student-t has heavy tails (mass ≈ 10⁻⁴ beyond ±30), and the identity needs each density
//: to integrate to 1 on the grid, so this check integrates over [−2000, 2000].
let wideGrid = Grid(-2000...2000, intervals: 4_000_000)
var worstIdentity = 0.0
for (name, p, q) in pairs {
  let c = virtualTrainingCriterion(pData: p.density, pG: q.density, on: wideGrid)
  let jsd = jensenShannon(p.density, q.density, on: wideGrid)
  worstIdentity = max(worstIdentity, abs(c - (minimumOfCriterion + 2 * jsd)))
  run.note("C(G) \(name)", c)
}
run.record("G2-identity", worstIdentity)

//: Now move a generator p_g = N(μ, 1) across p_data = N(0, 1) and watch C(G) against μ.

let mus = (-60...60).map { Double($0) / 20 }
let criterion = mus.map { mu in
  virtualTrainingCriterion(pData: { normalDensity($0) }, pG: { normalDensity($0, mean: mu) }, on: grid)
}
run.record("G2-minimum", criterion.min()!)
run.note("argmin mu", mus[criterion.firstIndex(of: criterion.min()!)!])

//: Theorem 1 says more than "the minimum is −log 4": it is reached *only* at p_g = p_data. On
//: the sweep, every μ ≠ 0 must then give C(G) above −log 4 by more than the integration error
//: (which the identity above bounds by 10⁻⁶); μ = 0 is the control, where the gap must vanish.

let gaps = zip(mus, criterion).filter { $0.0 != 0 }.map { $0.1 - minimumOfCriterion }
run.record("G2-iff", gaps.min()!)
run.note("gap at mu 0", zip(mus, criterion).first { $0.0 == 0 }!.1 - minimumOfCriterion)

var sweep = Figure(title: "C(G) = max_D V(D, G) for p_data = N(0, 1), p_g = N(μ, 1)", panelWidth: 640, panelHeight: 380)
sweep[0].xLabel = "μ (the generator's mean)"
sweep[0].yLabel = "C(G)"
sweep[0].line(mus, criterion, label: "C(G), integrated", color: .blue)
sweep[0].line(mus, mus.map { mu in
  minimumOfCriterion + 2 * jensenShannon({ normalDensity($0) }, { normalDensity($0, mean: mu) }, on: Grid(-30...30, intervals: 6_000))
}, label: "−log 4 + 2·JSD", color: .orange, dashed: true)
sweep[0].horizontalLine(minimumOfCriterion, label: "−log 4", color: .gray)
sweep[0].yRange = -1.45...0.3
sweep[0].legendPosition = .topLeft
run.save(sweep, as: "criterion.png")

//: ![C(G) against μ](../../figures/chapter-02/criterion.png)
//:
//: The identity holds to {{value:G2-identity}} over the six pairs, and the smallest C(G) is
//: {{value:G2-minimum}}, at μ = {{fact:argmin mu}}. Everywhere else on the sweep C(G) stays
//: above −log 4, by at least {{value:G2-iff}} (at the neighbours of μ = 0, where the JSD of two
//: unit normals 0.05 apart is about 0.05²/8); at μ = 0 the gap is {{fact:gap at mu 0}}.

//: ## Proposition 2: steps against the optimal discriminator
//:
//: Put p_g on a grid as a probability vector. Before each step, set D to its optimum D*_G; then
//: move p_g in the direction that improves E_{p_g}[log(1 − D*_G(x))]. With D held at D*, the
//: gradient of the criterion with respect to the mass at x is log(1 − D*_G(x)) = log p_g/(p_data + p_g).
//: The step used here is the exponentiated-gradient (mirror-descent) step of the probability
//: simplex, exactly
//:
//: > p_g ← p_g · exp(−η · log(1 − D*_G)) / Z = p_g^(1−η) · (p_data + p_g)^η / Z,
//:
//: with Z the sum that makes the masses add to 1 and step size η = 0.5. Multiplicative steps
//: keep every mass positive, where a Euclidean projected gradient step,
//: p_g ← Π(p_g − η·log(1 − D*_G)) with Π the projection onto the simplex (`projectOntoSimplex`
//: in Math), can zero a mass and meet log 0; the tests run that step too, on small grids whose
//: masses stay away from 0 (`TheoryTests`). The step size is a choice, and "small" has a meaning: at η = 1 the update is
//: p_g ← (p_data + p_g)/2, half-way to the data; beyond 1 it overshoots, and the proof's
//: promise of a better criterion at every step no longer holds. Theorem 1 says the criterion is
//: 2·JSD − log 4, so with η = 0.5 the JSD should fall at every step, towards 0; the control runs
//: the same 60 steps at η = 3.
//: {{code:FunctionSpaceGAN}}

let masses = Grid(-8...10, intervals: 1_800)
let target = masses.points.map { normalDensity($0, mean: 2, sd: 0.7) }
let start = masses.points.map { Distribution1D.normalMixture(weights: [0.5, 0.5], means: [-2, 4], sds: [1, 1.5]).density($0) }

/// The JSD before every step and p_g at `snapshotSteps`, for `stepCount` steps of size `eta`.
func stepAgainstDStar(eta: Double, stepCount: Int = 60, snapshotSteps: Set<Int> = [])
  -> (jsd: [Double], snapshots: [(Int, [Double])]) {
  var ideal = FunctionSpaceGAN(pData: target, pG: start, stepSize: eta)
  var jsd = [ideal.jensenShannonDivergence]
  var snapshots = [(0, ideal.pG)]
  for step in 1...stepCount {
    ideal.step()
    jsd.append(ideal.jensenShannonDivergence)
    if snapshotSteps.contains(step) { snapshots.append((step, ideal.pG)) }
  }
  return (jsd, snapshots)
}
let (jsdHistory, idealSnapshots) = stepAgainstDStar(eta: 0.5, snapshotSteps: [2, 6, 60])
let (largeStepHistory, largeStepSnapshots) = stepAgainstDStar(eta: 3, snapshotSteps: [1, 2, 3])
let rises = zip(jsdHistory, jsdHistory.dropFirst()).map { $1 - $0 }
let largeStepRises = zip(largeStepHistory, largeStepHistory.dropFirst()).map { $1 - $0 }
run.record("G3-monotone", Double(rises.filter { $0 > 0 }.count))
run.record("G3-converges", jsdHistory.last!)
run.record("G3-large-step", largeStepRises.max()!)
run.note("large-step rises", largeStepRises.filter { $0 > 0 }.count)
run.note("large-step first rise", 1 + largeStepRises.firstIndex { $0 > 0 }!)
run.note("steps to 1e-4 at 0.5", jsdHistory.firstIndex { $0 < 1e-4 }!)
run.note("steps to 1e-4 at 3", largeStepHistory.firstIndex { $0 < 1e-4 }!)

let dataMasses = FunctionSpaceGAN(pData: target, pG: start, stepSize: 0.5).pData
var proposition = Figure(title: "Proposition 2: p_g stepped against D* on a grid", columns: 3, panelWidth: 460, panelHeight: 380)
proposition[0].title = "η = 0.5"
proposition[1].title = "η = 3: steps that are not small"
for (panel, snapshots) in [(0, idealSnapshots), (1, largeStepSnapshots)] {
  proposition[panel].xLabel = "x"
  proposition[panel].yLabel = "probability mass per grid cell"
  proposition[panel].line(masses.points, dataMasses, label: "p_data", color: .black, width: 3, dashed: true)
  for (i, (step, pG)) in snapshots.enumerated() {
    proposition[panel].line(masses.points, pG, label: "p_g, step \(step)", color: Palette.series(i + 1))
  }
}
proposition[2].title = "JSD before each step"
proposition[2].xLabel = "step"
proposition[2].yLabel = "log₁₀ JSD(p_data ‖ p_g)"
for (history, label, color) in [(jsdHistory, "η = 0.5", Color.blue), (largeStepHistory, "η = 3", Color.vermillion)] {
  proposition[2].line(history.indices.map(Double.init), history.map { log10(max($0, 1e-16)) }, label: label, color: color)
}
proposition[2].horizontalLine(-4, label: "10⁻⁴", color: .gray)
proposition[2].legendPosition = .bottomLeft
run.save(proposition, as: "proposition-2.png")

//: ![Proposition 2](../../figures/chapter-02/proposition-2.png)
//:
//: With η = 0.5 the JSD rose at {{value:G3-monotone}} of the 60 steps and ends at
//: {{value:G3-converges}}. With η = 3 the update overshoots: where p_g has much less mass than
//: p_data, the factor p_g^(1−η) = p_g^(−2) blows that mass up, and p_g jumps past the data. The
//: JSD rises at {{fact:large-step rises}} of the 60 steps (the first time at step
//: {{fact:large-step first rise}}), by up to {{value:G3-large-step}} in one step. Yet look at
//: the right panel: after its early jumps, η = 3 reaches a JSD of 10⁻⁴ in
//: {{fact:steps to 1e-4 at 3}} steps, η = 0.5 in {{fact:steps to 1e-4 at 0.5}}. What the
//: proposition promises for small steps is improvement at every step, not speed; a large step
//: gives up that guarantee.

//: ## Fig. 1 in one dimension: a GAN with uniform z
//:
//: Fig. 1 of Goodfellow et al. (quoted in the course slides): "The lower horizontal line is the
//: domain from which z is sampled, in this case uniformly. The horizontal line above is part of
//: the domain of x. The upward arrows show how the mapping x = G(z) imposes the non-uniform
//: distribution p_g on transformed samples." We train G (1 → 32 → 32 → 1, tanh) and D
//: (1 → 64 → 64 → 1, leaky ReLU) on p_data = N(4, 0.5²) with z ~ U[0, 1], k = 2 discriminator
//: steps per generator step, Adam (β₁ = 0.5) with a learning rate decayed linearly to zero.
//: Along the way we stop once to replay the figure's panels: (a) the pair in mid-training;
//: (b) D trained alone, G frozen, tending towards D* (drawn from a density estimate of p_g);
//: (c) G updated alone against that D; (d) the end of training.
//:
//: The training is repeated at three seeds; the figure shows the first.

let pData = Distribution1D.normal(mean: 4, sd: 0.5)
let recipe = FigureOneGANRecipe()
let steps = run.budget(full: 16_000, quick: 3_000)
let batch = recipe.training.batchSize
let freshSteps = 6_000
let freshBatch = 256
let xsFig = stride(from: 1.5, through: 6.5, by: 0.01).map { $0 }
let ganSeeds: [UInt64] = [1, 2, 3]
run.note("GAN steps", steps)
run.note("fresh D steps", freshSteps)
run.note("GAN seeds", ganSeeds.count)

struct Picture: Sendable {
  let title: String
  let pG: [Double]
  let d: [Double]
  let zs: [Double]
  let gz: [Double]
}
/// p_g (a density estimate of 20000 samples), D and the arrows z → G(z), for one panel.
func picture(_ title: String, of gan: GAN, viewRng: SeededGenerator) -> Picture {
  var viewRng = viewRng
  let samples = gan.sample(20_000, using: &viewRng).scalars.map(Double.init)
  let zs = stride(from: 0.025, to: 1, by: 0.05).map { $0 }
  return Picture(title: title, pG: Statistics.kernelDensity(samples, at: xsFig),
                 d: gan.discriminate(Tensor(column: xsFig)), zs: zs,
                 gz: gan.generate(Tensor(column: zs)).scalars.map(Double.init))
}

/// What one seed's training leaves: the figure's panels (first seed only) and the measurements.
struct GANRun: Sendable {
  var pictures: [Picture] = []
  var ks = 0.0
  /// mean |D − ½| of the trained D, whose learning rate had decayed to 0.
  var trainedGap = 0.0
  /// mean |D − ½| of a fresh D trained against the final G.
  var freshGap = 0.0
  /// mean |D − ½| of a fresh D trained against p_data itself (the control).
  var controlGap = 0.0
  var finalPeak = 0.0
  /// mean |D*(x) − ½| for the final p_g (from its density estimate): the most any D could find.
  var optimalGap = 0.0
}

func trainFigureOneGAN(_ job: SweepJob, viewRng: SeededGenerator, evaluation: SeededGenerator) throws -> GANRun {
  var (rng, evaluation) = (job.rng, evaluation)
  let drawsPictures = job.seed == ganSeeds[0]
  var kept = GANRun()
  let replayAt = steps / 4
  let gan = try recipe.train(sampling: pData, steps: steps, using: &rng) { step, gan, rng in
    if step == replayAt && drawsPictures {
      kept.pictures.append(picture("(a) mid-training, step \(step)", of: gan, viewRng: viewRng))
      var dOptimizer = Adam(gan.discriminator.parameters, learningRate: 0.001, beta1: 0.5)
      for _ in 0..<400 {
        discriminatorStep(gan.discriminator, optimizer: &dOptimizer, real: Tensor(column: pData.sample(batch, using: &rng)),
                          fake: gan.sample(batch, using: &rng))
      }
      kept.pictures.append(picture("(b) D trained alone → D*", of: gan, viewRng: viewRng))
      var gOptimizer = Adam(gan.generator.parameters, learningRate: 0.001, beta1: 0.5)
      for _ in 0..<10 {
        generatorStep(gan, optimizer: &gOptimizer, noise: gan.noiseBatch(batch, using: &rng), cost: .nonSaturating)
      }
      kept.pictures.append(picture("(c) G updated against D", of: gan, viewRng: viewRng))
    }
  }
  let last = picture("(d) after \(steps) steps", of: gan, viewRng: viewRng)
  if drawsPictures { kept.pictures.append(last) }
  kept.finalPeak = last.pG.max()!
  // The best discriminator's gap: mean |D* − ½| over the mixture of the two is TV(p_data, p_g)/2.
  kept.optimalGap = zip(xsFig.map { pData.density($0) }, last.pG).map { abs($0 - $1) }.reduce(0, +) * 0.01 / 4
  let generated = gan.sample(20_000, using: &evaluation).scalars.map(Double.init)
  let realSample = pData.sample(20_000, using: &evaluation)
  kept.ks = Statistics.ksDistance(generated, cdf: { Statistics.normalCDF($0, mean: 4, sd: 0.5) })
  kept.trainedGap = Statistics.mean(gan.discriminate(Tensor(column: realSample + generated)).map { abs($0 - 0.5) })
  // The same fresh D (same initial weights, same draws) against the final G and against p_data.
  let data: (Int, inout SeededGenerator) -> Tensor = { n, rng in Tensor(column: pData.sample(n, using: &rng)) }
  var (freshRng, controlRng) = (evaluation, evaluation)
  kept.freshGap = freshDiscriminatorGap(layers: [1, 64, 64, 1], steps: freshSteps, batchSize: freshBatch, real: data,
                                        fake: { n, rng in gan.sample(n, using: &rng) }, using: &freshRng)
  kept.controlGap = freshDiscriminatorGap(layers: [1, 64, 64, 1], steps: freshSteps, batchSize: freshBatch, real: data,
                                          fake: data, using: &controlRng)
  return kept
}

let ganJobs = run.sweep(["1D GAN"], seeds: ganSeeds) { name, seed in "\(name)/seed \(seed)" }
let viewRng = run.generator("figure 1")
let evaluationRngs = Dictionary(uniqueKeysWithValues: ganSeeds.map { ($0, run.generator("evaluation/seed \($0)")) })
let ganRuns = run.inParallel("1D GANs", ganJobs) { job in
  try trainFigureOneGAN(job, viewRng: viewRng, evaluation: evaluationRngs[job.seed]!)
}

/// The median of `values`, recorded as `id`, with the spread (min–max) noted beside it.
@MainActor func recordMedian(_ id: String, _ values: [Double]) {
  run.record(id, Statistics.quantile(values, 0.5))
  run.note("\(id) spread", "\(NumberText.compact(values.min()!))–\(NumberText.compact(values.max()!))")
}
recordMedian("G8-ks", ganRuns.map(\.ks))
recordMedian("G8-half", ganRuns.map(\.freshGap))
recordMedian("G8-half-control", ganRuns.map(\.controlGap))
let trainedGaps = ganRuns.map(\.trainedGap)
run.note("trained D gap", Statistics.quantile(trainedGaps, 0.5))
run.note("trained D gap spread", "\(NumberText.compact(trainedGaps.min()!))–\(NumberText.compact(trainedGaps.max()!))")
run.note("optimal D gap", Statistics.quantile(ganRuns.map(\.optimalGap), 0.5))
run.note("p_g peak", ganRuns[0].finalPeak)
run.note("p_g peak median", Statistics.quantile(ganRuns.map(\.finalPeak), 0.5))
run.note("p_data peak", pData.density(4))

/// The runs of consecutive indices where `keep` holds.
func segments(_ keep: [Bool]) -> [Range<Int>] {
  let ends = keep.indices.filter { keep[$0] && ($0 == 0 || !keep[$0 - 1]) }
  return ends.map { start in start..<(keep[start...].firstIndex(of: false) ?? keep.count) }
}

var figure1 = Figure(title: "Goodfellow et al. Fig. 1, measured: p_data (black, dotted), p_g (green), D (blue, dashed)",
                     columns: 4, panelWidth: 340, panelHeight: 340)
let dataDensity = xsFig.map { pData.density($0) }
let (xRangeFig, yRangeFig) = (1.5...6.5, -0.45...1.35)
/// The mean of a density given on `xsFig`.
func mean(of density: [Double]) -> Double { zip(xsFig, density).map { $0 * $1 }.reduce(0, +) / density.reduce(0, +) }
run.note("p_g mean (b)", mean(of: ganRuns[0].pictures[1].pG))
run.note("p_g mean (c)", mean(of: ganRuns[0].pictures[2].pG))
for (i, pic) in ganRuns[0].pictures.enumerated() {
  var panel = Panel(title: pic.title, xLabel: "x")
  panel.dottedLine(xsFig, dataDensity, color: .black)
  panel.line(xsFig, pic.pG, color: .green, width: 2)
  panel.line(xsFig, pic.d, color: .blue, width: 2, dashed: true)
  if i == 1 {
    // D* is defined where p_g has mass; elsewhere it is 1 by convention and says nothing.
    let dStar = zip(dataDensity, pic.pG).map { optimalDiscriminator(pData: $0, pG: $1) }
    for (n, range) in segments(pic.pG.map { $0 > 0.01 }).enumerated() {
      panel.line(Array(xsFig[range]), Array(dStar[range]), label: n == 0 ? "D* where p_g > 0.01" : nil, color: .sky, width: 1.5)
    }
  }
  // The arrows x = G(z): z on the lower line (drawn over the same x range), G(z) on the upper one.
  let zLine = -0.35, xLine = -0.08
  panel.horizontalLine(zLine, color: .gray, dashed: false)
  panel.horizontalLine(xLine, color: .gray, dashed: false)
  panel.arrows(from: pic.zs.map { (x: 2 + 4 * $0, y: zLine) }, to: pic.gz.map { (x: $0, y: xLine) }, color: .gray)
  panel.text("z", x: 1.6, y: zLine + 0.05)
  panel.text("x", x: 1.6, y: xLine + 0.05)
  panel.xRange = xRangeFig
  panel.yRange = yRangeFig
  panel.yTickRange = 0...1
  panel.legendPosition = i == 1 ? .topRight : .none
  figure1[i] = panel
}
run.save(figure1, as: "figure-1.png")

//: ![Fig. 1 measured](../../figures/chapter-02/figure-1.png)
//:
//: Panel (c) is worth a second look. G took ten steps against the D of panel (b), and the mean
//: of p_g moved from {{fact:p_g mean (b)}} to {{fact:p_g mean (c)}}, with p_data's mean at 4:
//: p_g overshot, away from the data. D was trained with G frozen, so it is only informed where
//: p_g or p_data has mass; where neither had any, its value is whatever the network
//: extrapolates, and G climbs towards wherever D is higher, past the data. Fig. 1 draws G flowing onto p_data; that is what happens
//: when D is close to D* where G is about to go, and G's steps are small. Here neither held,
//: and the training that follows has to pull G back.
//:
//: After {{fact:GAN steps}} steps the Kolmogorov–Smirnov distance of G's samples to N(4, 0.5²)
//: is {{value:G8-ks}} (median over {{fact:GAN seeds}} seeds; spread {{fact:G8-ks spread}}),
//: against the 0.05 of the claim. An earlier version of this chapter trained once and met the
//: bound; the median over three seeds does not, so the claim is reported as not reproduced:
//: p_g ends close to p_data, not on it.
//:
//: Is D = ½ at the end? The trained D is on average {{fact:trained D gap}} away from ½ (spread
//: {{fact:trained D gap spread}}), but that says little: its learning rate decayed to 0 with G's,
//: so in the last steps it stopped learning, and p_g in panel (d) still peaks at
//: {{fact:p_g peak}} where p_data peaks at {{fact:p_data peak}}. The honest test trains a fresh
//: discriminator, same architecture, {{fact:fresh D steps}} steps of 256 samples at a constant
//: learning rate, against the final G, and asks it the same question. (With 2000 steps of 128 its
//: answer still depended on its initialisation; at this budget it lands near the optimum's.)
//: The fresh D is {{value:G8-half}} away from ½ (spread {{fact:G8-half spread}}). For
//: reference, the optimal discriminator of the final p_g sits {{fact:optimal D gap}} away from ½
//: on average (half the total-variation distance of p_g to p_data, from the density estimate).
//: The control trains the same fresh D against samples of p_data itself, where no
//: discriminator can do better than ½: {{value:G8-half-control}} (spread
//: {{fact:G8-half-control spread}}), the floor set by finite samples.
//:
//: So a discriminator that keeps learning can still tell the final G from the data, by about
//: as much as the optimal one could: the claim that D = ½ at the end is not reproduced. The
//: trained D looked like ½ because it had stopped learning, not because p_g had reached p_data.

//: ## Two typos in the tutorial paper
//:
//: The tutorial paper's Eq. 4 ends with E_{x∼p_g}[log p_data/(p_data + p_g)]; the numerator
//: must be p_g (it is log(1 − D*)). Its Eq. 5 reads
//: log ¼ + KL(p_data ‖ (p_data + p_g)/2) + KL(p_data ‖ (p_g + p_g)/2); the second term must be
//: KL(p_g ‖ (p_data + p_g)/2). As printed, the second KL is KL(p_data ‖ p_g), and the value is not
//: C(G):

let p0: (Double) -> Double = { normalDensity($0) }
let q1: (Double) -> Double = { normalDensity($0, mean: 1) }
let m01: (Double) -> Double = { (p0($0) + q1($0)) / 2 }
let printedEq5 = log(0.25) + kullbackLeibler(p0, m01, on: grid) + kullbackLeibler(p0, q1, on: grid)
let cG = virtualTrainingCriterion(pData: p0, pG: q1, on: grid)
run.note("printed Eq. 5", printedEq5)
run.note("C(G)", cG)
run.record("E-eq5", abs(printedEq5 - cG))

//: For p_data = N(0, 1) and p_g = N(1, 1), the printed Eq. 5 gives {{fact:printed Eq. 5}}
//: where C(G) is {{fact:C(G)}}. ERRATA.md records both corrections.
//:
//: {{claims}}
//:
//: ## Try it
//:
//: Run the chapter with `make chapter-2` (it rewrites this page and its figures),
//: or `swift build -c release && .build/release/chapter-2 --quick --out /tmp/try` for a fast look.
//: Then change one thing at a time:
//:
//: 1. **A far-away generator.** Extend the sweep to μ in [−8, 8]:
//:    `let mus = (-160...160).map { Double($0) / 20 }`. What value does C(G) approach as p_g
//:    moves away, and what happens to its slope? Add a panel with the finite difference
//:    (C(μ + 0.05) − C(μ))/0.05 against μ. What does it tell a generator that starts far from
//:    the data?
//: 2. **Step sizes.** Call `stepAgainstDStar(eta: 1)`, then `eta: 4`, and plot their JSD beside
//:    η = 0.5 and η = 3. Compare η = 1 with the formula p_g ← (p_data + p_g)/2 in
//:    `FunctionSpaceGAN`'s documentation. What happens at η = 4? Print the smallest and the
//:    largest mass of p_g after each step.
//: 3. **No decay.** In `FigureOneGANRecipe.learningRate(atStep:of:)`, return `learningRate`. Does
//:    the final G come closer to p_data (G8-ks), and what do the trained D and the fresh D say
//:    about it now? Try `--seed 7` as well: three new trainings.

run.finish()
