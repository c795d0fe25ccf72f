import Foundation
import Math
import PropertyBased
import Testing
import Workbook

@Suite struct RingOfGaussiansTests {
  @Test func modeMeansLieOnTheCircle() {
    let ring = RingOfGaussians()
    for k in 0..<8 {
      let c = ring.center(k)
      #expect(abs((c.x * c.x + c.y * c.y).squareRoot() - 2) < 1e-12)
    }
    #expect(abs(ring.center(2).x) < 1e-12 && abs(ring.center(2).y - 2) < 1e-12)
  }

  /// Samples of the ring itself cover all 8 modes, nearly all of them within 3σ (99.9 % for a
  /// 2D normal: 1 − e^(−9/2) ≈ 0.989 of the mass is within 3σ in two dimensions).
  @Test func theDataCoversEveryMode() async {
    await propertyCheck(count: 10, input: Gen.uint64()) { seed in
      var rng = SeededGenerator(seed: seed)
      let ring = RingOfGaussians()
      let coverage = ring.coverage(ring.sample(4000, using: &rng))
      #expect(coverage.modesCovered == 8)
      #expect(abs(coverage.highQualityFraction - (1 - exp(-4.5))) < 0.01)
    }
  }

  /// A collapsed generator: every sample on one mode covers one mode at full quality.
  @Test func samplesOnOneModeCoverOneMode() {
    let ring = RingOfGaussians()
    let c = ring.center(3)
    let samples = Tensor(shape: [100, 2], scalars: Array(repeating: [Float(c.x), Float(c.y)], count: 100).flatMap { $0 })
    let coverage = ring.coverage(samples)
    #expect(coverage.modesCovered == 1)
    #expect(coverage.counts[3] == 100)
    #expect(coverage.highQualityFraction == 1)
  }

  /// The origin is 2 away from every mode: never a high-quality sample.
  @Test func theCentreIsNotAHighQualitySample() {
    let coverage = RingOfGaussians().coverage(Tensor(zeros: [10, 2]))
    #expect(coverage.modesCovered == 0 && coverage.highQualityFraction == 0)
  }

  /// Fewer than 1 % of the samples on a mode do not cover it.
  @Test func aModeNeedsOnePercentOfTheSamples() {
    let ring = RingOfGaussians()
    let (a, b) = (ring.center(0), ring.center(4))
    let rows = Array(repeating: [Float(a.x), Float(a.y)], count: 199) + [[Float(b.x), Float(b.y)]]
    #expect(ring.coverage(Tensor(rows: rows)).modesCovered == 1)
  }

  @Test func nearestNeighbourDistancesAreExact() {
    let data = Tensor(rows: [[0, 0], [3, 4]])
    let d = RingOfGaussians.nearestNeighbourDistances(Tensor(rows: [[3, 5], [0, 1], [6, 8]]), in: data)
    #expect(d.map { abs($0 - [1, 1, 5][d.firstIndex(of: $0)!]) < 1e-6 }.allSatisfy { $0 })
  }
}

@Suite struct ModeCensusTests {
  /// The data covers all 8 modes (12.5 % each) and has no dominant mode.
  @Test func theDataCoversEveryModeWithNoneDominant() {
    var rng = SeededGenerator(seed: 4)
    let ring = RingOfGaussians()
    let census = ring.census(ring.sample(2000, using: &rng), radius: 0.25, minimumShare: 0.05)
    #expect(census.modesCovered == 8)
    #expect(census.dominantMode == nil)
    #expect(census.largestShare < 0.2)
  }

  /// 60 % on mode 2, 40 % on mode 5: two modes covered, mode 2 dominant; off-centre samples
  /// (0.1 away, 5σ) still count, samples beyond the radius do not.
  @Test func aCollapsedSampleHasADominantMode() {
    let ring = RingOfGaussians()
    let (a, b) = (ring.center(2), ring.center(5))
    let rows = Array(repeating: [Float(a.x + 0.1), Float(a.y)], count: 60)
      + Array(repeating: [Float(b.x), Float(b.y)], count: 30) + Array(repeating: [Float(b.x), Float(b.y + 0.5)], count: 10)
    let census = ring.census(Tensor(rows: rows), radius: 0.25, minimumShare: 0.05)
    #expect(census.counts[2] == 60 && census.counts[5] == 30)
    #expect(census.modesCovered == 2)
    #expect(census.dominantMode == 2)
    #expect(ring.coverage(Tensor(rows: rows)).counts[2] == 0)
  }

  @Test func hopsCountChangesOfTheDominantMode() {
    #expect(dominantModeChanges([nil, 3, 3, nil, 3, 5, 5, 1]) == 2)
    #expect(dominantModeChanges([nil, nil, nil]) == 0)
    #expect(dominantModeChanges([4, 4, 4]) == 0)
  }
}
