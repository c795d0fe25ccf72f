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
    // Each element is kept when a 32-bit uniform draw u falls below keep · 2³²: two draws per
    // 64-bit random number, its low half first. The probability is exact to 2⁻³² (rates below
    // 2⁻³² act as 2⁻³²). A kept element is scaled by 1/keep, a dropped one is 0.
    let keep = 1 - Double(rate)
    let threshold = SIMD8<UInt32>(repeating: UInt32(clamping: UInt64(keep * 4_294_967_296)))
    let scale = SIMD8<Float>(repeating: 1 / Float(keep))
    let input = x.value
    let n = input.count
    var mask = Tensor(zeros: [0])
    let output = input.scalars.withUnsafeBufferPointer { source in
      Tensor(shape: input.shape) { target in
        mask = Tensor(shape: input.shape) { maskBuffer in
          guard n > 0 else { return }
          let (x, y, m) = (source.baseAddress!, target.baseAddress!, maskBuffer.baseAddress!)
          // First the raw draws, written into the mask's memory: 32 bits per element, two per
          // random number (little-endian: its low half lands first). The stream is a local copy
          // (a class property pays an exclusivity check per draw).
          var random = generator
          let bits = UnsafeMutableRawPointer(m)
          for word in 0..<(n / 2) { bits.storeBytes(of: random.next(), toByteOffset: 8 * word, as: UInt64.self) }
          if n % 2 == 1 {
            bits.storeBytes(of: UInt32(truncatingIfNeeded: random.next()), toByteOffset: 4 * (n - 1), as: UInt32.self)
          }
          generator = random
          // Then draw → mask → product, eight elements at a time.
          var i = 0
          while i + 8 <= n {
            let draws = bits.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<UInt32>.self)
            let kept = SIMD8<Float>().replacing(with: scale, where: draws .< threshold)
            let product = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self) * kept
            UnsafeMutableRawPointer(m + i).storeBytes(of: kept, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: product, as: SIMD8<Float>.self)
            i += 8
          }
          while i < n {
            let draw = bits.load(fromByteOffset: 4 * i, as: UInt32.self)
            m[i] = draw < threshold[0] ? scale[0] : 0
            y[i] = x[i] * m[i]
            i += 1
          }
        }
      }
    }
    return Variable(output, parents: [x]) { [mask] g in [g * mask] }
  }

  public var parameters: [Variable] { [] }
}
