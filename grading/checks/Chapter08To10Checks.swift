import Foundation
import Lessons
import Math

// MARK: Chapter 8: the Laplacian pyramid

/// The blur-and-subsample of one image plane written out in 2D, independently of the pyramid's
/// code: the binomial taps (1 4 6 4 1)/16 along both axes, mirrored at the border without
/// repeating the edge pixel.
func directDownsample(_ plane: [[Double]]) -> [[Double]] {
  let taps = [1.0, 4, 6, 4, 1].map { $0 / 16 }
  func mirror(_ i: Int, _ n: Int) -> Int {
    if n == 1 { return 0 }
    let period = 2 * (n - 1)
    let p = ((i % period) + period) % period
    return p < n ? p : period - p
  }
  let (h, w) = (plane.count, plane[0].count)
  return (0..<(h + 1) / 2).map { i in
    (0..<(w + 1) / 2).map { j in
      var sum = 0.0
      for s in 0..<5 { for t in 0..<5 { sum += taps[s] * taps[t] * plane[mirror(2 * i + s - 2, h)][mirror(2 * j + t - 2, w)] } }
      return sum
    }
  }
}

let chapter8Checks: [String: @Sendable () -> CheckResult] = [
  "pyramid-downsample.binomial-blur": {
    var rng = SeededGenerator(seed: 801)
    var worst = WorstCase()
    for (h, w) in [(8, 8), (7, 9), (28, 28), (5, 2), (1, 6)] {
      let image = randomTensor([1, 1, h, w], using: &rng)
      let plane = (0..<h).map { i in (0..<w).map { Double(image.scalars[i * w + $0]) } }
      let expected = directDownsample(plane)
      let measured = LaplacianPyramid.downsample(image)
      guard measured.shape == [1, 1, (h + 1) / 2, (w + 1) / 2] else {
        return bound("d's output shape for \(h)×\(w)", measured: Double(measured.count), expected: "\((h + 1) / 2)×\((w + 1) / 2)", holds: false)
      }
      for i in expected.indices { for j in expected[i].indices {
        worst.record(measured: Double(measured.scalars[i * expected[i].count + j]), expected: expected[i][j], at: "pixel (\(i), \(j)) of a random \(h)×\(w) image")
      } }
    }
    return worst.result("d = binomial blur (1 4 6 4 1)/16 on both axes, then every second pixel (Burt & Adelson 1983)", tolerance: 1e-5)
  },
  "pyramid-downsample.removes-the-finest-detail": {
    // A checkerboard is the highest frequency an image holds: the blur removes it entirely
    // (the taps' alternating sum 1 − 4 + 6 − 4 + 1 is 0); keeping every second pixel alone keeps it.
    let (h, w) = (16, 16)
    let board = Tensor(shape: [1, 1, h, w], scalars: (0..<(h * w)).map { ($0 / w + $0 % w) % 2 == 0 ? 1 : -1 })
    let largest = LaplacianPyramid.downsample(board).scalars.map { abs(Double($0)) }.max() ?? .nan
    return bound("d of a ±1 checkerboard is 0 (the blur removes what subsampling would alias)", measured: largest,
                 expected: "0 (largest |pixel| ≤ 1e-6)", holds: largest <= 1e-6)
  },
  "laplacian-residual.definition": {
    var rng = SeededGenerator(seed: 802)
    var worst = WorstCase()
    for (h, w) in [(8, 8), (7, 9), (28, 28)] {
      let fine = randomTensor([2, 1, h, w], using: &rng)
      let coarser = randomTensor([2, 1, (h + 1) / 2, (w + 1) / 2], using: &rng)
      let measured = LaplacianPyramid.residual(fine, coarser: coarser)
      let expected = fine - LaplacianPyramid.upsample(coarser, height: h, width: w)
      guard measured.shape == expected.shape else {
        return bound("h_k's shape for \(h)×\(w)", measured: Double(measured.count), expected: "\(expected.shape)", holds: false)
      }
      for (i, (m, e)) in zip(measured.scalars, expected.scalars).enumerated() {
        worst.record(measured: Double(m), expected: Double(e), at: "entry \(i) of a \(h)×\(w) level")
      }
    }
    return worst.result("h_k = I_k − u(I_{k+1}) (Denton et al. 2015)", tolerance: 1e-6)
  },
  "laplacian-residual.reconstructs": {
    var rng = SeededGenerator(seed: 803)
    var worst = WorstCase()
    let image = randomTensor([2, 1, 28, 28], using: &rng)
    let rebuilt = LaplacianPyramid.reconstruct(LaplacianPyramid.laplacian(image, levels: 2))
    for (i, (m, e)) in zip(rebuilt.scalars, image.scalars).enumerated() {
      worst.record(measured: Double(m), expected: Double(e), at: "pixel \(i) of a random 28×28 image, 2 levels")
    }
    return worst.result("the pyramid reconstructs its image exactly", tolerance: 1e-5)
  },
]

// MARK: Chapter 9: the reparameterisation and the Gaussian KL

