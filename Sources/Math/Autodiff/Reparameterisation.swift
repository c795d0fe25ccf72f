/// The reparameterisation trick of the variational autoencoder (Kingma & Welling 2014, §2.4, and
/// §3 for the Gaussian posterior used with Eq. 10): a draw from q(z | x) = N(μ, diag σ²) written
/// as a differentiable function of the encoder's outputs and of noise that does not depend on
/// them,
///
///     z = μ + exp(½ log σ²) ⊙ ε,   ε ~ N(0, I),
///
/// so that the gradient of a loss of z reaches μ and log σ²: ∂z/∂μ = 1 and
/// ∂z/∂log σ² = ½ exp(½ log σ²) ⊙ ε = ½ (z − μ).
extension Variable {
  /// z = μ + exp(½ log σ²) ⊙ ε for given noise ε, all `[batch, latent]`: the deterministic
  /// part of the trick, differentiable in `mean` and `logVariance`.
  public static func reparameterised(mean: Variable, logVariance: Variable, noise: Tensor) -> Variable {
    precondition(
      mean.shape == logVariance.shape && mean.shape == noise.shape,
      "reparameterised: mean \(mean.shape), logVariance \(logVariance.shape) and noise \(noise.shape) must agree")
    // BEGIN SOLUTION reparameterisation
    // HINT: σ = exp(½ log σ²), as Variable operations so the gradient reaches both; z = μ + σ ⊙ ε with ε a constant
    let standardDeviation = (0.5 * logVariance).exp()
    return mean + standardDeviation * Variable.constant(noise)
    // END SOLUTION
  }

  /// A draw z ~ N(μ, diag σ²) as z = μ + exp(½ log σ²) ⊙ ε, with ε ~ N(0, I) drawn from
  /// `generator` (row by row, one coordinate after another) and differentiable in `mean` and
  /// `logVariance`.
  public static func reparameterised<G: RandomNumberGenerator>(
    mean: Variable, logVariance: Variable, using generator: inout G
  ) -> Variable {
    let noise = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: mean.value.rows, columns: mean.value.columns,
                                                            using: &generator)
    return reparameterised(mean: mean, logVariance: logVariance, noise: noise.reshaped(mean.shape))
  }
}
