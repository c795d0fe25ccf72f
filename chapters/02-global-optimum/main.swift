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
      id: "G2-identity", statement: "C(G) = −log 4 + 2·JSD(p_data ‖ p_g) for any pair of densities",
      source: "Goodfellow et al. 2014 Thm. 1 (CLAIMS.md G2)",
      quantity: "max |C(G) − (−log 4 + 2·JSD)| over 6 density pairs", expected: .below(1e-6)),
    ClaimSpec(
      id: "G2-minimum", statement: "The minimum of C(G) is −log 4 ≈ −1.386294, reached where p_g = p_data",
      source: "Goodfellow et al. 2014 Thm. 1; tutorial paper Thm. 1 (CLAIMS.md G2)",
      quantity: "min over μ of C(G) for p_g = N(μ, 1), p_data = N(0, 1)",
      expected: .within(1e-6, of: -log(4.0))),
    ClaimSpec(
      id: "G3-monotone", statement: "Against the optimal D, small steps in p_g lower JSD(p_data ‖ p_g) at every step",
      source: "Goodfellow et al. 2014 Prop. 2 (CLAIMS.md G3)",
      quantity: "number of steps at which the JSD rose", expected: .atMost(0)),
    ClaimSpec(
      id: "G3-converges", statement: "… and p_g converges to p_data",
      source: "Goodfellow et al. 2014 Prop. 2 (CLAIMS.md G3)",
      quantity: "JSD after the last step", expected: .below(1e-4)),
    ClaimSpec(
      id: "G8-ks", statement: "A 1D GAN with uniform z learns p_data = N(4, 0.5²)",
      source: "Goodfellow et al. 2014 Fig. 1 (d) (CLAIMS.md G8)",
      quantity: "Kolmogorov–Smirnov distance of 20000 samples to N(4, 0.5²)",
      expected: .below(0.05), quickExpected: .below(0.15)),
    ClaimSpec(
      id: "G8-half", statement: "At convergence the discriminator cannot tell: D(x) = ½",
      source: "Goodfellow et al. 2014 Fig. 1 (d) (CLAIMS.md G8)",
      quantity: "mean |D(x) − ½| over data and generated samples",
      expected: .below(0.05), quickExpected: .below(0.15)),
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

let mus = stride(from: -3.0, through: 3.0, by: 0.05).map { $0 }
let criterion = mus.map { mu in
  virtualTrainingCriterion(pData: { normalDensity($0) }, pG: { normalDensity($0, mean: mu) }, on: grid)
}
run.record("G2-minimum", criterion.min()!)
run.note("argmin mu", mus[criterion.firstIndex(of: criterion.min()!)!])

var sweep = Figure(title: "C(G) = max_D V(D, G) for p_data = N(0, 1), p_g = N(μ, 1)", panelWidth: 640, panelHeight: 380)
sweep[0].xLabel = "μ (the generator's mean)"
sweep[0].yLabel = "C(G)"
sweep[0].line(mus, criterion, label: "C(G), integrated", color: .blue)
sweep[0].line(mus, mus.map { mu in
  minimumOfCriterion + 2 * jensenShannon({ normalDensity($0) }, { normalDensity($0, mean: mu) }, on: Grid(-30...30, intervals: 6_000))
}, label: "−log 4 + 2·JSD", color: .orange, dashed: true)
sweep[0].horizontalLine(minimumOfCriterion, label: "−log 4", color: .gray)
sweep[0].legendPosition = .topLeft
run.save(sweep, as: "criterion.png")

//: ![C(G) against μ](../../figures/chapter-02/criterion.png)
//:
//: The identity holds to {{value:G2-identity}} over the six pairs, and the smallest C(G) is
//: {{value:G2-minimum}}, at μ = {{fact:argmin mu}}.

