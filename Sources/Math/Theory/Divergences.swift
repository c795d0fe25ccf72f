import Foundation

/// Kullback–Leibler divergence KL(p ‖ q) = ∫ p log(p/q) between densities, integrated on `grid`.
/// Infinite where p > 0 and q = 0; terms with p = 0 contribute 0.
public func kullbackLeibler(_ p: (Double) -> Double, _ q: (Double) -> Double, on grid: Grid) -> Double {
  grid.integrate { x in klTerm(p(x), q(x)) }
}

/// Jensen–Shannon divergence JSD(p ‖ q) = ½ KL(p ‖ m) + ½ KL(q ‖ m), m = (p + q)/2; symmetric,
/// 0 ≤ JSD ≤ log 2, zero only when p = q.
public func jensenShannon(_ p: (Double) -> Double, _ q: (Double) -> Double, on grid: Grid) -> Double {
  grid.integrate { x in jensenShannonTerm(p(x), q(x)) }
}

/// KL(p ‖ q) between discrete distributions given as probability vectors (each summing to 1).
public func kullbackLeibler(_ p: [Double], _ q: [Double]) -> Double {
  precondition(p.count == q.count, "kullbackLeibler: \(p.count) and \(q.count) probabilities")
  return zip(p, q).reduce(0) { $0 + klTerm($1.0, $1.1) }
}

/// JSD between discrete distributions given as probability vectors.
public func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
  precondition(p.count == q.count, "jensenShannon: \(p.count) and \(q.count) probabilities")
  return zip(p, q).reduce(0) { $0 + jensenShannonTerm($1.0, $1.1) }
}

/// p log(p/q) with the conventions 0 log(0/q) = 0 and p log(p/0) = ∞.
///
/// Computed as p (log p − log q): in the far tails of a density p/q can underflow to 0 or
/// overflow to ∞ while the term itself is tiny and finite.
@inlinable
func klTerm(_ p: Double, _ q: Double) -> Double {
  if p <= 0 { return 0 }
  if q <= 0 { return .infinity }
  return p * (log(p) - log(q))
}

/// ½ a log(a/m) + ½ b log(b/m) with m = (a + b)/2, the integrand of JSD, written with
/// 2a/(a + b) so that m cannot underflow to 0 where a > 0 (a subnormal density, halved).
@inlinable
func jensenShannonTerm(_ a: Double, _ b: Double) -> Double {
  0.25 * (klTerm(2 * a, a + b) + klTerm(2 * b, a + b))
}

/// The Euclidean projection of `v` onto the probability simplex {w : w ≥ 0, Σ w = 1}
/// (Duchi et al. 2008): w_i = max(v_i − τ, 0) with τ chosen so the result sums to 1.
public func projectOntoSimplex(_ v: [Double]) -> [Double] {
  precondition(!v.isEmpty, "projectOntoSimplex: empty vector")
  let sorted = v.sorted(by: >)
  var cumulative = 0.0
  var tau = 0.0
  for (i, u) in sorted.enumerated() {
    cumulative += u
    let t = (cumulative - 1) / Double(i + 1)
    if u - t > 0 { tau = t }
  }
  return v.map { max($0 - tau, 0) }
}
