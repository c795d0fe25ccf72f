/// Differentiable reductions to a scalar.
extension Variable {
  /// The sum of all elements, shape `[]`.
  public func sum() -> Variable {
    let shape = value.shape
    return Variable(Tensor(Float(value.sum())), parents: [self]) { g in
      [Tensor(repeating: g.scalar, shape: shape)]
    }
  }

  /// The mean of all elements, shape `[]`.
  public func mean() -> Variable {
    let shape = value.shape
    let n = Float(value.count)
    return Variable(Tensor(Float(value.mean())), parents: [self]) { g in
      [Tensor(repeating: g.scalar / n, shape: shape)]
    }
  }
}