//: ## Proposition 2: steps against the optimal discriminator
//:
//: Put p_g on a grid as a probability vector. Before each step, set D to its optimum D*_G; then
//: move p_g a small step in the direction that improves E_{p_g}[log(1 − D*_G(x))]. Theorem 1
//: says the criterion is 2·JSD − log 4, so the JSD should fall at every step, towards 0.
//: {{code:FunctionSpaceGAN}}

let masses = Grid(-8...10, intervals: 1_800)
let target = masses.points.map { normalDensity($0, mean: 2, sd: 0.7) }
let start = masses.points.map { Distribution1D.normalMixture(weights: [0.5, 0.5], means: [-2, 4], sds: [1, 1.5]).density($0) }
var ideal = FunctionSpaceGAN(pData: target, pG: start, stepSize: 0.5)
var jsdHistory = [ideal.jensenShannonDivergence]
var idealSnapshots = [(0, ideal.pG)]
for step in 1...60 {
  ideal.step()
  jsdHistory.append(ideal.jensenShannonDivergence)
  if [2, 6, 60].contains(step) { idealSnapshots.append((step, ideal.pG)) }
}
run.record("G3-monotone", Double(zip(jsdHistory, jsdHistory.dropFirst()).filter { $1 > $0 }.count))
run.record("G3-converges", jsdHistory.last!)

var proposition = Figure(title: "Proposition 2: p_g stepped against D* on a grid", columns: 2, panelWidth: 520, panelHeight: 380)
proposition[0].xLabel = "x"
proposition[0].yLabel = "probability mass per grid cell"
proposition[0].line(masses.points, ideal.pData, label: "p_data", color: .black, width: 3, dashed: true)
for (i, (step, pG)) in idealSnapshots.enumerated() {
  proposition[0].line(masses.points, pG, label: "p_g, step \(step)", color: Palette.series(i + 1))
}
proposition[1].xLabel = "step"
proposition[1].yLabel = "log₁₀ JSD(p_data ‖ p_g)"
proposition[1].line(jsdHistory.indices.map(Double.init), jsdHistory.map { log10(max($0, 1e-16)) }, label: "JSD", color: .blue)
proposition[1].horizontalLine(-4, label: "10⁻⁴", color: .gray)
run.save(proposition, as: "proposition-2.png")

//: ![Proposition 2](../../figures/chapter-02/proposition-2.png)

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

let pData = Distribution1D.normal(mean: 4, sd: 0.5)
let gan = GAN(generator: .perceptron([1, 32, 32, 1], hidden: .tanh, using: &rng),
              discriminator: .perceptron([1, 64, 64, 1], hidden: .leakyRelu(slope: 0.2), using: &rng),
              noise: .uniform(low: 0, high: 1), noiseDimension: 1)
let learningRate: Float = 0.001
let steps = run.budget(full: 16_000, quick: 3_000)
let batch = 128
var trainer = AdversarialTrainer(
  gan: gan, training: AdversarialTraining(optimizer: .adam(learningRate: learningRate, beta1: 0.5), batchSize: batch,
                                          discriminatorSteps: 2))
let xsFig = stride(from: 1.5, through: 6.5, by: 0.01).map { $0 }
run.note("GAN steps", steps)

struct Picture {
  let title: String
  let pG: [Double]
  let d: [Double]
  let zs: [Double]
  let gz: [Double]
}
@MainActor func picture(_ title: String) -> Picture {
  var viewRng = run.generator("figure 1")
  let samples = gan.sample(20_000, using: &viewRng).scalars.map(Double.init)
  let zs = stride(from: 0.025, to: 1, by: 0.05).map { $0 }
  return Picture(title: title, pG: Statistics.kernelDensity(samples, at: xsFig),
                 d: gan.discriminate(Tensor(column: xsFig)), zs: zs,
                 gz: gan.generate(Tensor(column: zs)).scalars.map(Double.init))
}

