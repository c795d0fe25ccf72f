import Foundation

/// Summary statistics and distances between samples, used to judge generated samples.
public enum Statistics {
  /// The arithmetic mean (NaN for no values).
  public static func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }

  /// The sample variance with n − 1 in the denominator.
  public static func variance(_ x: [Double]) -> Double {
    guard x.count > 1 else { return .nan }
    let m = mean(x)
    return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
  }

  /// The sample standard deviation.
  public static func standardDeviation(_ x: [Double]) -> Double { variance(x).squareRoot() }

  /// The q-quantile (0 ≤ q ≤ 1) by linear interpolation between order statistics.
  public static func quantile(_ x: [Double], _ q: Double) -> Double {
    precondition(!x.isEmpty && (0...1).contains(q), "quantile: needs values and q in [0, 1], got \(x.count) values and q = \(q)")
    let s = x.sorted()
    let position = q * Double(s.count - 1)
    let i = Int(position.rounded(.down))
    let fraction = position - Double(i)
    return i + 1 < s.count ? s[i] * (1 - fraction) + s[i + 1] * fraction : s[i]
  }

  /// The Kolmogorov–Smirnov distance sup_x |F_n(x) − F(x)| between the empirical CDF of `sample`
  /// and the CDF `cdf`.
  public static func ksDistance(_ sample: [Double], cdf: (Double) -> Double) -> Double {
    precondition(!sample.isEmpty, "ksDistance: empty sample")
    let s = sample.sorted()
    let n = Double(s.count)
    var d = 0.0
    for (i, x) in s.enumerated() {
      let f = cdf(x)
      d = max(d, abs(Double(i + 1) / n - f), abs(f - Double(i) / n))
    }
    return d
  }

  /// The two-sample Kolmogorov–Smirnov distance sup_x |F_a(x) − F_b(x)|.
  public static func ksDistance(_ a: [Double], _ b: [Double]) -> Double {
    precondition(!a.isEmpty && !b.isEmpty, "ksDistance: empty sample")
    let (sa, sb) = (a.sorted(), b.sorted())
    var (i, j, d) = (0, 0, 0.0)
    while i < sa.count && j < sb.count {
      let x = min(sa[i], sb[j])
      while i < sa.count && sa[i] <= x { i += 1 }
      while j < sb.count && sb[j] <= x { j += 1 }
      d = max(d, abs(Double(i) / Double(sa.count) - Double(j) / Double(sb.count)))
    }
    return d
  }

  /// The 1-Wasserstein (earth mover's) distance between two samples in 1D:
  /// ∫ |F_a(x) − F_b(x)| dx, computed exactly from the sorted samples.
  public static func wasserstein1(_ a: [Double], _ b: [Double]) -> Double {
    precondition(!a.isEmpty && !b.isEmpty, "wasserstein1: empty sample")
    let (sa, sb) = (a.sorted(), b.sorted())
    let points = (sa + sb).sorted()
    var (i, j, total) = (0, 0, 0.0)
    for k in 0..<(points.count - 1) {
      let x = points[k]
      while i < sa.count && sa[i] <= x { i += 1 }
      while j < sb.count && sb[j] <= x { j += 1 }
      total += abs(Double(i) / Double(sa.count) - Double(j) / Double(sb.count)) * (points[k + 1] - x)
    }
    return total
  }

  /// The CDF of N(mean, sd²).
  public static func normalCDF(_ x: Double, mean: Double = 0, sd: Double = 1) -> Double {
    0.5 * erfc(-(x - mean) / (sd * 2.0.squareRoot()))
  }
}

extension Statistics {
  /// A Gaussian kernel density estimate of `sample` at each of `points`, with Silverman's
  /// rule-of-thumb bandwidth 1.06 σ̂ n^(−1/5) unless `bandwidth` is given.
  public static func kernelDensity(_ sample: [Double], at points: [Double], bandwidth: Double? = nil) -> [Double] {
    precondition(sample.count > 1, "kernelDensity: needs at least 2 samples, got \(sample.count)")
    let h = bandwidth ?? 1.06 * standardDeviation(sample) * pow(Double(sample.count), -0.2)
    let sorted = sample.sorted()
    return points.map { x in
      // Only samples within 6 bandwidths contribute noticeably.
      let lo = lowerBound(sorted, x - 6 * h), hi = lowerBound(sorted, x + 6 * h)
      let total = sorted[lo..<hi].reduce(0.0) { $0 + normalDensity(x, mean: $1, sd: h) }
      return total / Double(sample.count)
    }
  }

  private static func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
    var (lo, hi) = (0, sorted.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
