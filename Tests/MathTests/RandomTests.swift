import Foundation
import Math
import PropertyBased
import Testing

/// The seeded generator and the samplers. Statistical tests use fixed seeds (so a run is
/// repeatable) and a tolerance of 5 standard errors.
@Suite struct RandomTests {
  /// Sample moments of `draw` over n draws against the expected mean and variance; the variance
  /// is compared with the standard error √((μ₄ − σ⁴)/n), given the fourth central moment.
  static func expectMoments(
    n: Int, mean: Double, variance: Double, fourthCentralMoment: Double,
    sourceLocation: SourceLocation = #_sourceLocation, _ draw: () -> Double
  ) {
    let sample = (0..<n).map { _ in draw() }
    let m = Statistics.mean(sample)
    let v = Statistics.variance(sample)
    let meanError = (variance / Double(n)).squareRoot()
    let varianceError = ((fourthCentralMoment - variance * variance) / Double(n)).squareRoot()
    #expect(
      abs(m - mean) < 5 * meanError, "mean \(m), expected \(mean) ± \(5 * meanError)",
      sourceLocation: sourceLocation)
    #expect(
      abs(v - variance) < 5 * varianceError,
      "variance \(v), expected \(variance) ± \(5 * varianceError)",
      sourceLocation: sourceLocation)
  }

  // MARK: SeededGenerator.swift

  /// The stream is xoshiro256** seeded by four SplitMix64 outputs, as Blackman and Vigna
  /// publish them: draws 1, 2, 3 and 1000 of their reference C code (`splitmix64.c` filling
  /// `s[0…3]` of `xoshiro256starstar.c`), compiled and run for these seeds. (That code's
  /// SplitMix64 gives 0xE220A8397B1DCDAF first from 0, the value published with it.)
  @Test(arguments: [
    (0, [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x7AAC_8C48_3A2E_DD2F]),
    (1, [0xB3F2_AF6D_0FC7_10C5, 0x853B_5596_4736_4CEA, 0x92F8_9756_082A_4514, 0xB851_7C33_C344_D153]),
    (111, [0xC55F_215D_D01A_AEFF, 0xEB0B_0A90_E855_11C7, 0x7DF0_39FB_B7A4_219C, 0xA45B_8E44_0886_CC76]),
    (UInt64.max, [0x8F55_20D5_2A7E_AD08, 0xC476_A018_CAA1_802D, 0x81DE_31C0_D260_469E, 0xC3C9_3EA5_CDE4_34CC]),
  ] as [(UInt64, [UInt64])])
  func streamIsTheReferenceXoshiro256StarStarSeededBySplitMix64(seed: UInt64, expected: [UInt64]) {
    var g = SeededGenerator(seed: seed)
    let draws = (1...1000).map { _ in g.next() }
    #expect([draws[0], draws[1], draws[2], draws[999]] == expected)
  }

  @Test func sameSeedSameStream() async {
    await propertyCheck(count: 50, input: Gen.uint64()) { seed in
      var a = SeededGenerator(seed: seed)
      var b = SeededGenerator(seed: seed)
      let first = (0..<100).map { _ in a.next() }
      #expect(first == (0..<100).map { _ in b.next() })
      // Copies are values: a copy continues the same stream independently.
      var c = a
      #expect(a.next() == c.next())
    }
  }

  @Test func differentSeedsDiffer() async {
    await propertyCheck(count: 50, input: Gen.uint64(), Gen.uint64(in: 1...1000)) { seed, offset in
      var a = SeededGenerator(seed: seed)
      var b = SeededGenerator(seed: seed &+ offset)
      let (x, y) = ((0..<8).map { _ in a.next() }, (0..<8).map { _ in b.next() })
      // Nearby seeds give unrelated streams: no equal words at all.
      #expect(zip(x, y).allSatisfy { $0 != $1 })
    }
  }

  @Test func splitGivesAnIndependentRepeatableStream() {
    var a = SeededGenerator(seed: 5)
    var b = SeededGenerator(seed: 5)
    var childA = a.split()
    var childB = b.split()
    let streamA = (0..<10).map { _ in childA.next() }
    #expect(streamA == (0..<10).map { _ in childB.next() })
    #expect(streamA != (0..<10).map { _ in a.next() })
  }

  @Test func bitsAreBalanced() {
    // Each of the 64 bits is set half of the time.
    var g = SeededGenerator(seed: 2024)
    let n = 20_000
    var counts = [Int](repeating: 0, count: 64)
    for _ in 0..<n {
      let word = g.next()
      for bit in 0..<64 where word & (1 << UInt64(bit)) != 0 { counts[bit] += 1 }
    }
    let tolerance = 5 * (0.25 / Double(n)).squareRoot()
    #expect(counts.allSatisfy { abs(Double($0) / Double(n) - 0.5) < tolerance })
  }

  // MARK: Distributions.swift — samplers

  @Test func uniformDraws() {
    var g = SeededGenerator(seed: 1)
    let draws = (0..<100_000).map { _ in g.uniform() }
    #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
    // Uniform on [0, 1): mean ½, variance 1/12, μ₄ = 1/80; and a KS check of the CDF.
    var h = SeededGenerator(seed: 2)
    Self.expectMoments(n: 100_000, mean: 0.5, variance: 1.0 / 12, fourthCentralMoment: 1.0 / 80) {
      h.uniform()
    }
    #expect(Statistics.ksDistance(draws) { min(max($0, 0), 1) } < 0.01)
    var k = SeededGenerator(seed: 3)
    let ranged = (0..<10_000).map { _ in k.uniform(-3, 5) }
    #expect(ranged.allSatisfy { $0 >= -3 && $0 < 5 })
    #expect(ranged.min()! < -2.99 && ranged.max()! > 4.99)
  }

  @Test func normalDraws() {
    var g = SeededGenerator(seed: 10)
    Self.expectMoments(n: 100_000, mean: 0, variance: 1, fourthCentralMoment: 3) { g.normal() }
    var h = SeededGenerator(seed: 11)
    Self.expectMoments(n: 100_000, mean: 3, variance: 0.25, fourthCentralMoment: 3 * 0.0625) {
      h.normal(mean: 3, sd: 0.5)
    }
    var k = SeededGenerator(seed: 12)
    let sample = (0..<20_000).map { _ in k.normal() }
    #expect(Statistics.ksDistance(sample) { Statistics.normalCDF($0) } < 0.02)
  }

  @Test func studentTDraws() {
    // ν = 5: mean 0, variance ν/(ν − 2) = 5/3, μ₄ = 3ν²/((ν − 2)(ν − 4)) = 25.
    var g = SeededGenerator(seed: 20)
    Self.expectMoments(n: 200_000, mean: 0, variance: 5.0 / 3, fourthCentralMoment: 25) {
      g.studentT(degreesOfFreedom: 5)
    }
    #expect(Distribution1D.studentT(degreesOfFreedom: 5).variance == 5.0 / 3)
    #expect(Distribution1D.studentT(degreesOfFreedom: 2).variance == nil)
    #expect(Distribution1D.studentT(degreesOfFreedom: 1).mean == nil)
  }

  @Test(arguments: [0.5, 1, 2.5, 10])
  func gammaDraws(shape k: Double) {
    // Gamma(k, 1): mean k, variance k, μ₄ = 3k² + 6k; the k < 1 branch is included.
    var g = SeededGenerator(seed: 30)
    Self.expectMoments(n: 100_000, mean: k, variance: k, fourthCentralMoment: 3 * k * k + 6 * k) {
      g.gamma(shape: k)
    }
    var h = SeededGenerator(seed: 31)
    #expect((0..<10_000).allSatisfy { _ in h.gamma(shape: k) > 0 })
  }

  @Test func categoricalFrequencies() async {
    await propertyCheck(count: 10, input: Gen.double(in: 0...5).array(of: 1...6), Gen.uint64()) {
      raw, seed in
      var weights = raw
      weights[0] += 0.1  // a positive sum
      if weights.count > 2 { weights[1] = 0 }  // a zero weight is never drawn
      var g = SeededGenerator(seed: seed)
      let n = 50_000
      var counts = [Int](repeating: 0, count: weights.count)
      for _ in 0..<n { counts[g.categorical(weights)] += 1 }
      let total = weights.reduce(0, +)
      for (w, count) in zip(weights, counts) {
        let p = w / total
        let tolerance = 5 * (p * (1 - p) / Double(n)).squareRoot() + 1e-12
        #expect(
          abs(Double(count) / Double(n) - p) <= tolerance, "weights \(weights): \(count) of \(n)")
      }
    }
  }

  @Test func normalMixtureDraws() {
    let mixture = Distribution1D.normalMixture(weights: [1, 3], means: [-2, 1], sds: [0.5, 1])
    // Mean −2/4 + 3/4 = 0.25; variance Σ w (s² + (m − 0.25)²) = (0.25 + 5.0625)/4 + 3(1 + 0.5625)/4.
    let mean = 0.25
    let variance = (0.25 + 5.0625) / 4 + 3 * (1 + 0.5625) / 4
    #expect(abs(mixture.mean! - mean) < 1e-12)
    #expect(abs(mixture.variance! - variance) < 1e-12)
    // Fourth central moment by integrating the density.
    let grid = Grid(-20...20, intervals: 40_000)
    let fourth = grid.integrate { pow($0 - mean, 4) * mixture.density($0) }
    var g = SeededGenerator(seed: 40)
    Self.expectMoments(n: 100_000, mean: mean, variance: variance, fourthCentralMoment: fourth) {
      mixture.sample(using: &g)
    }
    // A quarter of the draws come from the left component: count draws below the valley at −1.
    var h = SeededGenerator(seed: 41)
    let sample = mixture.sample(100_000, using: &h)
    let leftMass = grid.integrate { $0 < -1 ? mixture.density($0) : 0 }
    let fraction = Double(sample.filter { $0 < -1 }.count) / Double(sample.count)
    #expect(
      abs(fraction - leftMass) < 5 * (leftMass * (1 - leftMass) / 100_000).squareRoot() + 1e-3)
  }

  @Test func sampledTensorsHaveTheirShapeAndDistribution() {
    var g = SeededGenerator(seed: 50)
    let z = Distribution1D.uniform(low: -1, high: 1).tensor(rows: 300, columns: 7, using: &g)
    #expect(z.shape == [300, 7])
    #expect(z.scalars.allSatisfy { $0 >= -1 && $0 <= 1 })
    var a = SeededGenerator(seed: 51)
    var b = SeededGenerator(seed: 51)
    let normal = Distribution1D.normal(mean: 2, sd: 3)
    #expect(
      normal.tensor(rows: 4, columns: 4, using: &a).scalars
        == normal.sample(16, using: &b).map(Float.init))
  }

  // MARK: Distributions.swift — densities and moments

  static let distributions: [Distribution1D] = [
    .uniform(low: -1, high: 3),
    .normal(mean: 0, sd: 1),
    .normal(mean: -4, sd: 0.3),
    .studentT(degreesOfFreedom: 5),
    .studentT(degreesOfFreedom: 30),
    .normalMixture(weights: [0.2, 0.5, 0.3], means: [-3, 0, 4], sds: [0.5, 1, 2]),
    .normalMixture(weights: [2, 2], means: [0, 0], sds: [1, 3]),  // unnormalised weights
  ]

  @Test(arguments: distributions)
  func densityIntegratesToOne(_ distribution: Distribution1D) {
    let grid = Grid(-500...500, intervals: 100_000)
    let mass = grid.integrate(distribution.density)
    // The uniform density jumps at its ends: Simpson's rule is then only O(h) accurate.
    let tolerance = if case .uniform = distribution { grid.spacing } else { 1e-7 }
    #expect(abs(mass - 1) <= tolerance, "mass \(mass)")
    #expect(grid.points.allSatisfy { distribution.density($0) >= 0 })
  }

  @Test(arguments: distributions)
  func meanAndVarianceMatchTheDensity(_ distribution: Distribution1D) throws {
    let grid = Grid(-500...500, intervals: 100_000)
    let mean = try #require(distribution.mean)
    let variance = try #require(distribution.variance)
    let tolerance = if case .uniform = distribution { 10 * grid.spacing } else { 1e-5 }
    #expect(abs(grid.integrate { $0 * distribution.density($0) } - mean) <= tolerance)
    #expect(
      abs(grid.integrate { ($0 - mean) * ($0 - mean) * distribution.density($0) } - variance)
        <= tolerance)
  }

  @Test func normalDensityValues() {
    #expect(abs(normalDensity(0) - 1 / (2 * Double.pi).squareRoot()) < 1e-15)
    #expect(abs(normalDensity(3, mean: 1, sd: 2) - normalDensity(1) / 2) < 1e-15)
    #expect(normalDensity(1.5) == normalDensity(-1.5))
  }

  @Test func permutationIsAPermutation() async {
    await propertyCheck(count: 50, input: Gen.int(in: 0...200), Gen.uint64()) { n, seed in
      var g = SeededGenerator(seed: seed)
      let p = g.permutation(n)
      #expect(p.sorted() == Array(0..<n))
      var h = SeededGenerator(seed: seed)
      #expect(h.permutation(n) == p)
    }
  }

  @Test func permutationIsTheStandardLibrarysShuffle() async {
    // The same permutation, and the generator left in the same state, as `shuffle(using:)`.
    await propertyCheck(count: 50, input: Gen.int(in: 0...200), Gen.uint64()) { n, seed in
      var (g, h) = (SeededGenerator(seed: seed), SeededGenerator(seed: seed))
      var shuffled = Array(0..<n)
      shuffled.shuffle(using: &h)
      #expect(g.permutation(n) == shuffled)
      #expect(g.next() == h.next())
    }
  }

  @Test func permutationsAreUniform() {
    // Where does element 0 land? Uniformly over 10 places.
    var g = SeededGenerator(seed: 60)
    let n = 30_000
    var counts = [Int](repeating: 0, count: 10)
    for _ in 0..<n { counts[g.permutation(10).firstIndex(of: 0)!] += 1 }
    let tolerance = 5 * (0.1 * 0.9 / Double(n)).squareRoot()
    #expect(counts.allSatisfy { abs(Double($0) / Double(n) - 0.1) < tolerance })
  }
}