var pictures: [Picture] = []
let bar = run.progress("1D GAN", total: steps)
let replayAt = steps / 4
for step in 1...steps {
  let decay = Float(steps - step) / Float(steps)
  trainer.discriminatorOptimizer.learningRate = learningRate * decay
  trainer.generatorOptimizer.learningRate = learningRate * decay
  let losses = run.attempt("the 1D GAN") {
    try trainer.train(on: Tensor(column: pData.sample(batch, using: &rng)), using: &rng)
  }
  bar.update(step, metrics: ["loss D": losses.discriminator])
  if step == replayAt {
    pictures.append(picture("(a) mid-training, step \(step)"))
    var dOptimizer = Adam(gan.discriminator.parameters, learningRate: 0.001, beta1: 0.5)
    for _ in 0..<400 {
      discriminatorStep(gan.discriminator, optimizer: &dOptimizer, real: Tensor(column: pData.sample(batch, using: &rng)),
                        fake: gan.sample(batch, using: &rng))
    }
    pictures.append(picture("(b) D trained alone → D*"))
    var gOptimizer = Adam(gan.generator.parameters, learningRate: 0.001, beta1: 0.5)
    for _ in 0..<10 {
      generatorStep(gan, optimizer: &gOptimizer, noise: gan.noiseBatch(batch, using: &rng), cost: .nonSaturating)
    }
    pictures.append(picture("(c) G updated against D"))
  }
}
bar.finish()
pictures.append(picture("(d) after \(steps) steps"))

var evaluationRng = run.generator("evaluation")
let generated = gan.sample(20_000, using: &evaluationRng).scalars.map(Double.init)
let realSample = pData.sample(20_000, using: &evaluationRng)
run.record("G8-ks", Statistics.ksDistance(generated, cdf: { Statistics.normalCDF($0, mean: 4, sd: 0.5) }))
let dValues = gan.discriminate(Tensor(column: realSample + generated))
run.record("G8-half", Statistics.mean(dValues.map { abs($0 - 0.5) }))

var figure1 = Figure(title: "Goodfellow et al. Fig. 1, measured: p_data (black, dashed), p_g (green), D (blue, dashed)",
                     columns: 4, panelWidth: 340, panelHeight: 340)
let dataDensity = xsFig.map { pData.density($0) }
for (i, pic) in pictures.enumerated() {
  var panel = Panel(title: pic.title, xLabel: "x")
  panel.line(xsFig, dataDensity, color: .black, width: 2, dashed: true)
  panel.line(xsFig, pic.pG, color: .green, width: 2)
  panel.line(xsFig, pic.d, color: .blue, width: 2, dashed: true)
  if i == 1 {
    let dStar = zip(dataDensity, pic.pG).map { optimalDiscriminator(pData: $0, pG: $1) }
    panel.line(xsFig, dStar, label: "D* from p_g", color: .sky, width: 1)
  }
  // The arrows x = G(z): z on the lower line (drawn over the same x range), G(z) on the upper one.
  let zLine = -0.35, xLine = -0.08
  panel.horizontalLine(zLine, color: .gray, dashed: false)
  panel.horizontalLine(xLine, color: .gray, dashed: false)
  panel.arrows(from: pic.zs.map { (x: 2 + 4 * $0, y: zLine) }, to: pic.gz.map { (x: $0, y: xLine) }, color: .gray)
  panel.text("z", x: 1.6, y: zLine + 0.05)
  panel.text("x", x: 1.6, y: xLine + 0.05)
  panel.xRange = 1.5...6.5
  panel.yRange = -0.45...1.05
  panel.legendPosition = i == 1 ? .topLeft : .none
  figure1[i] = panel
}
run.save(figure1, as: "figure-1.png")

//: ![Fig. 1 measured](../../figures/chapter-02/figure-1.png)
//:
//: After {{fact:GAN steps}} steps the Kolmogorov–Smirnov distance of G's samples to N(4, 0.5²)
//: is {{value:G8-ks}}, and D is on average {{value:G8-half}} away from ½.

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

run.finish()
