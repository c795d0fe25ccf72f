import Foundation
import Math

/// The ring of Gaussians of Metz et al. 2016 (unrolled GANs), the standard test of mode
/// collapse: an equal mixture of `modes` isotropic normals with standard deviation `sd`, their
/// means evenly spaced on a circle of `radius` (8 modes, radius 2, sd 0.02 by default).
public struct RingOfGaussians: Sendable {
  public var modes = 8
  public var radius = 2.0
  public var sd = 0.02

  public init(modes: Int = 8, radius: Double = 2, sd: Double = 0.02) {
    precondition(modes >= 1 && radius > 0 && sd > 0, "RingOfGaussians: needs modes ≥ 1, radius > 0, sd > 0")
    self.modes = modes
    self.radius = radius
    self.sd = sd
  }

  /// The mean of mode k: radius · (cos 2πk/modes, sin 2πk/modes).
  public func center(_ k: Int) -> (x: Double, y: Double) {
    let angle = 2 * Double.pi * Double(k) / Double(modes)
    return (radius * cos(angle), radius * sin(angle))
  }

  /// `count` points `[count, 2]`: a mode drawn uniformly, then its normal.
  public func sample<R: RandomNumberGenerator>(_ count: Int, using rng: inout R) -> Tensor {
    var scalars: [Float] = []
    scalars.reserveCapacity(2 * count)
    for _ in 0..<count {
      let c = center(Int.random(in: 0..<modes, using: &rng))
      scalars += [Float(c.x + rng.normal(sd: sd)), Float(c.y + rng.normal(sd: sd))]
    }
    return Tensor(shape: [count, 2], scalars: scalars)
  }

  /// The nearest mode of the point (x, y) and the distance to its mean.
  public func nearestMode(x: Double, y: Double) -> (mode: Int, distance: Double) {
    (0..<modes).map { k in
      let c = center(k)
      return (k, ((x - c.x) * (x - c.x) + (y - c.y) * (y - c.y)).squareRoot())
    }.min { $0.1 < $1.1 }!
  }

  /// How a set of samples covers the ring, by the measure of Metz et al. 2016 and later work:
  /// a sample is of high quality when it lies within `sigmas` standard deviations of a mode's
  /// mean; a mode is covered when at least `minimumShare` of the samples are high-quality
  /// samples of it.
  public struct Coverage: Sendable, Equatable {
    /// High-quality samples per mode.
    public var counts: [Int]
    /// The number of samples judged.
    public var total: Int
    public var minimumShare: Double
    /// The number of modes covered.
    public var modesCovered: Int { counts.filter { Double($0) >= minimumShare * Double(total) }.count }
    /// The share of samples within `sigmas` standard deviations of some mode.
    public var highQualityFraction: Double { Double(counts.reduce(0, +)) / Double(max(total, 1)) }
  }

  /// The coverage of `samples` `[n, 2]` (3σ and 1 % by default).
  public func coverage(_ samples: Tensor, sigmas: Double = 3, minimumShare: Double = 0.01) -> Coverage {
    precondition(samples.columns == 2, "RingOfGaussians.coverage: needs [n, 2] samples, got \(samples.shape)")
    var counts = Array(repeating: 0, count: modes)
    for i in 0..<samples.rows {
      let (mode, distance) = nearestMode(x: Double(samples[i, 0]), y: Double(samples[i, 1]))
      if distance <= sigmas * sd { counts[mode] += 1 }
    }
    return Coverage(counts: counts, total: samples.rows, minimumShare: minimumShare)
  }

  /// For each row of `points` `[n, 2]`, the Euclidean distance to the nearest row of `data`.
  public static func nearestNeighbourDistances(_ points: Tensor, in data: Tensor) -> [Double] {
    (0..<points.rows).map { i in
      let (x, y) = (points[i, 0], points[i, 1])
      var best = Float.infinity
      for j in 0..<data.rows {
        let (dx, dy) = (data[j, 0] - x, data[j, 1] - y)
        best = min(best, dx * dx + dy * dy)
      }
      return Double(best.squareRoot())
    }
  }
}
