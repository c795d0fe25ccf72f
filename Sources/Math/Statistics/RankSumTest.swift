import Foundation

/// The Wilcoxon–Mann–Whitney rank-sum test of two independent samples: does a value drawn from
/// the first tend to be larger, or smaller, than one drawn from the second?
///
/// It compares ranks, not values, so it asks nothing of the distributions' shapes: it suits
/// figures such as a GAN's sample error over many seeds, which are skewed, with a few runs far
/// above the rest.
///
/// With U = #{(i, j): aᵢ > bⱼ} + ½ #{(i, j): aᵢ = bⱼ} over all n·m pairs, the test reports
/// U / (n m), and the two-sided p-value of U under the hypothesis that both samples come from
/// one distribution, from the normal approximation
/// z = (|U − n m / 2| − ½) / σ,  σ² = n m / 12 · (N + 1 − Σ (t³ − t) / (N (N − 1))),  N = n + m,
/// with a continuity correction of ½ and the tie correction over the sizes t of groups of equal
/// values (Lehmann 1975, §1.4 and §1.5). The approximation is close for n, m ≥ 8; below that
/// prefer an exact permutation test.
public struct RankSumTest: Sendable, Equatable {
  /// U / (n m): the probability that a value drawn from the first sample exceeds one drawn from
  /// the second, ties counted as one half. 0.5 when neither tends to be larger.
  public let probabilityFirstIsLarger: Double
  /// The two-sided p-value: how often samples from one distribution would differ at least this
  /// much in ranks. 1 when every value is the same.
  public let pValue: Double

  /// Tests `first` against `second`; both must hold at least one value, none of them NaN.
  public init(_ first: [Double], _ second: [Double]) {
    precondition(!first.isEmpty && !second.isEmpty, "RankSumTest: needs values in both samples, got \(first.count) and \(second.count)")
    precondition(!(first + second).contains { $0.isNaN }, "RankSumTest: NaN in a sample")
    let (n, m) = (Double(first.count), Double(second.count))
    // Ranks 1…N of the pooled values, tied values sharing the mean of their ranks.
    let pooled = (first.map { ($0, true) } + second.map { ($0, false) }).sorted { $0.0 < $1.0 }
    var (rankSumOfFirst, tieTerm) = (0.0, 0.0)
    var start = 0
    while start < pooled.count {
      var end = start
      while end < pooled.count && pooled[end].0 == pooled[start].0 { end += 1 }
      let meanRank = Double(start + 1 + end) / 2
      rankSumOfFirst += meanRank * Double(pooled[start..<end].filter(\.1).count)
      let t = Double(end - start)
      tieTerm += t * t * t - t
      start = end
    }
    let u = rankSumOfFirst - n * (n + 1) / 2
    probabilityFirstIsLarger = u / (n * m)
    let total = n + m
    let variance = n * m / 12 * (total + 1 - (total > 1 ? tieTerm / (total * (total - 1)) : 0))
    guard variance > 0 else {
      pValue = 1
      return
    }
    let z = max(0, abs(u - n * m / 2) - 0.5) / variance.squareRoot()
    pValue = min(1, erfc(z / 2.0.squareRoot()))
  }
}
