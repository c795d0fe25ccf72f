/// Differentiable reshaping: the same elements, in the same row-major order, under a new shape
/// (a batch of images flattened for a fully connected layer, or a row of features unfolded into
/// images for a convolution).
extension Variable {
  /// The same elements under `shape`, which must hold as many elements as this value. Nothing
  /// moves, so the gradient is the output's gradient read under the input's shape:
  /// ∂L/∂x = reshape(G, shape of x).
  public func reshaped(_ shape: [Int]) -> Variable {
    let original = value.shape
    let needed = shape.reduce(1, *)
    precondition(
      shape.allSatisfy { $0 >= 0 } && needed == value.count,
      "reshaped: \(original) has \(value.count) elements, shape \(shape) needs \(needed)")
    return Variable(value.reshaped(shape), parents: [self]) { g in [g.reshaped(original)] }
  }
}
