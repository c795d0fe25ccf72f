import Foundation

/// The Kullback–Leibler divergence of a diagonal Gaussian from the standard normal, the
/// regulariser of the variational autoencoder:
///
///     KL(N(μ, diag σ²) ‖ N(0, I)) = ½ Σⱼ (μⱼ² + σⱼ² − log σⱼ² − 1)
///
/// (Kingma & Welling 2014, Appendix B, where −KL = ½ Σⱼ (1 + log σⱼ² − μⱼ² − σⱼ²)). Each row of
/// `mean` and `logVariance` (`[batch, latent]`) is one image's posterior q(z | x); the sum runs
/// over the latent dimensions j and the result is the mean over the batch, a scalar in nats.
///
/// The encoder outputs log σ² rather than σ so that any real output is a valid variance. The
/// term σ² − log σ² − 1 is computed as expm1(log σ²) − log σ², which keeps its digits when
/// σ² is near 1 (where it is ≈ ½ (log σ²)²); the KL is then exactly 0 at μ = 0, log σ² = 0 and
/// never negative. Gradients: ∂KL/∂μⱼ = μⱼ / batch, ∂KL/∂log σⱼ² = ½ (σⱼ² − 1) / batch.
public func gaussianKL(mean: Variable, logVariance: Variable) -> Variable {
  let (mu, logVar) = (mean.value, logVariance.value)
  precondition(
    mu.rank == 2 && mu.shape == logVar.shape,
    "gaussianKL: mean \(mu.shape) and logVariance \(logVar.shape) must both be [batch, latent]")
  // BEGIN SOLUTION gaussian-kl
  // HINT: sum ½ (μ² + expm1(log σ²) − log σ²) over all entries in Double, divide by the batch; pullback: μ · g/batch and ½ expm1(log σ²) · g/batch
  let batch = Float(mu.rows)
  var total = 0.0
  for (m, l) in zip(mu.scalars, logVar.scalars) {
    let (m, l) = (Double(m), Double(l))
    total += 0.5 * (m * m + (expm1(l) - l))
  }
  return Variable(Tensor(Float(total / Double(batch))), parents: [mean, logVariance]) { g in
    let scale = g.scalar / batch
    return [
      mean.requiresGradient ? mu * scale : nil,
      logVariance.requiresGradient ? logVar.map { 0.5 * Foundation.expm1($0) * scale } : nil,
    ]
  }
  // END SOLUTION
}

/// A Monte Carlo estimate of the same KL for one posterior: the mean over `draws` samples
/// z ~ q = N(μ, diag σ²) of log q(z) − log p(z), with p = N(0, I), each log density written out
/// in Double. Unbiased, with a variance per draw of Σⱼ (μⱼ² σⱼ² + ½ (σⱼ² − 1)²): the check that
/// `gaussianKL`'s closed form is the expectation it claims to be.
public func monteCarloGaussianKL<R: RandomNumberGenerator>(mean: [Double], logVariance: [Double], draws: Int,
                                                           using rng: inout R) -> Double {
  precondition(mean.count == logVariance.count && draws > 0,
               "monteCarloGaussianKL: \(mean.count) means, \(logVariance.count) log variances, \(draws) draws")
  let sd = logVariance.map { Foundation.exp(0.5 * $0) }
  let logTwoPi = Foundation.log(2 * Double.pi)
  var total = 0.0
  for _ in 0..<draws {
    for j in mean.indices {
      let z = rng.normal(mean: mean[j], sd: sd[j])
      let u = (z - mean[j]) / sd[j]
      let logQ = -0.5 * (logTwoPi + logVariance[j] + u * u)
      let logP = -0.5 * (logTwoPi + z * z)
      total += logQ - logP
    }
  }
  return total / Double(draws)
}
