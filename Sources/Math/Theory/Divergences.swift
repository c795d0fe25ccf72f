import Foundation

/// Kullback–Leibler divergence KL(p ‖ q) = ∫ p log(p/q) between densities, integrated on `grid`.
/// Infinite where p > 0 and q = 0; terms with p = 0 contribute 0.
public func kullbackLeibler(_ p: (Double) -> Double, _ q: (Double) -> Double, on grid: Grid) -> Double {
  grid.integrate { x in klTerm(p(x), q(x)) }
}

/// Jensen–Shannon divergence JSD(p ‖ q) = ½ KL(p ‖ m) + ½ KL(q ‖ m), m = (p + q)/2; symmetric,
/// 0 ≤ JSD ≤ log 2, zero only when p = q.
public func jensenShannon(_ p: (Double) -> Double, _ q: (Double) -> Double, on grid: Grid) -> Double {
  grid.integrate { x in
    let (a, b) = (p(x), q(x))
    let m = (a + b) / 2
    return 0.5 * klTerm(a, m) + 0.5 * klTerm(b, m)
  }
}

/// KL(p ‖ q) between discrete distributions given as probability vectors (each summing to 1).
public func kullbackLeibler(_ p: [Double], _ q: [Double]) -> Double {
  precondition(p.count == q.count, "kullbackLeibler: \(p.count) and \(q.count) probabilities")
  return zip(p, q).reduce(0) { $0 + klTerm($1.0, $1.1) }
}

/// JSD between discrete distributions given as probability vectors.
public func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
  precondition(p.count == q.count, "jensenShannon: \(p.count) and \(q.count) probabilities")
  return zip(p, q).reduce(0) { total, pair in
    let m = (pair.0 + pair.1) / 2
    return total + 0.5 * klTerm(pair.0, m) + 0.5 * klTerm(pair.1, m)
  }
}

/// p log(p/q) with the conventions 0 log(0/q) = 0 and p log(p/0) = ∞.
@inlinable
func klTerm(_ p: Double, _ q: Double) -> Double {
  if p <= 0 { return 0 }
  if q <= 0 { return .infinity }
  return p * log(p / q)
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
