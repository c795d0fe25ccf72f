import Synchronization

/// Jumping ahead in xoshiro256**'s stream, so that one stream can be drawn by four generators
/// side by side, each taking a quarter of it.
///
/// The generator's step moves its 256 bits of state by a linear map T over GF(2) (shifts,
/// rotations and exclusive ors), so L steps are the linear map Tᴸ. `JumpAhead(steps: L)` holds
/// Tᴸ and applies it to a state in 64 table lookups: the state after L draws, without drawing
/// them. Blackman & Vigna's `jump()` is the case L = 2¹²⁸.
///
/// Contract: `generator.jumped(JumpAhead(steps: L))` continues exactly as `generator` does after
/// L calls of `SeededGenerator.next()` (`JumpAheadTests`). This lets `Dropout` draw a mask's
/// quarters at once (Kernels/DropoutMask.swift): four generators started L apart run in the
/// four 64-bit lanes of one vector, while element i of the mask still comes from draw ⌊i/2⌋.
/// What that buys, measured, is in bench/PERFORMANCE.md.
struct JumpAhead: Sendable {
  typealias State = SIMD4<UInt64>

  /// L, the number of draws jumped.
  let steps: Int
  private let map: NibbleTable

  /// Tᴸ for L = `steps` ≥ 0, by repeated squaring of T.
  init(steps: Int) {
    precondition(steps >= 0, "JumpAhead: steps must be ≥ 0, got \(steps)")
    self.steps = steps
    var result = LinearMap.identity
    var power = LinearMap.step
    var remaining = steps
    while remaining > 0 {
      if remaining & 1 == 1 { result = power.after(result) }
      remaining >>= 1
      if remaining > 0 { power = power.after(power) }
    }
    map = NibbleTable(result)
  }

  /// The state `steps` draws after `state` (its words 0…3 as lanes 0…3).
  func callAsFunction(_ state: State) -> State { map(state) }

  /// The jump for `steps`, computed once per process and then shared (few lengths occur: one
  /// per batch shape of a dropout layer; each takes 2 log₂ L compositions of 256-bit maps).
  static func cached(steps: Int) -> JumpAhead {
    if let known = cache.withLock({ $0[steps] }) { return known }
    let jump = JumpAhead(steps: steps)
    cache.withLock { $0[steps] = jump }
    return jump
  }

  private static let cache = Mutex<[Int: JumpAhead]>([:])
}

/// A linear map of xoshiro256**'s state, as the images of the 256 unit states (bit b of the
/// state is bit b mod 64 of word b / 64).
private struct LinearMap {
  var columns: [JumpAhead.State]

  /// One step of xoshiro256**: the state update of `SeededGenerator.next()` (the output does
  /// not enter the state), applied to each unit state.
  static let step = LinearMap(columns: identity.columns.map { unit in
    var generator = SeededGenerator(seed: 0)
    generator.words = unit
    _ = generator.next()
    return generator.words
  })

  static let identity = LinearMap(columns: (0..<256).map { b in
    var unit = JumpAhead.State()
    unit[b / 64] = 1 << UInt64(b % 64)
    return unit
  })

  /// self ∘ first: `first`, then `self`.
  func after(_ first: LinearMap) -> LinearMap {
    LinearMap(columns: first.columns.map(NibbleTable(self).callAsFunction))
  }
}

/// A linear map as the images of every nibble value at every nibble position, `entries[16p + v]`
/// for nibble p (bits 4p…4p+3) equal to v: applying it takes one lookup per nonzero nibble.
private struct NibbleTable: Sendable {
  let entries: [JumpAhead.State]

  init(_ map: LinearMap) {
    var entries = [JumpAhead.State](repeating: .zero, count: 64 * 16)
    for p in 0..<64 {
      for v in 1..<16 {
        // v without its lowest set bit is filled in already; add the image of that bit.
        let lowest = v & -v
        entries[16 * p + v] = entries[16 * p + (v ^ lowest)] ^ map.columns[4 * p + lowest.trailingZeroBitCount]
      }
    }
    self.entries = entries
  }

  func callAsFunction(_ state: JumpAhead.State) -> JumpAhead.State {
    entries.withUnsafeBufferPointer { table in
      var out = JumpAhead.State()
      for word in 0..<4 {
        var bits = state[word]
        var nibble = 16 * word
        while bits != 0 {
          out ^= table[16 * nibble + Int(bits & 15)]
          bits >>= 4
          nibble += 1
        }
      }
      return out
    }
  }
}
