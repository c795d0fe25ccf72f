/// Dropout (Srivastava et al. 2014): in training, each element is zeroed with probability
/// `rate` and the survivors are scaled by 1/(1 − rate), so the expected value is unchanged; in
/// evaluation it is the identity.
///
/// The layer owns its random stream (seeded by the caller), so a model with dropout is still
/// repeatable from its seed. It is a class because drawing a mask advances that stream.
public final class Dropout: Layer {
  public let rate: Float
  private var generator: SeededGenerator

  public init(rate: Float, seed: UInt64) {
    precondition(rate >= 0 && rate < 1, "Dropout: rate must be in [0, 1), got \(rate)")
    self.rate = rate
    self.generator = SeededGenerator(seed: seed)
  }

  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    guard training, rate > 0 else { return x }
    let mask = drawMask(shape: x.shape)
    return Variable(x.value * mask, parents: [x]) { g in [g * mask] }
  }

  /// The mask of one training pass over a batch of `shape`: each element is 1/(1 − rate) (kept)
  /// or 0 (dropped), drawn from the layer's stream. The layer's output is its input times the
  /// mask, element by element, and so is its pullback's gradient.
  public func drawMask(shape: [Int]) -> Tensor {
    // Each element is kept when a 32-bit uniform draw u falls below keep · 2³²: two draws per
    // 64-bit random number, its low half first. The probability is exact to 2⁻³² (rates below
    // 2⁻³² act as 2⁻³²).
    let keep = 1 - Double(rate)
    let threshold = SIMD8<UInt32>(repeating: UInt32(clamping: UInt64(keep * 4_294_967_296)))
    let scale = SIMD8<Float>(repeating: 1 / Float(keep))
    // The mask of eight elements from four random numbers, read as eight 32-bit lanes (each
    // number's low half first, as the stream is defined).
    @inline(__always)
    func mask(_ words: SIMD4<UInt64>) -> SIMD8<Float> {
      SIMD8<Float>().replacing(with: scale, where: unsafeBitCast(words, to: SIMD8<UInt32>.self) .< threshold)
    }

    return Tensor(shape: shape) { maskBuffer in
      let n = maskBuffer.count
      guard n > 0 else { return }
      let m = maskBuffer.baseAddress!
      // The stream is a local copy (a class property pays an exclusivity check per draw).
      var random = generator
      // Four generators draw the first `quarter · 4` elements, generator j the quarter that
      // starts at element j · quarter, which is draw j · quarter / 2 of the stream: the same
      // draws as one generator, about twice as fast (see `JumpAhead`). Each step gives every
      // generator's next number, and so the next two elements of each quarter.
      let quarter = n / 32 * 8
      if quarter > 0 {
        let jump = JumpAhead.cached(steps: quarter / 2)
        let second = random.jumped(jump), third = second.jumped(jump), fourth = third.jumped(jump)
        var streams = FourStreams(random, second, third, fourth)
        for i in stride(from: 0, to: quarter, by: 2) {
          let pairs = mask(streams.next())
          UnsafeMutableRawPointer(m + i).storeBytes(of: pairs.lowHalf.lowHalf, as: SIMD2<Float>.self)
          UnsafeMutableRawPointer(m + quarter + i).storeBytes(of: pairs.lowHalf.highHalf, as: SIMD2<Float>.self)
          UnsafeMutableRawPointer(m + 2 * quarter + i).storeBytes(of: pairs.highHalf.lowHalf, as: SIMD2<Float>.self)
          UnsafeMutableRawPointer(m + 3 * quarter + i).storeBytes(of: pairs.highHalf.highHalf, as: SIMD2<Float>.self)
        }
        // Where the fourth generator stopped: draw 2 · quarter of the stream. (One more jump
        // rather than reading the state out of `streams`, which made the compiler keep the
        // four streams in memory and the loop twice as slow.)
        random = fourth.jumped(jump)
      }
      // The rest one after another, from element 4 · quarter (an even index) on.
      var i = 4 * quarter
      while i + 8 <= n {
        let words = SIMD4(random.next(), random.next(), random.next(), random.next())
        UnsafeMutableRawPointer(m + i).storeBytes(of: mask(words), as: SIMD8<Float>.self)
        i += 8
      }
      var word: UInt64 = 0
      while i < n {
        if i % 2 == 0 { word = random.next() }
        let draw = UInt32(truncatingIfNeeded: i % 2 == 0 ? word : word >> 32)
        m[i] = draw < threshold[0] ? scale[0] : 0
        i += 1
      }
      generator = random
    }
  }

  public var parameters: [Variable] { [] }
}
