import Math

/// Which modes of a ring of Gaussians a set of samples covers, measured apart from how good the
/// samples are (`RingOfGaussians.Coverage` measures that: the share within 3σ of a mode).
///
/// Each sample is assigned to its nearest mode if it lies within `radius` of that mode's mean
/// (farther samples belong to no mode). A mode is *covered* when at least `minimumShare` of
/// all samples are assigned to it; a mode is *dominant* when at least `dominantShare` are.
/// A generator spread evenly over the ring covers every mode and has no dominant one; a
/// collapsed generator covers one or two and has a dominant one.
public struct ModeCensus: Sendable, Equatable {
  /// Samples assigned to each mode.
  public var counts: [Int]
  /// The number of samples judged.
  public var total: Int
  public var minimumShare: Double
  public var dominantShare: Double

  /// The share of all samples assigned to each mode.
  public var shares: [Double] { counts.map { Double($0) / Double(max(total, 1)) } }
  /// The number of modes holding at least `minimumShare` of the samples.
  public var modesCovered: Int { shares.filter { $0 >= minimumShare }.count }
  /// The mode holding at least `dominantShare` of the samples, if one does.
  public var dominantMode: Int? { shares.indices.first { shares[$0] >= dominantShare } }
  /// The largest share any one mode holds.
  public var largestShare: Double { shares.max() ?? 0 }
}

extension RingOfGaussians {
  /// The census of `samples` `[n, 2]`: nearest mode within `radius`, covered at `minimumShare`,
  /// dominant at `dominantShare` (must be above ½ so that at most one mode is dominant).
  public func census(_ samples: Tensor, radius: Double, minimumShare: Double, dominantShare: Double = 0.5) -> ModeCensus {
    precondition(samples.columns == 2, "RingOfGaussians.census: needs [n, 2] samples, got \(samples.shape)")
    precondition(dominantShare >= 0.5, "RingOfGaussians.census: dominantShare \(dominantShare) must be at least 0.5")
    // BEGIN SOLUTION mode-census
    // HINT: for each sample (row), nearestMode(x:y:) gives its mode and distance; count it for that mode when the distance is at most radius
    var counts = Array(repeating: 0, count: modes)
    for i in 0..<samples.rows {
      let (mode, distance) = nearestMode(x: Double(samples[i, 0]), y: Double(samples[i, 1]))
      if distance <= radius { counts[mode] += 1 }
    }
    return ModeCensus(counts: counts, total: samples.rows, minimumShare: minimumShare, dominantShare: dominantShare)
    // END SOLUTION
  }
}

/// The number of times the dominant mode changes between consecutive checkpoints that both
/// have one: the hopping of Metz et al. 2016, Fig. 1. A generator that keeps one dominant mode,
/// or never has one, hops 0 times.
public func dominantModeChanges(_ dominant: [Int?]) -> Int {
  let held = dominant.compactMap { $0 }
  return zip(held, held.dropFirst()).filter { $0 != $1 }.count
}
