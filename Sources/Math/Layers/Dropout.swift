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
    // Each element is kept when a 32-bit uniform draw falls below keep · 2³² (two draws per
    // 64-bit random number, its low half first; the probability is exact to 2⁻³²).
    let keep = 1 - Double(rate)
    let threshold = UInt64(keep * 4_294_967_296)
    let scale = 1 / Float(keep)
    // Branch-free: (u − threshold) wraps to a value with the top bit set exactly when u < threshold.
    func kept(_ u: UInt64) -> Float { Float((u &- threshold) >> 63) * scale }
    let input = x.value
    // Drawn from a local copy of the stream: a class property would pay an exclusivity check
    // per draw.
    var random = generator
    defer { generator = random }
    // One pass draws the mask and applies it; the mask stays for the backward pass.
    var mask = Tensor(zeros: [0])
    let output = input.scalars.withUnsafeBufferPointer { source in
      Tensor(shape: input.shape) { y in
        mask = Tensor(shape: input.shape) { m in
          var i = 0
          while i + 1 < m.count {
            let bits = random.next()
            m[i] = kept(bits & 0xFFFF_FFFF)
            m[i + 1] = kept(bits >> 32)
            y[i] = source[i] * m[i]
            y[i + 1] = source[i + 1] * m[i + 1]
            i += 2
          }
          if i < m.count {
            m[i] = kept(random.next() & 0xFFFF_FFFF)
            y[i] = source[i] * m[i]
          }
        }
      }
    }
    return Variable(output, parents: [x]) { [mask] g in [g * mask] }
  }

  public var parameters: [Variable] { [] }
}
