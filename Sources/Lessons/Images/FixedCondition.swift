import Math

/// A conditional discriminator's input for one fixed condition: the layer puts y in front of
/// every sample, [y | x], so that D(x | y) becomes a function of x alone — for climbing D's
/// output in image space for a chosen class.
public struct FixedCondition: Layer {
  /// The condition, one row (a one-hot class).
  public let condition: Tensor

  public init(_ condition: Tensor) {
    precondition(condition.rows == 1, "FixedCondition: one condition row, got \(condition.shape)")
    self.condition = condition
  }

  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    let repeated = Tensor.concatenatingRows(Array(repeating: condition, count: x.value.rows))
    return discriminatorInput(conditions: repeated, samples: x)
  }

  public var parameters: [Variable] { [] }
}
