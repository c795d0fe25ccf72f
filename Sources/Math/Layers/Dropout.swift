/// Dropout (Srivastava et al. 2014): in training, each element is zeroed with probability
/// `rate` and the survivors are scaled by 1/(1 − rate), so the expected value is unchanged; in
/// evaluation it is the identity.
///
/// The layer owns its random stream (seeded by the caller), so a model with dropout is still
/// repeatable from its seed. It is a class because drawing a mask advances that stream.
public final class Dropout: Layer {
  public let rate: Float
  /// The layer's stream; each mask continues it where the last one stopped.
  var generator: SeededGenerator

  public init(rate: Float, seed: UInt64) {
    precondition(rate >= 0 && rate < 1, "Dropout: rate must be in [0, 1), got \(rate)")
    self.rate = rate
    self.generator = SeededGenerator(seed: seed)
  }

  /// In training, x ⊙ mask with the next mask of x's shape; its pullback is g ⊙ mask.
  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    guard training, rate > 0 else { return x }
    // The mask of `nextMask(shape:)`, drawn four streams at a time (Kernels/DropoutMask.swift).
    let mask = nextMaskFromFourStreams(shape: x.shape)
    return Variable(x.value * mask, parents: [x]) { g in [g * mask] }
  }

  /// The mask of one training pass over a batch of `shape`, element by element: 1/(1 − rate)
  /// where the element is kept, 0 where it is dropped.
  ///
  /// The stream defines it: element i is kept when the 32-bit uniform draw uᵢ falls below
  /// `keepThreshold` = (1 − rate) · 2³², where u₀, u₁ are the low and high halves of the
  /// stream's next 64-bit number, u₂, u₃ those of the one after, and so on. (The keep
  /// probability is exact to 2⁻³²; an odd count spends a whole number on its last element.)
  public func nextMask(shape: [Int]) -> Tensor {
    var mask = Tensor(zeros: shape)
    var word: UInt64 = 0
    for i in 0..<mask.count {
      if i % 2 == 0 { word = generator.next() }
      let u = UInt32(truncatingIfNeeded: i % 2 == 0 ? word : word >> 32)
      if u < keepThreshold { mask.scalars[i] = keptScale }
    }
    return mask
  }

  /// (1 − rate) · 2³², rounded down: an element is kept when its draw falls below this.
  var keepThreshold: UInt32 { UInt32(clamping: UInt64((1 - Double(rate)) * 4_294_967_296)) }

  /// 1/(1 − rate), the factor of the elements kept.
  var keptScale: Float { 1 / Float(1 - Double(rate)) }

  public var parameters: [Variable] { [] }
}
