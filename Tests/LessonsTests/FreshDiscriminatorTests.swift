import Foundation
import Lessons
import Math
import Testing

/// A fresh discriminator says ½ when the two distributions are the same, and finds about half
/// their total variation distance when they differ.
@Suite struct FreshDiscriminatorTests {
  static func gap(fakeMean: Double, seed: UInt64) -> Double {
    var rng = SeededGenerator(seed: seed)
    let normal = Distribution1D.normal(mean: 0, sd: 1), shifted = Distribution1D.normal(mean: fakeMean, sd: 1)
    return freshDiscriminatorGap(
      layers: [1, 16, 16, 1], steps: 600, batchSize: 128, probeCount: 4_000,
      real: { n, rng in Tensor(column: normal.sample(n, using: &rng)) },
      fake: { n, rng in Tensor(column: shifted.sample(n, using: &rng)) }, using: &rng)
  }

  @Test func sameDistributionGivesAboutAHalf() {
    #expect(Self.gap(fakeMean: 0, seed: 1) < 0.03)
  }

  @Test func shiftedDistributionIsSeenNearTheOptimalGap() {
    // N(0, 1) against N(1, 1): TV = 2Φ(½) − 1 ≈ 0.383, so D* is 0.191 from ½ on average.
    let optimal = (2 * Statistics.normalCDF(0.5) - 1) / 2
    let measured = Self.gap(fakeMean: 1, seed: 1)
    #expect(abs(measured - optimal) < 0.04, "measured \(measured), optimal \(optimal)")
  }
}
