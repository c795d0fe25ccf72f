import Foundation
import Lessons
import Math

// MARK: Chapter 1: the optimal discriminator

let chapter1Checks: [String: @Sendable () -> CheckResult] = [
  "optimal-discriminator.formula": {
    var rng = SeededGenerator(seed: 101)
    var worst = WorstCase()
    for _ in 0..<2000 {
      let (p, q) = (rng.uniform(0.001, 3), rng.uniform(0.001, 3))
      worst.record(measured: optimalDiscriminator(pData: p, pG: q), expected: p / (p + q), at: "p = \(format(p)), q = \(format(q))")
    }
    return worst.result("D*(x) = p_data/(p_data + p_g) (Goodfellow et al. 2014, Prop. 1) at 2000 random density pairs", tolerance: 1e-12)
  },
  "optimal-discriminator.maximises-objective": {
    // The maximiser of p log w + q log(1 − w), found on a fine grid of w, independently of the formula.
    var rng = SeededGenerator(seed: 102)
    var worst = WorstCase()
    let ws = (1..<20_000).map { Double($0) / 20_000 }
    for _ in 0..<200 {
      let (p, q) = (rng.uniform(0.01, 2), rng.uniform(0.01, 2))
      let best = ws.max { discriminatorObjective($0, pData: p, pG: q) < discriminatorObjective($1, pData: p, pG: q) }!
      worst.record(measured: optimalDiscriminator(pData: p, pG: q), expected: best, at: "p = \(format(p)), q = \(format(q))")
    }
    return worst.result("D* maximises p log D + q log(1 − D) (the grid's maximiser)", tolerance: 1e-4)
  },
]

// MARK: Chapter 2: the global optimum

/// N(mean, sd²) as a density.
func normal(_ mean: Double, _ sd: Double) -> (Double) -> Double { { normalDensity($0, mean: mean, sd: sd) } }

let chapter2Checks: [String: @Sendable () -> CheckResult] = [
  "value-function.integral": {
    // V(D, G) as a weighted sum over the grid's own points and weights, for logistic D.
    var rng = SeededGenerator(seed: 201)
    var worst = WorstCase()
    let grid = Grid(-12...12, intervals: 4000)
    for _ in 0..<20 {
      let (m1, s1, m2, s2) = (rng.uniform(-2, 2), rng.uniform(0.5, 2), rng.uniform(-2, 2), rng.uniform(0.5, 2))
      let (a, b) = (rng.uniform(-2, 2), rng.uniform(-1, 1))
      let d = { (x: Double) in 1 / (1 + exp(-(a * x + b))) }
      var expected = 0.0
      for (x, w) in zip(grid.points, grid.weights) {
        let (p, q) = (normalDensity(x, mean: m1, sd: s1), normalDensity(x, mean: m2, sd: s2))
        expected += w * ((p > 0 ? p * log(d(x)) : 0) + (q > 0 ? q * log1p(-d(x)) : 0))
      }
      let measured = valueFunction(discriminator: d, pData: normal(m1, s1), pG: normal(m2, s2), on: grid)
      worst.record(measured: measured, expected: expected, at: "p_data = N(\(format(m1)), \(format(s1))²), p_g = N(\(format(m2)), \(format(s2))²), D = σ(\(format(a))x + \(format(b)))")
    }
    return worst.result("V(D, G) = ∫ p log D + q log(1 − D) (Goodfellow et al. 2014, Eq. 1)", tolerance: 1e-9)
  },
  "virtual-training-criterion.theorem-1": {
    var rng = SeededGenerator(seed: 202)
    var worst = WorstCase()
    let grid = Grid(-15...15, intervals: 6000)
    for _ in 0..<20 {
      let (m1, s1, m2, s2) = (rng.uniform(-2, 2), rng.uniform(0.5, 2), rng.uniform(-2, 2), rng.uniform(0.5, 2))
      let measured = virtualTrainingCriterion(pData: normal(m1, s1), pG: normal(m2, s2), on: grid)
      let expected = -log(4.0) + 2 * jensenShannon(normal(m1, s1), normal(m2, s2), on: grid)
      worst.record(measured: measured, expected: expected, at: "p_data = N(\(format(m1)), \(format(s1))²), p_g = N(\(format(m2)), \(format(s2))²)")
    }
    return worst.result("C(G) = −log 4 + 2·JSD(p_data ‖ p_g) (Goodfellow et al. 2014, Thm. 1)", tolerance: 1e-6)
  },
  "virtual-training-criterion.minimum": {
    var worst = WorstCase()
    let grid = Grid(-15...15, intervals: 6000)
    for (m, s) in [(0.0, 1.0), (1.5, 0.7), (-2.0, 2.0)] {
      worst.record(measured: virtualTrainingCriterion(pData: normal(m, s), pG: normal(m, s), on: grid), expected: -log(4.0),
                   at: "p_g = p_data = N(\(format(m)), \(format(s))²)")
    }
    return worst.result("C(G) = −log 4 when p_g = p_data", tolerance: 1e-9)
  },
]

