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
}
