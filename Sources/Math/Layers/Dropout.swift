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
          // Each random number gives the draws of two elements, its low half first; eight
          // elements take four numbers, read as eight 32-bit lanes (little-endian). The stream
          // is a local copy (a class property pays an exclusivity check per draw).
          var random = generator
          var i = 0
          while i + 8 <= n {
            let words = SIMD4<UInt64>(random.next(), random.next(), random.next(), random.next())
            let draws = unsafeBitCast(words, to: SIMD8<UInt32>.self)
            let kept = SIMD8<Float>().replacing(with: scale, where: draws .< threshold)
            let product = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self) * kept
            UnsafeMutableRawPointer(m + i).storeBytes(of: kept, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(y + i).storeBytes(of: product, as: SIMD8<Float>.self)
            i += 8
          }
          var word: UInt64 = 0
          while i < n {
            if i % 2 == 0 { word = random.next() }
            let draw = UInt32(truncatingIfNeeded: i % 2 == 0 ? word : word >> 32)
            m[i] = draw < threshold[0] ? scale[0] : 0
            y[i] = x[i] * m[i]
            i += 1
          }
          generator = random
        }
      }
    }
    return Variable(output, parents: [x]) { [mask] g in [g * mask] }
  }

  public var parameters: [Variable] { [] }
}
