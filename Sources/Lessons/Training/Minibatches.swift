import Math

/// A data set whose examples are rows, so that a minibatch is a selection of its rows: a
/// `Tensor` (`[N, …]`), or rows of several tensors kept together (`ConditionalPairs`).
public protocol RowGatherable {
  /// The number of examples.
  var rows: Int { get }
  /// The examples at `indices`, in that order.
  func gatheringRows(_ indices: [Int]) -> Self
}

extension Tensor: RowGatherable {}

/// One epoch of minibatch training: the examples of `data` in a random order, cut into batches
/// of `size` (the last may be smaller). The whole order is drawn from `rng` at once, before the
/// first batch is used; the batches are gathered as they are read.
public func minibatches<Data: RowGatherable, R: RandomNumberGenerator>(
  of data: Data, size: Int, using rng: inout R
) -> some Sequence<Data> {
  precondition(size > 0, "minibatches: batch size must be positive, got \(size)")
  let order = rng.permutation(data.rows)
  return stride(from: 0, to: order.count, by: size).lazy.map { start in
    data.gatheringRows(Array(order[start..<min(start + size, order.count)]))
  }
}

/// A minibatch of `size` examples drawn from `data` uniformly with replacement (one index after
/// another from `rng`): the sampling of "a minibatch of m examples from the data generating
/// distribution" in Algorithm 1 of Goodfellow et al. 2014, for training counted in steps.
public func minibatch<Data: RowGatherable, R: RandomNumberGenerator>(
  drawnFrom data: Data, size: Int, using rng: inout R
) -> Data {
  precondition(data.rows > 0, "minibatch: the data set is empty")
  return data.gatheringRows((0..<size).map { _ in Int.random(in: 0..<data.rows, using: &rng) })
}
