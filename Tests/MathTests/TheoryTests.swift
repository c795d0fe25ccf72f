import Foundation
import Math
import PropertyBased
import Testing

/// The theorems of Goodfellow et al. 2014 in Double (CLAIMS.md G1–G3), and the integration,
/// divergences and projection they are checked with.
@Suite struct TheoryTests {
  // MARK: helpers

  /// N(mean, sd²) as a density function.
  static func normal(_ mean: Double, _ sd: Double) -> (Double) -> Double {
    { normalDensity($0, mean: mean, sd: sd) }
  }

  /// A random probability vector: weights minimumWeight + U(0, 1), normalised.
  static func probabilityVector(_ n: Int, minimumWeight: Double = 0, using g: inout SeededGenerator)
    -> [Double]
  {
    let w = (0..<n).map { _ in minimumWeight + g.uniform() }
    let total = w.reduce(0, +)
    return w.map { $0 / total }
  }

  static func distance(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
  }

  /// Theorem 1 on one density pair: C(G) = −log 4 + 2·JSD within 1e−6, C ≥ −log 4, and
  /// 0 ≤ JSD ≤ log 2, symmetric. `pieces` splits the line where a density jumps, so each
  /// piece is integrated on its own grid with the densities that hold inside it.
  @discardableResult
  static func expectTheoremOne(
    pieces: [(range: ClosedRange<Double>, pData: (Double) -> Double, pG: (Double) -> Double)],
    intervals: Int = 40_000, sourceLocation: SourceLocation = #_sourceLocation
  ) -> (criterion: Double, jensenShannon: Double) {
    var (criterion, jsd, reversed) = (0.0, 0.0, 0.0)
    for piece in pieces {
      let grid = Grid(piece.range, intervals: intervals)
      criterion += virtualTrainingCriterion(pData: piece.pData, pG: piece.pG, on: grid)
      jsd += jensenShannon(piece.pData, piece.pG, on: grid)
      reversed += jensenShannon(piece.pG, piece.pData, on: grid)
    }
    #expect(
      abs(criterion - (minimumOfCriterion + 2 * jsd)) < 1e-6,
      "C = \(criterion), −log 4 + 2 JSD = \(minimumOfCriterion + 2 * jsd)",
      sourceLocation: sourceLocation)
    #expect(
      criterion >= minimumOfCriterion - 1e-9, "C = \(criterion)", sourceLocation: sourceLocation)
    #expect(jsd >= -1e-12 && jsd <= log(2) + 1e-9, "JSD = \(jsd)", sourceLocation: sourceLocation)
    #expect(abs(jsd - reversed) < 1e-12, sourceLocation: sourceLocation)
    return (criterion, jsd)
  }

  // MARK: OptimalDiscriminator.swift — G1

  @Test func optimalDiscriminatorMaximisesThePointwiseObjective() async {
    // G1 (Prop. 1): p log w + q log(1 − w) peaks at w* = p/(p + q).
    await propertyCheck(
      count: 200, input: Gen.double(in: 1e-3...10), Gen.double(in: 1e-3...10), Gen.uint64()
    ) {
      p, q, seed in
      let best = optimalDiscriminator(pData: p, pG: q)
      #expect(abs(best - p / (p + q)) < 1e-15)
      let peak = discriminatorObjective(best, pData: p, pG: q)
      #expect(abs(peak - (p * log(p / (p + q)) + q * log(q / (p + q)))) < 1e-12 * (1 + abs(peak)))
      var g = SeededGenerator(seed: seed)
      for _ in 0..<200 {
        let w = g.uniform(1e-9, 1)
        #expect(discriminatorObjective(w, pData: p, pG: q) <= peak + 1e-12 * abs(peak))
      }
      for delta in [1e-1, 1e-2, 1e-3] {
        for w in [best * (1 - delta), best + (1 - best) * delta] {
          #expect(discriminatorObjective(w, pData: p, pG: q) < peak)
        }
      }
      // The derivative p/w − q/(1 − w) vanishes at w*: a central difference there is ≈ 0
      // relative to the size p + q of either term.
      let h = 1e-4 * min(best, 1 - best)
      let slope =
        (discriminatorObjective(best + h, pData: p, pG: q)
          - discriminatorObjective(best - h, pData: p, pG: q)) / (2 * h)
      #expect(abs(slope) < 1e-6 * (p + q), "slope \(slope) at w* = \(best)")
    }
  }

  @Test func optimalDiscriminatorWhereADensityVanishes() {
    #expect(optimalDiscriminator(pData: 2, pG: 0) == 1)
    #expect(optimalDiscriminator(pData: 0, pG: 3) == 0)
    #expect(optimalDiscriminator(pData: 0, pG: 0) == 0.5)
    // 0 · log 0 = 0: the objective at these optima is 0, its maximum.
    #expect(discriminatorObjective(1, pData: 2, pG: 0) == 0)
    #expect(discriminatorObjective(0, pData: 0, pG: 3) == 0)
    #expect(discriminatorObjective(0.5, pData: 2, pG: 0) < 0)
    #expect(minimumOfCriterion == -log(4.0))
  }

  @Test func valueFunctionIsLargestAtTheOptimalDiscriminator() async {
    // V(D, G) ≤ V(D*, G) = C(G) for any D, here logistic D(x) = σ(a x + b). (On a range where
    // D* stays clear of 0 and 1 in Double: in far tails D* rounds to 1 and log(1 − D*) = −∞.)
    await propertyCheck(
      count: 20, input: Gen.double(in: -1...1), Gen.double(in: 0.7...1.5), Gen.double(in: -3...3),
      Gen.double(in: -3...3)
    ) { mean, sd, a, b in
      let grid = Grid(-3...3, intervals: 2_000)
      let (pData, pG) = (Self.normal(0, 1), Self.normal(mean, sd))
      let criterion = virtualTrainingCriterion(pData: pData, pG: pG, on: grid)
      let optimal = valueFunction(
        discriminator: { optimalDiscriminator(pData: pData($0), pG: pG($0)) },
        pData: pData, pG: pG, on: grid)
      #expect(abs(optimal - criterion) < 1e-12)
      let logistic = valueFunction(
        discriminator: { Math.sigmoid(a * $0 + b) }, pData: pData, pG: pG, on: grid)
      #expect(logistic <= criterion + 1e-12)
    }
  }

  // MARK: Theorem 1 — G2

  @Test func theoremOneForRandomNormals() async {
    await propertyCheck(
      count: 20, input: Gen.double(in: -5...5), Gen.double(in: 0.3...3), Gen.double(in: -5...5),
      Gen.double(in: 0.3...3)
    ) { m1, s1, m2, s2 in
      Self.expectTheoremOne(
        pieces: [(-60...60, Self.normal(m1, s1), Self.normal(m2, s2))], intervals: 60_000)
    }
  }

  @Test func kullbackLeiblerBetweenNormals() async {
    // On a range where neither density underflows to 0 (where p > 0 = q, KL is ∞ by convention).
    await propertyCheck(
      count: 20, input: Gen.double(in: -3...3), Gen.double(in: 0.8...3), Gen.double(in: -3...3),
      Gen.double(in: 0.8...3)
    ) { m1, s1, m2, s2 in
      let (p, q) = (Self.normal(m1, s1), Self.normal(m2, s2))
      let grid = Grid(-25...25, intervals: 20_000)
      let (kl, reverse) = (kullbackLeibler(p, q, on: grid), kullbackLeibler(q, p, on: grid))
      let exact = log(s2 / s1) + (s1 * s1 + (m1 - m2) * (m1 - m2)) / (2 * s2 * s2) - 0.5
      #expect(abs(kl - exact) < 1e-6, "KL \(kl), exact \(exact)")
      #expect(kl >= 0 && reverse >= 0)
      // JSD ≤ ¼(KL(p‖q) + KL(q‖p)), by convexity of KL in its second argument.
      #expect(jensenShannon(p, q, on: grid) <= 0.25 * (kl + reverse) + 1e-9)
    }
    #expect(
      kullbackLeibler(Self.normal(0, 1), { abs($0) < 1 ? 0.5 : 0 }, on: Grid(-5...5)) == .infinity)
  }

  @Test func theoremOneForANormalAgainstAMixture() {
    let mixture = Distribution1D.normalMixture(
      weights: [0.3, 0.7], means: [-2, 2], sds: [0.5, 1])
    for pG in [Self.normal(0, 1), Self.normal(2, 1), Self.normal(-2, 0.5), Self.normal(0, 3)] {
      Self.expectTheoremOne(pieces: [(-50...50, mixture.density, pG)])
      Self.expectTheoremOne(pieces: [(-50...50, pG, mixture.density)])
    }
  }

  @Test func theoremOneForStudentTAgainstANormal() {
    // Heavy tails: integrate far out (the t density is ~x⁻⁶ for ν = 5).
    let t = Distribution1D.studentT(degreesOfFreedom: 5)
    for pG in [Self.normal(0, (5.0 / 3).squareRoot()), Self.normal(1, 1), Self.normal(0, 0.5)] {
      Self.expectTheoremOne(pieces: [(-200...200, t.density, pG)], intervals: 200_000)
    }
  }

  @Test func theoremOneForAUniformAgainstANormal() {
    // p_data = U(−1, 2) has jumps at −1 and 2: integrate the three pieces separately, with the
    // uniform density that holds inside each (0, 1/3, 0).
    let pieces: [ClosedRange<Double>] = [-40...(-1), -1...2, 2...40]
    for pG in [Self.normal(0, 1), Self.normal(0.5, 0.8), Self.normal(5, 2)] {
      Self.expectTheoremOne(
        pieces: pieces.map { range in
          let inside = range.lowerBound >= -1 && range.upperBound <= 2
          return (range, { _ in inside ? 1.0 / 3 : 0 }, pG)
        })
    }
  }

  @Test func theoremOneForUniformsInClosedForm() {
    // U(0, 2) vs U(1, 3): D* = 1, ½, 0 on the three unit pieces; C = −log 2, JSD = ½ log 2.
    let p: [Double] = [0.5, 0.5, 0]
    let q: [Double] = [0, 0.5, 0.5]
    let result = Self.expectTheoremOne(
      pieces: (0..<3).map { i in
        (Double(i)...Double(i + 1), { _ in p[i] }, { _ in q[i] })
      }, intervals: 10)
    #expect(abs(result.criterion + log(2)) < 1e-12)
    #expect(abs(result.jensenShannon - 0.5 * log(2)) < 1e-12)
    // Disjoint supports: JSD = log 2 and C = 0, the largest values.
    let disjoint = Self.expectTheoremOne(
      pieces: [(0...1, { _ in 1 }, { _ in 0 }), (1...2, { _ in 0 }, { _ in 1 })],
      intervals: 10)
    #expect(abs(disjoint.jensenShannon - log(2)) < 1e-12)
    #expect(abs(disjoint.criterion) < 1e-12)
  }

  @Test func criterionReachesItsMinimumWhenTheDistributionsAgree() async {
    await propertyCheck(count: 20, input: Gen.double(in: -5...5), Gen.double(in: 0.3...3)) {
      mean, sd in
      let grid = Grid(-60...60, intervals: 60_000)
      let p = Self.normal(mean, sd)
      #expect(abs(virtualTrainingCriterion(pData: p, pG: p, on: grid) - minimumOfCriterion) < 1e-9)
      #expect(abs(jensenShannon(p, p, on: grid)) < 1e-12)
      #expect(abs(kullbackLeibler(p, p, on: grid)) < 1e-12)
      // And anything else is above it.
      let other = Self.normal(mean + 0.1, sd)
      #expect(virtualTrainingCriterion(pData: p, pG: other, on: grid) > minimumOfCriterion + 1e-4)
    }
    let mixture = Distribution1D.normalMixture(weights: [1, 2], means: [-1, 3], sds: [0.4, 1.5])
      .density
    let grid = Grid(-60...60, intervals: 60_000)
    #expect(
      abs(virtualTrainingCriterion(pData: mixture, pG: mixture, on: grid) - minimumOfCriterion)
        < 1e-9)
  }

  @Test func criterionFallsAsTheGeneratorApproachesTheData() {
    // Sweep the generator's mean towards the data's: C(G) decreases monotonically to −log 4.
    let grid = Grid(-40...40, intervals: 20_000)
    let values = stride(from: 4.0, through: 0, by: -0.25).map {
      virtualTrainingCriterion(pData: Self.normal(0, 1), pG: Self.normal($0, 1), on: grid)
    }
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 })
    #expect(abs(values.last! - minimumOfCriterion) < 1e-9)
  }

  // MARK: Divergences.swift — discrete

  @Test func discreteDivergences() async {
    await propertyCheck(count: 100, input: Gen.int(in: 1...20), Gen.uint64()) { n, seed in
      var g = SeededGenerator(seed: seed)
      let p = Self.probabilityVector(n, using: &g)
      let q = Self.probabilityVector(n, using: &g)
      let jsd = jensenShannon(p, q)
      #expect(abs(jsd - jensenShannon(q, p)) < 1e-15)
      #expect(jsd >= -1e-15 && jsd <= log(2))
      #expect(kullbackLeibler(p, q) >= -1e-15)
      #expect(abs(kullbackLeibler(p, p)) < 1e-15 && abs(jensenShannon(p, p)) < 1e-15)
      // JSD is the mean KL to the midpoint.
      let m = zip(p, q).map { ($0 + $1) / 2 }
      #expect(abs(jsd - 0.5 * (kullbackLeibler(p, m) + kullbackLeibler(q, m))) < 1e-14)
      // Theorem 1 for distributions on n points: Σ_x [p log D* + q log(1 − D*)] = −log 4 + 2 JSD.
      let criterion = zip(p, q).reduce(0.0) {
        $0
          + discriminatorObjective(
            optimalDiscriminator(pData: $1.0, pG: $1.1), pData: $1.0, pG: $1.1)
      }
      #expect(abs(criterion - (minimumOfCriterion + 2 * jsd)) < 1e-12)
    }
  }

  @Test func discreteDivergencesAtTheirExtremes() {
    #expect(abs(jensenShannon([1, 0], [0, 1]) - log(2)) < 1e-15)
    #expect(abs(jensenShannon([0.5, 0.5, 0, 0], [0, 0, 0.25, 0.75]) - log(2)) < 1e-15)
    #expect(kullbackLeibler([0.5, 0.5], [1, 0]) == .infinity)
    #expect(kullbackLeibler([1, 0], [0.5, 0.5]) == log(2))
    #expect(jensenShannon([0.5, 0.5], [1, 0]).isFinite)
  }

  // MARK: Proposition 2 — G3

  @Test func euclideanProjectedGradientStepsAgainstTheOptimalDiscriminatorConverge() async {
    // G3: p_g on n points; with D = D* each step moves p_g along −∂C/∂p_g = −log(1 − D*)
    // and projects back onto the simplex. JSD falls at every step, to below 1e−4.
    await propertyCheck(count: 10, input: Gen.int(in: 2...50), Gen.uint64()) { n, seed in
      var g = SeededGenerator(seed: seed)
      let pData = Self.probabilityVector(n, minimumWeight: 0.2, using: &g)
      var pG = Self.probabilityVector(n, minimumWeight: 0.2, using: &g)
      let rate = 0.2 / Double(n)
      var previous = jensenShannon(pData, pG)
      var history = [previous]
      for _ in 0..<500 {
        let gradient = zip(pData, pG).map { log(1 - optimalDiscriminator(pData: $0, pG: $1)) }
        pG = projectOntoSimplex(zip(pG, gradient).map { $0 - rate * $1 })
        let jsd = jensenShannon(pData, pG)
        history.append(jsd)
        #expect(jsd < previous || jsd < 1e-14, "JSD rose from \(previous) to \(jsd)")
        previous = jsd
      }
      #expect(previous < 1e-4, "JSD after 500 steps: \(previous); history \(history.prefix(5))…")
      #expect(abs(pG.reduce(0, +) - 1) < 1e-12)
    }
  }

  @Test func projectOntoSimplexReturnsTheClosestProbabilityVector() async {
    await propertyCheck(count: 200, input: Gen.double(in: -3...3).array(of: 1...10), Gen.uint64()) {
      v, seed in
      let w = projectOntoSimplex(v)
      #expect(w.count == v.count)
      #expect(w.allSatisfy { $0 >= 0 })
      #expect(abs(w.reduce(0, +) - 1) < 1e-12)
      let again = projectOntoSimplex(w)
      #expect(Self.distance(again, w) < 1e-12)
      // Optimality (KKT): w = max(v − τ, 0) for a single τ.
      let taus = zip(v, w).filter { $0.1 > 0 }.map { $0.0 - $0.1 }
      #expect(taus.allSatisfy { abs($0 - taus[0]) < 1e-12 })
      #expect(zip(v, w).allSatisfy { $0.1 > 0 || $0.0 <= taus[0] + 1e-12 })
      // No random point of the simplex, and no vertex, is closer to v.
      var g = SeededGenerator(seed: seed)
      let best = Self.distance(v, w)
      for _ in 0..<100 {
        let s = Self.probabilityVector(v.count, using: &g).map { $0 * $0 }
        let total = s.reduce(0, +)
        #expect(Self.distance(v, s.map { $0 / total }) >= best - 1e-12)
      }
      for i in v.indices {
        let vertex = v.indices.map { $0 == i ? 1.0 : 0 }
        #expect(Self.distance(v, vertex) >= best - 1e-12)
      }
    }
  }

  @Test func projectOntoSimplexFixesPointsOfTheSimplex() async {
    await propertyCheck(count: 50, input: Gen.int(in: 1...10), Gen.uint64()) { n, seed in
      var g = SeededGenerator(seed: seed)
      let p = Self.probabilityVector(n, using: &g)
      #expect(Self.distance(projectOntoSimplex(p), p) < 1e-12)
      // Shifting every coordinate by a constant does not move the projection.
      let c = g.uniform(-5, 5)
      #expect(Self.distance(projectOntoSimplex(p.map { $0 + c }), p) < 1e-12)
    }
  }

  // MARK: Integration.swift

  @Test func simpsonIsExactForCubics() async {
    await propertyCheck(
      count: 100, input: Gen.double(in: -3...3).array(of: 4), Gen.double(in: -5...4),
      Gen.double(in: 0.1...5), Gen.int(in: 1...101)
    ) { c, lower, width, intervals in
      let upper = lower + width
      let grid = Grid(lower...upper, intervals: intervals)
      let f = { (x: Double) in c[0] + c[1] * x + c[2] * x * x + c[3] * x * x * x }
      let antiderivative = { (x: Double) in
        c[0] * x + c[1] * x * x / 2 + c[2] * x * x * x / 3 + c[3] * x * x * x * x / 4
      }
      let exact = antiderivative(upper) - antiderivative(lower)
      let scale = 1 + c.map(abs).reduce(0, +) * pow(max(abs(lower), abs(upper)) + 1, 4)
      #expect(abs(grid.integrate(f) - exact) < 1e-12 * scale * Double(intervals + 1))
    }
  }

  @Test func simpsonErrorOnAQuarticIsTheTextbookTerm() {
    // For x⁴ the composite Simpson error is exactly (b − a) h⁴ · 24/180.
    let grid = Grid(0...2, intervals: 10)
    let error = grid.integrate { $0 * $0 * $0 * $0 } - 32.0 / 5
    #expect(abs(error - 2 * pow(grid.spacing, 4) * 24 / 180) < 1e-12)
  }

  @Test func gridLayout() async {
    await propertyCheck(
      count: 50, input: Gen.double(in: -10...10), Gen.double(in: 0.01...10), Gen.int(in: 1...1001)
    ) {
      lower, width, intervals in
      let grid = Grid(lower...(lower + width), intervals: intervals)
      let n = intervals + intervals % 2
      #expect(grid.points.count == n + 1 && grid.weights.count == n + 1)
      #expect(grid.points.first == lower)
      #expect(abs(grid.points.last! - (lower + width)) < 1e-12 * (1 + abs(lower) + width))
      #expect(abs(grid.spacing - width / Double(n)) < 1e-15 * width)
      #expect(abs(grid.weights.reduce(0, +) - width) < 1e-12 * width)
      #expect(zip(grid.points, grid.points.dropFirst()).allSatisfy { $0 < $1 })
    }
  }

  @Test func normalDensitiesIntegrateToOne() async {
    await propertyCheck(count: 30, input: Gen.double(in: -10...10), Gen.double(in: 0.2...5)) {
      mean, sd in
      let grid = Grid((mean - 12 * sd)...(mean + 12 * sd))
      #expect(abs(grid.integrate(Self.normal(mean, sd)) - 1) < 1e-10)
    }
  }
}
