/// Four xoshiro256** generators run side by side, generator j in lane j of each vector: each
/// step gives four numbers with the vector instructions that one scalar step takes.
///
/// Contract: lane j of the i-th `next()` equals the i-th `next()` of the generator passed as
/// `gj`, bit for bit (`FourStreamsTests` checks it against `SeededGenerator.next()`).
struct FourStreams {
  private var state: (SIMD4<UInt64>, SIMD4<UInt64>, SIMD4<UInt64>, SIMD4<UInt64>)

  init(_ g0: SeededGenerator, _ g1: SeededGenerator, _ g2: SeededGenerator, _ g3: SeededGenerator) {
    let (w0, w1, w2, w3) = (g0.words, g1.words, g2.words, g3.words)
    state = (SIMD4(w0[0], w1[0], w2[0], w3[0]), SIMD4(w0[1], w1[1], w2[1], w3[1]),
             SIMD4(w0[2], w1[2], w2[2], w3[2]), SIMD4(w0[3], w1[3], w2[3], w3[3]))
  }

  /// The next number of each generator, generator j's in lane j.
  @inline(__always)
  mutating func next() -> SIMD4<UInt64> { xoshiro256StarStar(&state) }
}

extension SeededGenerator {
  /// The state as four words, word i in lane i (for `JumpAhead` and `FourStreams`).
  var words: SIMD4<UInt64> {
    get { SIMD4(state.0, state.1, state.2, state.3) }
    set { state = (newValue[0], newValue[1], newValue[2], newValue[3]) }
  }

  /// This generator's stream from `jump.steps` draws on, without drawing them (`JumpAhead`).
  func jumped(_ jump: JumpAhead) -> SeededGenerator {
    var generator = self
    generator.words = jump(words)
    return generator
  }
}

/// The word operations xoshiro256** needs: on one 64-bit word, or lane by lane on a vector of
/// them (one word of each of several generators).
protocol XoshiroWord {
  static func ^ (a: Self, b: Self) -> Self
  static func | (a: Self, b: Self) -> Self
  static func &+ (a: Self, b: Self) -> Self
  static func &<< (a: Self, b: UInt64) -> Self
  static func &>> (a: Self, b: UInt64) -> Self
}

extension UInt64: XoshiroWord {}
extension SIMD4: XoshiroWord where Scalar == UInt64 {}

/// One step of xoshiro256**, `SeededGenerator.next()` written for any `XoshiroWord`: returns
/// the output and advances `s`. The products x · 5 and x · 9 (mod 2⁶⁴) are shifts and adds,
/// since vectors of 64-bit words have no multiplication on AVX2.
@inline(__always)
func xoshiro256StarStar<Word: XoshiroWord>(_ s: inout (Word, Word, Word, Word)) -> Word {
  func rotateLeft(_ x: Word, _ k: UInt64) -> Word { (x &<< k) | (x &>> (64 - k)) }
  let times5 = (s.1 &<< 2) &+ s.1
  let rotated = rotateLeft(times5, 7)
  let result = (rotated &<< 3) &+ rotated
  let t = s.1 &<< 17
  s.2 = s.2 ^ s.0
  s.3 = s.3 ^ s.1
  s.1 = s.1 ^ s.2
  s.0 = s.0 ^ s.3
  s.2 = s.2 ^ t
  s.3 = rotateLeft(s.3, 45)
  return result
}
