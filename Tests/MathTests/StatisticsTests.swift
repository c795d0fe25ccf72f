import Foundation
import Math
import PropertyBased
import Testing

/// Summary statistics and sample distances against their definitions and known values.
@Suite struct StatisticsTests {
  /// sup_x |F_a(x) − F_b(x)| by brute force over every sample point.
  static func bruteForceKS(_ a: [Double], _ b: [Double]) -> Double {
    func cdf(_ s: [Double], _ x: Double) -> Double {
      Double(s.filter { $0 <= x }.count) / Double(s.count)
    }
    return (a + b).map { abs(cdf(a, $0) - cdf(b, $0)) }.max()!
  }

  @Test func meanVarianceAndStandardDeviation() async {
    #expect(Statistics.mean([1, 2, 3, 6]) == 3)
    #expect(Statistics.variance([1, 2, 3, 6]) == 14.0 / 3)
    #expect(Statistics.standardDeviation([2, 4]) == 2.0.squareRoot())
    #expect(Statistics.mean([]).isNaN && Statistics.variance([1]).isNaN)
    await propertyCheck(
      count: 50, input: Gen.double(in: -100...100).array(of: 2...50), Gen.double(in: -10...10)
    ) { x, c in
      // Shifting moves the mean and leaves the variance alone; scaling scales both.
      #expect(abs(Statistics.mean(x.map { $0 + c }) - (Statistics.mean(x) + c)) < 1e-9)
      #expect(
        abs(Statistics.variance(x.map { $0 + c }) - Statistics.variance(x)) < 1e-7
          * (1 + Statistics.variance(x)))
      #expect(
        abs(Statistics.variance(x.map { $0 * c }) - c * c * Statistics.variance(x)) < 1e-7
          * (1 + c * c * Statistics.variance(x)))
      #expect(Statistics.variance(x) >= 0)
    }
  }

  @Test func quantileMatchesOrderStatistics() async {
    await propertyCheck(
      count: 100, input: Gen.double(in: -10...10).array(of: 1...40), Gen.double(in: 0...1)
    ) { x, q in
      let s = x.sorted()
      let n = s.count
      // At q = k/(n − 1) the quantile is the k-th order statistic.
      for k in 0..<n {
        let at = n == 1 ? 0 : Double(k) / Double(n - 1)
        #expect(abs(Statistics.quantile(x, at) - s[k]) < 1e-12)
      }
      #expect(Statistics.quantile(x, 0) == s.first && Statistics.quantile(x, 1) == s.last)
      // In between it interpolates linearly and never leaves the bracketing order statistics.
      let value = Statistics.quantile(x, q)
      let position = q * Double(n - 1)
      let (i, j) = (Int(position.rounded(.down)), Int(position.rounded(.up)))
      #expect(value >= s[i] - 1e-12 && value <= s[j] + 1e-12)
      #expect(abs(value - (s[i] + (position - Double(i)) * (s[j] - s[i]))) < 1e-9)
      #expect(Statistics.quantile(x, q) <= Statistics.quantile(x, min(1, q + 0.1)))
    }
    #expect(Statistics.quantile([3, 1, 2, 4], 0.5) == 2.5)
  }

  @Test func ksDistanceAgainstTheNormalCDF() {
    var g = SeededGenerator(seed: 100)
    let sample = Distribution1D.normal(mean: 0, sd: 1).sample(20_000, using: &g)
    let d = Statistics.ksDistance(sample) { Statistics.normalCDF($0) }
    #expect(d < 0.02, "KS \(d)")
    // Against N(0.5, 1) the distance is about Φ(0.25) − Φ(−0.25) ≈ 0.197.
    let shifted = Statistics.ksDistance(sample) { Statistics.normalCDF($0, mean: 0.5) }
    #expect(abs(shifted - 0.197) < 0.02, "KS \(shifted)")
    // A sample with the right scale but the wrong sd.
    #expect(Statistics.ksDistance(sample) { Statistics.normalCDF($0, sd: 2) } > 0.1)
  }

  @Test func ksDistanceOfASinglePoint() {
    // One point at the median of the CDF: the empirical CDF jumps from 0 to 1 there.
    #expect(Statistics.ksDistance([0]) { Statistics.normalCDF($0) } == 0.5)
    #expect(abs(Statistics.ksDistance([10]) { Statistics.normalCDF($0) } - 1) < 1e-12)
  }

  @Test func twoSampleKS() async {
    await propertyCheck(
      count: 100, input: Gen.int(in: -5...5).array(of: 1...30),
      Gen.double(in: -3...3).array(of: 1...30)
    ) {
      integers, reals in
      // Integers give ties, the hard case for a merge.
      let a = integers.map(Double.init)
      let b = reals
      let d = Statistics.ksDistance(a, b)
      #expect(abs(d - Self.bruteForceKS(a, b)) < 1e-12)
      #expect(d == Statistics.ksDistance(b, a))
      #expect(d >= 0 && d <= 1)
      #expect(Statistics.ksDistance(a, a) == 0)
      #expect(Statistics.ksDistance(a, a.reversed() + a) == 0)
      #expect(Statistics.ksDistance(a, a.map { $0 + 100 }) == 1)
    }
  }

  @Test func wassersteinOfAShiftIsTheShift() async {
    await propertyCheck(
      count: 100, input: Gen.double(in: -10...10).array(of: 1...50), Gen.double(in: -20...20)
    ) { a, c in
      let b = a.map { $0 + c }
      #expect(abs(Statistics.wasserstein1(a, b) - abs(c)) < 1e-9)
      #expect(abs(Statistics.wasserstein1(b, a) - abs(c)) < 1e-9)
      #expect(Statistics.wasserstein1(a, a) == 0)
      // The same empirical distribution with every point twice.
      #expect(abs(Statistics.wasserstein1(a, a + a)) < 1e-12)
    }
  }

  @Test func wassersteinMatchesSortedMatching() async {
    // For equal sample sizes W₁ is the mean distance between order statistics.
    await propertyCheck(count: 100, input: Gen.int(in: 1...40), Gen.uint64()) { n, seed in
      var g = SeededGenerator(seed: seed)
      let a = (0..<n).map { _ in g.normal() }
      let b = (0..<n).map { _ in g.uniform(-2, 3) }
      let matched = zip(a.sorted(), b.sorted()).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(n)
      let w = Statistics.wasserstein1(a, b)
      #expect(abs(w - matched) < 1e-12)
      #expect(abs(w - Statistics.wasserstein1(b, a)) < 1e-12)
    }
  }

  @Test func wassersteinBetweenPointMasses() {
    // ½δ₀ + ½δ₂ against δ₁: every unit of mass moves by 1.
    #expect(abs(Statistics.wasserstein1([0, 2], [1]) - 1) < 1e-15)
    // δ₀ against ¼δ₀ + ¾δ₄: ¾ of the mass moves by 4.
    #expect(abs(Statistics.wasserstein1([0], [0, 4, 4, 4]) - 3) < 1e-15)
  }

  @Test func normalCDFValues() {
    #expect(Statistics.normalCDF(0) == 0.5)
    #expect(abs(Statistics.normalCDF(1.959963984540054) - 0.975) < 1e-12)
    #expect(abs(Statistics.normalCDF(-1) - 0.15865525393145707) < 1e-12)
    #expect(abs(Statistics.normalCDF(3, mean: 1, sd: 2) - Statistics.normalCDF(1)) < 1e-15)
    // Its derivative is the density.
    for x in stride(from: -4.0, through: 4, by: 0.5) {
      let h = 1e-5
      let slope = (Statistics.normalCDF(x + h) - Statistics.normalCDF(x - h)) / (2 * h)
      #expect(abs(slope - normalDensity(x)) < 1e-8)
    }
  }
}