// MARK: Chapter 3: the two steps of Algorithm 1

/// A one-weight logistic model a = w x + b as a network.
func logistic(_ w: Float, _ b: Float) -> Sequential {
  Sequential(Linear(weight: Tensor(shape: [1, 1], scalars: [w]), bias: Tensor(shape: [1, 1], scalars: [b])))
}

func sigma(_ a: Double) -> Double { 1 / (1 + exp(-a)) }

let chapter3Checks: [String: @Sendable () -> CheckResult] = [
  "discriminator-step.sgd-update": {
    // One SGD step on −[Σ log D(x) + Σ log(1 − D(G(z)))]/(m + n) for a logistic D, worked by hand.
    var rng = SeededGenerator(seed: 301)
    var worst = WorstCase()
    for passes in [DiscriminatorPasses.stacked, .separate] {
      for _ in 0..<20 {
        let (w, b) = (Float(rng.uniform(-1, 1)), Float(rng.uniform(-1, 1)))
        let real = (0..<5).map { _ in rng.uniform(-2, 2) }, fake = (0..<3).map { _ in rng.uniform(-2, 2) }
        let d = logistic(w, b)
        var optimizer = SGD(d.parameters, learningRate: 0.5)
        let loss = discriminatorStep(d, optimizer: &optimizer, real: Tensor(column: real), fake: Tensor(column: fake), passes: passes)
        let all = real.map { ($0, 1.0) } + fake.map { ($0, 0.0) }
        let n = Double(all.count)
        var (expectedLoss, gw, gb) = (0.0, 0.0, 0.0)
        for (x, y) in all {
          let a = Double(w) * x + Double(b)
          expectedLoss += -(y * log(sigma(a)) + (1 - y) * log(1 - sigma(a))) / n
          gw += (sigma(a) - y) * x / n
          gb += (sigma(a) - y) / n
        }
        let input = "\(passes), w = \(format(Double(w))), b = \(format(Double(b)))"
        worst.record(measured: loss, expected: expectedLoss, at: "the returned loss, \(input)")
        worst.record(measured: Double(d.parameters[0].value.scalars[0]), expected: Double(w) - 0.5 * gw, at: "D's weight after the step, \(input)")
        worst.record(measured: Double(d.parameters[1].value.scalars[0]), expected: Double(b) - 0.5 * gb, at: "D's bias after the step, \(input)")
      }
    }
    return worst.result("the discriminator step descends D's loss by one optimizer step and returns the loss before it", tolerance: 2e-5)
  },
  "generator-step.sgd-update": {
    // G(z) = u z + c and D(x) = σ(w x + b); one SGD step on G's cost, D frozen.
    var rng = SeededGenerator(seed: 302)
    var worst = WorstCase()
    for cost in GeneratorCost.allCases {
      for _ in 0..<20 {
        let (u, c, w, b) = (Float(rng.uniform(-1, 1)), Float(rng.uniform(-1, 1)), Float(rng.uniform(-2, 2)), Float(rng.uniform(-1, 1)))
        let z = (0..<4).map { _ in rng.uniform(-2, 2) }
        let gan = GAN(generator: logistic(u, c), discriminator: logistic(w, b), noiseDimension: 1)
        var optimizer = SGD(gan.generator.parameters, learningRate: 0.5)
        let loss = generatorStep(gan, optimizer: &optimizer, noise: Tensor(column: z), cost: cost)
        let n = Double(z.count)
        var (expectedLoss, gu, gc) = (0.0, 0.0, 0.0)
        for zi in z {
          let a = Double(w) * (Double(u) * zi + Double(c)) + Double(b)
          // minimax: log(1 − σ(a)), slope −σ(a); non-saturating: −log σ(a), slope −(1 − σ(a)).
          let (value, slope) = cost == .minimax ? (log(1 - sigma(a)), -sigma(a)) : (-log(sigma(a)), -(1 - sigma(a)))
          expectedLoss += value / n
          gu += slope * Double(w) * zi / n
          gc += slope * Double(w) / n
        }
        let input = "\(cost) cost, G = \(format(Double(u)))z + \(format(Double(c))), D = σ(\(format(Double(w)))x + \(format(Double(b))))"
        worst.record(measured: loss, expected: expectedLoss, at: "the returned loss, \(input)")
        worst.record(measured: Double(gan.generator.parameters[0].value.scalars[0]), expected: Double(u) - 0.5 * gu, at: "G's weight after the step, \(input)")
        worst.record(measured: Double(gan.generator.parameters[1].value.scalars[0]), expected: Double(c) - 0.5 * gc, at: "G's bias after the step, \(input)")
        worst.record(measured: Double(gan.discriminator.parameters[0].value.scalars[0]), expected: Double(w), at: "D's weight (frozen), \(input)")
      }
    }
    return worst.result("the generator step descends G's cost through a frozen D and returns the loss before it", tolerance: 2e-5)
  },
]