let chapter9Checks: [String: @Sendable () -> CheckResult] = [
  "reparameterisation.value-and-gradient": {
    var rng = SeededGenerator(seed: 901)
    var worst = WorstCase()
    for _ in 0..<20 {
      let (m, l, e) = (randomTensor([3, 4], -2, 2, using: &rng), randomTensor([3, 4], -3, 2, using: &rng), randomTensor([3, 4], -2, 2, using: &rng))
      let (mean, logVariance) = (Variable(m, requiresGradient: true), Variable(l, requiresGradient: true))
      let z = Variable.reparameterised(mean: mean, logVariance: logVariance, noise: e)
      z.sum().backward()
      for i in 0..<12 {
        let (mi, li, ei) = (Double(m.scalars[i]), Double(l.scalars[i]), Double(e.scalars[i]))
        let expected = mi + exp(0.5 * li) * ei
        worst.record(measured: Double(z.value.scalars.indices.contains(i) ? z.value.scalars[i] : .nan), expected: expected,
                     at: "z for μ = \(format(mi)), log σ² = \(format(li)), ε = \(format(ei))", relative: true)
        worst.record(measured: Double(mean.gradient?.scalars[i] ?? .nan), expected: 1, at: "∂z/∂μ")
        worst.record(measured: Double(logVariance.gradient?.scalars[i] ?? .nan), expected: 0.5 * exp(0.5 * li) * ei,
                     at: "∂z/∂log σ² for log σ² = \(format(li)), ε = \(format(ei))", relative: true)
      }
    }
    return worst.result("z = μ + exp(½ log σ²) ε, differentiable in μ and log σ² (Kingma & Welling 2014, §2.4)", tolerance: 1e-5)
  },
  "gaussian-kl.closed-form": {
    var rng = SeededGenerator(seed: 902)
    var worst = WorstCase()
    for _ in 0..<30 {
      let (m, l) = (randomTensor([5, 3], -2, 2, using: &rng), randomTensor([5, 3], -3, 2, using: &rng))
      var expected = 0.0
      for (mi, li) in zip(m.scalars, l.scalars) {
        let (mu, lv) = (Double(mi), Double(li))
        expected += 0.5 * (mu * mu + exp(lv) - lv - 1)
      }
      expected /= 5
      let kl = gaussianKL(mean: Variable(m), logVariance: Variable(l))
      worst.record(measured: Double(kl.value.scalar), expected: expected, at: "a random batch of 5 posteriors in 3 dimensions", relative: true)
    }
    return worst.result("KL(N(μ, σ²) ‖ N(0, I)) = ½ Σ (μ² + σ² − log σ² − 1), mean over the batch (Kingma & Welling 2014, App. B)",
                        tolerance: 1e-5)
  },
  "gaussian-kl.monte-carlo": {
    // The closed form is the expectation of log q(z) − log p(z) under q: the Monte Carlo estimate
    // must agree within 5 standard errors.
    var rng = SeededGenerator(seed: 903)
    let (mean, logVariance) = ([0.8, -0.5, 0.3], [0.4, -0.7, 0.1])
    let draws = 200_000
    let estimate = monteCarloGaussianKL(mean: mean, logVariance: logVariance, draws: draws, using: &rng)
    let closed = Double(gaussianKL(mean: Variable(Tensor(shape: [1, 3], scalars: mean.map(Float.init))),
                                   logVariance: Variable(Tensor(shape: [1, 3], scalars: logVariance.map(Float.init)))).value.scalar)
    let variance = zip(mean, logVariance).reduce(0.0) { $0 + $1.0 * $1.0 * exp($1.1) + 0.5 * pow(exp($1.1) - 1, 2) }
    let tolerance = 5 * (variance / Double(draws)).squareRoot()
    return bound("the closed-form KL against a Monte Carlo estimate of E_q[log q − log p] (\(draws) draws, estimate \(format(estimate)))",
                 measured: closed, expected: "\(format(estimate)) ± \(format(tolerance))", holds: abs(closed - estimate) <= tolerance)
  },
  "gaussian-kl.gradient": {
    var rng = SeededGenerator(seed: 904)
    var worst = WorstCase()
    for _ in 0..<10 {
      let (m, l) = (randomTensor([2, 3], -1.5, 1.5, using: &rng), randomTensor([2, 3], -1.5, 1.5, using: &rng))
      let (mean, logVariance) = (Variable(m, requiresGradient: true), Variable(l, requiresGradient: true))
      gaussianKL(mean: mean, logVariance: logVariance).backward()
      for i in 0..<6 {
        let (mu, lv) = (Double(m.scalars[i]), Double(l.scalars[i]))
        worst.record(measured: Double(mean.gradient?.scalars[i] ?? .nan), expected: mu / 2, at: "∂KL/∂μ at μ = \(format(mu))")
        worst.record(measured: Double(logVariance.gradient?.scalars[i] ?? .nan), expected: 0.5 * (exp(lv) - 1) / 2,
                     at: "∂KL/∂log σ² at log σ² = \(format(lv))")
      }
    }
    return worst.result("∂KL/∂μ = μ/batch and ∂KL/∂log σ² = ½(σ² − 1)/batch", tolerance: 1e-5)
  },
]

// MARK: Chapter 10: attribute vectors

let chapter10Checks: [String: @Sendable () -> CheckResult] = [
  "attribute-vector.difference-of-means": {
    var rng = SeededGenerator(seed: 1001)
    var worst = WorstCase()
    for _ in 0..<20 {
      let codes = randomTensor([12, 5], -2, 2, using: &rng)
      var has = (0..<12).map { _ in rng.uniform() < 0.4 }
      has[0] = true
      has[1] = false
      let vector = attributeVector(codes: codes, has: has)
      for j in 0..<5 {
        let with = (0..<12).filter { has[$0] }.map { Double(codes[$0, j]) }
        let without = (0..<12).filter { !has[$0] }.map { Double(codes[$0, j]) }
        let expected = with.reduce(0, +) / Double(with.count) - without.reduce(0, +) / Double(without.count)
        worst.record(measured: vector.shape == [1, 5] ? Double(vector[0, j]) : .nan, expected: expected,
                     at: "latent \(j), \(with.count) of 12 codes with the attribute")
      }
    }
    return worst.result("the attribute vector is mean(codes with) − mean(codes without) (Larsen et al. 2016, §4.1)", tolerance: 1e-5)
  },
]
