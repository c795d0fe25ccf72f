/// The workbook's one random number generator: xoshiro256** (Blackman & Vigna 2018), seeded
/// through SplitMix64 so that nearby seeds give unrelated streams.
///
/// Randomness is always explicit: a generator is created from a seed and passed `inout` to
/// whatever draws from it, so a run is repeatable from its seed alone.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// A generator whose whole stream is determined by `seed`.
  public init(seed: UInt64) {
    var s = seed
    func splitMix() -> UInt64 {
      s &+= 0x9E37_79B9_7F4A_7C15
      var z = s
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = (splitMix(), splitMix(), splitMix(), splitMix())
  }

  public mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  /// A new generator for an independent sub-task (a layer's dropout, one seed of a sweep),
  /// seeded from this one.
  public mutating func split() -> SeededGenerator { SeededGenerator(seed: next()) }

  private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
