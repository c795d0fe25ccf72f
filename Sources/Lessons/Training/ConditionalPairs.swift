import Math

/// Pairs (y, x) of a condition and a target, row by row: the training data of a conditional
/// model — a conditional GAN that learns p(x | y), or a regressor that predicts x from y. A
/// minibatch keeps each pair together.
public struct ConditionalPairs: RowGatherable, Sendable {
  /// The conditions y, one a row.
  public var conditions: Tensor
  /// The targets x, one a row.
  public var targets: Tensor

  public init(conditions: Tensor, targets: Tensor) {
    precondition(conditions.rows == targets.rows,
                 "ConditionalPairs: \(conditions.rows) conditions and \(targets.rows) targets")
    self.conditions = conditions
    self.targets = targets
  }

  public var rows: Int { targets.rows }

  public func gatheringRows(_ indices: [Int]) -> ConditionalPairs {
    ConditionalPairs(conditions: conditions.gatheringRows(indices), targets: targets.gatheringRows(indices))
  }
}
