import Foundation
import Math
import PropertyBased
import Testing

/// The closed-form KL of the VAE (Kingma & Welling 2014, App. B) against its definition as an
/// expectation, its two laws (never negative, zero only at the prior), and its gradient.
@Suite struct GaussianKLTests {
  /// KL(q ‖ p) = E_q[log q(z) − log p(z)], estimated by the mean of log q(z) − log p(z) over N
  /// draws z = μ + σ ε from q, with both log densities written out from the normal density (not
  /// from the closed form), in Double.
  ///
  /// The sample count: per latent coordinate, log q − log p = ½ (μ² + 2μσε + (σ² − 1) ε² − log σ²),
  /// so the estimator's variance per draw is exactly V = Σⱼ (μⱼ² σⱼ² + ½ (σⱼ² − 1)²) (ε and ε²
  /// are uncorrelated, Var ε² = 2). Each case uses N = ⌈(5 √V / (0.005 · KL))²⌉ draws, so that
  /// the 0.5 % tolerance is five standard errors: a correct KL fails a case with probability
  /// 6·10⁻⁷. Near KL = 0 the relative error of any finite sample blows up (V/KL² grows like
  /// 1/KL), so the cases have 4 to 16 latent coordinates with μ ∈ [−1.5, 1.5] and
  /// log σ² ∈ [−2, 2]; then N is 2·10⁵ to 8·10⁶ draws (median 5·10⁵).
  @Test func closedFormMatchesMonteCarlo() async {
    await propertyCheck(count: 16, input: Gen.int(in: 4...16), Gen.uint64()) { latent, seed in
      var g = SeededGenerator(seed: seed)
      let mu = (0..<latent).map { _ in g.uniform(-1.5, 1.5) }
      let logVar = (0..<latent).map { _ in g.uniform(-2, 2) }
      let closedForm = Double(
        gaussianKL(mean: Variable(Tensor(rows: [mu.map(Float.init)])),
                   logVariance: Variable(Tensor(rows: [logVar.map(Float.init)]))).value.scalar)

      let sd = logVar.map { Foundation.exp(0.5 * $0) }
      var variance = 0.0
      for j in 0..<latent {
        let sigmaSquared = sd[j] * sd[j]
        variance += mu[j] * mu[j] * sigmaSquared + 0.5 * (sigmaSquared - 1) * (sigmaSquared - 1)
      }
      let standardErrors = 5 * variance.squareRoot() / (0.005 * closedForm)
      let draws = Int((standardErrors * standardErrors).rounded(.up))
      let monteCarlo = monteCarloGaussianKL(mean: mu, logVariance: logVar, draws: draws, using: &g)
      let relativeError = abs(monteCarlo - closedForm) / closedForm
      #expect(relativeError < 0.005,
              "latent \(latent): closed form \(closedForm), Monte Carlo \(monteCarlo) over \(draws) draws")
    }
  }

  @Test func klIsNeverNegativeAndZeroOnlyAtThePrior() async {
    await propertyCheck(count: 100, input: Gen.int(in: 1...6), Gen.int(in: 1...8), Gen.uint64()) {
      rows, columns, seed in
      var g = SeededGenerator(seed: seed)
      // Wide ranges, and values near the prior, where σ² − log σ² − 1 loses digits if computed
      // naively.
      let scale = g.uniform() < 0.5 ? 1e-3 : 5
      let (mu, logVar) = (g.tensor(rows, columns, in: -scale...scale), g.tensor(rows, columns, in: -scale...scale))
      let kl = gaussianKL(mean: Variable(mu), logVariance: Variable(logVar)).value.scalar
      #expect(kl > 0, "KL \(kl) for mean \(mu) and log variance \(logVar)")
      let atPrior = gaussianKL(mean: Variable(Tensor(zeros: [rows, columns])),
                               logVariance: Variable(Tensor(zeros: [rows, columns]))).value.scalar
      #expect(atPrior == 0)
    }
  }

  @Test func klMatchesTheFormulaAndAveragesOverTheBatch() {
    // Row 1: μ = (1, 0), log σ² = (0, log 4): ½ (1 + 0 + 0) + ½ (0 + 4 − log 4 − 1) = 0.5 + 0.8069.
    // Row 2: the prior, 0. The mean over the two rows is half the first.
    let mu = Tensor(rows: [[1, 0], [0, 0]])
    let logVar = Tensor(rows: [[0, Float(Foundation.log(4.0))], [0, 0]])
    let expected = (0.5 + 0.5 * (3 - Foundation.log(4.0))) / 2
    let kl = gaussianKL(mean: Variable(mu), logVariance: Variable(logVar)).value.scalar
    #expect(abs(Double(kl) - expected) < 1e-6, "KL \(kl), expected \(expected)")
  }

  @Test func klGradient() async {
    await expectGradientsMatch(rows: 1...6, columns: 1...8) { r, c, g in
      let (mu, logVar) = (g.parameter(r, c), g.parameter(r, c))
      return ([mu, logVar], { gaussianKL(mean: mu, logVariance: logVar) })
    }
  }
}
