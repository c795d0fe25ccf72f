import Foundation

/// The pointwise objective of the discriminator at one x: p log w + q log(1 − w), with
/// p = p_data(x), q = p_g(x) and w = D(x) ∈ (0, 1). The integrand of V(D, G) (Goodfellow et al.
/// 2014, proof of Prop. 1). Terms with a zero density contribute 0 (0 · log 0 = 0).
public func discriminatorObjective(_ w: Double, pData p: Double, pG q: Double) -> Double {
  (p > 0 ? p * log(w) : 0) + (q > 0 ? q * log1p(-w) : 0)
}

/// The optimal discriminator for a fixed generator, D*_G(x) = p_data(x) / (p_data(x) + p_g(x))
/// (Goodfellow et al. 2014, Prop. 1): the maximiser in w of p log w + q log(1 − w).
/// Where both densities vanish D* is undefined; this returns ½ there.
public func optimalDiscriminator(pData p: Double, pG q: Double) -> Double {
  precondition(p >= 0 && q >= 0, "optimalDiscriminator: densities must be ≥ 0, got \(p) and \(q)")
  guard p + q > 0 else { return 0.5 }
  // BEGIN SOLUTION optimal-discriminator
  // HINT: the w that maximises p log w + q log(1 − w): set its derivative in w to zero
  return p / (p + q)
  // END SOLUTION
}

/// The value function V(D, G) = E_{p_data}[log D(x)] + E_{p_g}[log(1 − D(x))]
/// (Goodfellow et al. 2014, Eq. 1), integrated on `grid`.
public func valueFunction(discriminator d: (Double) -> Double, pData: (Double) -> Double,
                          pG: (Double) -> Double, on grid: Grid) -> Double {
  // BEGIN SOLUTION value-function
  // HINT: integrate the pointwise objective p log D + q log(1 − D) over the grid (grid.integrate)
  grid.integrate { x in discriminatorObjective(d(x), pData: pData(x), pG: pG(x)) }
  // END SOLUTION
}

/// The virtual training criterion C(G) = max_D V(D, G) = V(D*_G, G) (Goodfellow et al. 2014,
/// Eq. 4), integrated on `grid`. Theorem 1: C(G) = −log 4 + 2·JSD(p_data ‖ p_g) ≥ −log 4.
///
/// The integrand p log D* + q log(1 − D*) is evaluated as p log(p/(p+q)) + q log(q/(p+q)):
/// in the tails D* itself rounds to exactly 0 or 1 (q < 10⁻¹⁶ p suffices), and log would
/// then turn a negligible term into −∞.
public func virtualTrainingCriterion(pData: (Double) -> Double, pG: (Double) -> Double,
                                     on grid: Grid) -> Double {
  // BEGIN SOLUTION virtual-training-criterion
  // HINT: V(D*, G) with D* = p/(p + q), written as p log(p/(p+q)) + q log(q/(p+q)) (klTerm) so the tails stay finite
  grid.integrate { x in
    let (p, q) = (pData(x), pG(x))
    return klTerm(p, p + q) + klTerm(q, p + q)
  }
  // END SOLUTION
}

/// −log 4, the global minimum of C(G), reached exactly when p_g = p_data (Theorem 1).
public let minimumOfCriterion = -log(4.0)
