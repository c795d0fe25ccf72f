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
    var mask = Tensor(zeros: x.shape)
    let keep = 1 - Double(rate)
    let scale = 1 / Float(keep)
    mask.scalars.withUnsafeMutableBufferPointer { m in
      for i in m.indices where generator.uniform() < keep { m[i] = scale }
    }
    return x.masked(by: mask)
  }

  public var parameters: [Variable] { [] }
}

extension Variable {
  /// x ⊙ mask for a constant mask (dropout); the gradient is masked the same way.
  public func masked(by mask: Tensor) -> Variable {
    Variable(value * mask, parents: [self]) { g in [g * mask] }
  }
}
