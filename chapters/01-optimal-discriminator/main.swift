import Foundation
import Lessons
import Math
import Workbook

//: # Chapter 1 — The optimal discriminator
//:
//: Every text starts from the same fact. For a fixed generator G, the discriminator that wins
//: the game is, in the tutorial paper's words (Proposition 1, Eq. 2),
//:
//: > D*_G(x) = p_data(x) / (p_data(x) + p_g(x))
//:
//: because "the function w → p log(w) + q log(1 − w) becomes highest in [0, 1] at p/(p+q) for
//: any (p, q) ∈ ℝ² \ {0, 0}". This chapter checks that argument pointwise, then trains two
//: discriminators — a logistic regression and a small multilayer perceptron — on samples of two
//: known densities and measures how close they come to D*. It also shows, numerically, a typo
//: in the tutorial paper's Eq. 3.

let chapter = Chapter(
  number: 1, slug: "01-optimal-discriminator", title: "The optimal discriminator",
  claims: [
    ClaimSpec(
      id: "G1-pointwise", statement: "w ↦ p log w + q log(1 − w) peaks at w = p/(p + q)",
      source: "Goodfellow et al. 2014 Prop. 1; tutorial paper Eq. 2 (CLAIMS.md G1)",
      quantity: "max |argmax on a grid of 10⁵ w − p/(p+q)| over 1000 random (p, q)",
      expected: .below(1e-4)),
    ClaimSpec(
      id: "G1-logistic", statement: "A logistic-regression D trained on N(0,1) vs N(1,1) samples recovers D* = σ(0.5 − x)",
      source: "Goodfellow et al. 2014 Prop. 1 (CLAIMS.md G1)",
      quantity: "max |D(x) − D*(x)| on [−3, 4]", expected: .below(0.01), quickExpected: .below(0.03)),
    ClaimSpec(
      id: "G1-mlp", statement: "An MLP discriminator trained on the same samples recovers D*",
      source: "Goodfellow et al. 2014 Prop. 1 (CLAIMS.md G1)",
      quantity: "max |D(x) − D*(x)| on [−3, 4]", expected: .below(0.05), quickExpected: .below(0.1)),
    ClaimSpec(
      id: "E-eq3", statement: "The tutorial paper's Eq. 3 as printed, ∫ [p_data log D + log(1 − D)], has the same maximiser D*",
      source: "Tutorial paper Eq. 3 (ERRATA.md)",
      quantity: "max |argmax of the printed integrand − D*| on [−3, 4]", expected: .below(1e-3),
      outcome: .notReproduced(because: "the printed integrand lacks the factor p_g(x): its maximiser is p/(p + 1), not p/(p + q)")),
  ])
let run = chapter.start()
var rng = SeededGenerator(seed: run.seed)

//: ## Pointwise: where does p log w + q log(1 − w) peak?
//:
//: The integrand and the formula are two small functions in Math:
//: {{code:discriminatorObjective}}
//: {{code:optimalDiscriminator}}
//: For random pairs of densities (p, q) we search the maximiser of the integrand on a fine grid
//: of w and compare.

let wGrid = (1..<100_000).map { Double($0) / 100_000 }
var worstPointwise = 0.0
for _ in 0..<run.budget(full: 1000, quick: 200) {
  let (p, q) = (rng.uniform(0.001, 5), rng.uniform(0.001, 5))
  let best = wGrid.max { discriminatorObjective($0, pData: p, pG: q) < discriminatorObjective($1, pData: p, pG: q) }!
  worstPointwise = max(worstPointwise, abs(best - optimalDiscriminator(pData: p, pG: q)))
}
run.record("G1-pointwise", worstPointwise)

//: ## Training a discriminator against a fixed generator
//:
//: Take p_data = N(0, 1) and a fixed "generator" whose samples follow p_g = N(1, 1). Then
//: p_data/(p_data + p_g) = 1/(1 + e^(x − 0.5)) = σ(0.5 − x): a logistic function of x, which a
//: logistic regression D(x) = σ(wx + b) can represent exactly, and an MLP can approximate.
//: Both are trained by the discriminator step of every GAN in this workbook: binary
//: cross-entropy, real samples labelled 1, generated 0.
//: {{code:discriminatorStep}}

let sampleCount = run.budget(full: 20_000, quick: 5_000)
let epochs = run.epochs(full: 60, quick: 40)
let real = Tensor(column: Distribution1D.normal(mean: 0, sd: 1).sample(sampleCount, using: &rng))
let fake = Tensor(column: Distribution1D.normal(mean: 1, sd: 1).sample(sampleCount, using: &rng))
let xs = stride(from: -3.0, through: 4.0, by: 0.01).map { $0 }
let dStar = xs.map { x in optimalDiscriminator(pData: normalDensity(x), pG: normalDensity(x, mean: 1)) }
run.note("samples", sampleCount)
run.note("epochs", epochs)

