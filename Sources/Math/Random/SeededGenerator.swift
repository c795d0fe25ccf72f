/// The workbook's one random number generator: xoshiro256** (Blackman & Vigna 2018), seeded
/// through SplitMix64 so that nearby seeds give unrelated streams.
///
/// Randomness is always explicit: a generator is created from a seed and passed `inout` to
/// whatever draws from it, so a run is repeatable from its seed alone.
///
/// `next()` is the reference code of `xoshiro256starstar.c` line for line. Dropout draws long
/// runs of this same stream with four generators side by side (Kernels/FourStreams.swift,
/// Kernels/JumpAhead.swift), tested against it number for number.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  /// The 256 bits of state, as four words s₀, s₁, s₂, s₃.
  var state: (UInt64, UInt64, UInt64, UInt64)

  /// A generator whose whole stream is determined by `seed`: its state is the first four
  /// outputs of SplitMix64 (Steele et al. 2014) started at `seed`, as Blackman & Vigna advise.
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

  /// The next number of the stream: an output scrambled from s₁ ("**": times 5, rotate,
  /// times 9), then one step of the linear recurrence on the state.
  public mutating func next() -> UInt64 {
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
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
}