/// Trains `d` against the fixed generator and returns D(x) on `xs`.
/// - Throws: `TrainingDiverged` when the loss is not finite.
@MainActor func train(_ d: Sequential, label: String) throws -> [Double] {
  var optimizer = Adam(d.parameters, learningRate: 0.01)
  let bar = run.progress(label, total: epochs)
  var step = 0
  for epoch in 1...epochs {
    if epoch == epochs * 2 / 3 { optimizer.learningRate = 0.001 }
    for (r, f) in zip(minibatches(of: real, size: 512, using: &rng), minibatches(of: fake, size: 512, using: &rng)) {
      step += 1
      try finite(discriminatorStep(d, optimizer: &optimizer, real: r, fake: f), "the loss", step: step, of: "the \(label)")
    }
    bar.update(epoch)
  }
  bar.finish()
  return d.evaluate(Tensor(column: xs)).scalars.map { Math.sigmoid(Double($0)) }
}
@MainActor func maxError(_ d: [Double]) -> Double { zip(d, dStar).map { abs($0 - $1) }.max()! }

let logistic = run.attempt("training") { try train(Sequential(Linear(1, 1, using: &rng)), label: "logistic D") }
let mlp = run.attempt("training") {
  try train(.perceptron([1, 32, 32, 1], hidden: .leakyRelu(slope: 0.2), using: &rng), label: "MLP D")
}
run.record("G1-logistic", maxError(logistic))
run.record("G1-mlp", maxError(mlp))

//: The figure draws it in the style of Fig. 1 of Goodfellow et al.: the data density (black,
//: dashed), the generator's density (green, solid), the optimal discriminator (blue, dashed)
//: and the two trained ones.

var figure = Figure(title: "The optimal discriminator D* = p_data / (p_data + p_g)", columns: 2,
                    panelWidth: 520, panelHeight: 380)
figure[0].title = "Densities and discriminators"
figure[0].xLabel = "x"
figure[0].line(xs, xs.map { normalDensity($0) }, label: "p_data = N(0, 1)", color: .black, dashed: true)
figure[0].line(xs, xs.map { normalDensity($0, mean: 1) }, label: "p_g = N(1, 1)", color: .green)
figure[0].line(xs, dStar, label: "D* (analytic)", color: .blue, width: 3, dashed: true)
figure[0].line(xs, logistic, label: "logistic D", color: .orange)
figure[0].line(xs, mlp, label: "MLP D", color: .vermillion)
figure[0].yRange = 0...1.05
figure[1].title = "Error of the trained discriminators"
figure[1].xLabel = "x"
figure[1].yLabel = "D(x) − D*(x)"
figure[1].line(xs, zip(logistic, dStar).map { $0 - $1 }, label: "logistic D", color: .orange)
figure[1].line(xs, zip(mlp, dStar).map { $0 - $1 }, label: "MLP D", color: .vermillion)
figure[1].horizontalLine(0, color: .gray)
run.save(figure, as: "optimal-discriminator.png")

//: ![The optimal discriminator](../../figures/chapter-01/optimal-discriminator.png)
//:
//: Trained on {{fact:samples}} samples from each density, the logistic regression lands within
//: {{value:G1-logistic}} of D* everywhere on [−3, 4], the MLP within {{value:G1-mlp}}.

//: ## A typo in the tutorial paper's Eq. 3
//:
//: The tutorial paper writes the discriminator's objective as
//: ∫ [p_data log(D(x)) + log(1 − D(x))] dx. The second term has lost its density: it should be
//: p_g(x) log(1 − D(x)), because E_z[log(1 − D(G(z)))] = ∫ p_g(x) log(1 − D(x)) dx. Maximising
//: the printed integrand pointwise gives w = p/(p + 1) instead of p/(p + q), so the proof of
//: Eq. 2 does not go through from it. We measure the gap.

let printedMaximiser = xs.map { x -> Double in
  let p = normalDensity(x)
  return optimalDiscriminator(pData: p, pG: 1)  // the printed integrand is p log w + 1 · log(1 − w)
}
run.record("E-eq3", zip(printedMaximiser, dStar).map { abs($0 - $1) }.max()!)
var erratum = Figure(title: "Tutorial paper Eq. 3: printed vs corrected integrand")
erratum[0].xLabel = "x"
erratum[0].yLabel = "maximising D(x)"
erratum[0].line(xs, dStar, label: "corrected: p/(p + q) = D*", color: .blue, width: 3)
erratum[0].line(xs, printedMaximiser, label: "as printed: p/(p + 1)", color: .vermillion, dashed: true)
erratum[0].yRange = 0...1.05
run.save(erratum, as: "erratum-eq3.png")

//: ![Erratum](../../figures/chapter-01/erratum-eq3.png)
//:
//: The printed integrand's maximiser differs from D* by up to {{value:E-eq3}}; ERRATA.md records
//: the correction.
//:
//: {{claims}}

run.finish()
