/// Layers that change only the shape of a batch, between the image layers of a convolutional
/// network (`[batch, channels, height, width]`) and its fully connected ones
/// (`[batch, features]`): the DCGAN generator's `Linear → Unflatten([128, 7, 7])` and its
/// discriminator's `… → Flatten() → Linear`. Neither has parameters, and the gradient flows
/// back through `Variable.reshaped(_:)`.

/// `[batch, d₁, d₂, …]` → `[batch, d₁ · d₂ · …]`: each sample becomes one row, in row-major
/// order (PyTorch's `nn.Flatten()`).
public struct Flatten: Layer, Sendable {
  public init() {}

  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    precondition(x.value.rank >= 1, "Flatten: needs a batch [batch, …], got shape \(x.shape)")
    return x.reshaped([x.value.rows, x.value.columns])
  }

  public var parameters: [Variable] { [] }
}

/// `[batch, n]` → `[batch] + shape`, where n is the product of `shape`: each row becomes one
/// sample of that shape, e.g. `Unflatten([128, 7, 7])` turns 6 272 features into 128 images
/// of 7 × 7 (PyTorch's `nn.Unflatten(1, shape)`).
public struct Unflatten: Layer, Sendable {
  /// The shape of one sample after the layer.
  public let shape: [Int]

  public init(_ shape: [Int]) {
    precondition(
      !shape.isEmpty && shape.allSatisfy { $0 > 0 },
      "Unflatten: shape must have positive extents, got \(shape)")
    self.shape = shape
  }

  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    let n = shape.reduce(1, *)
    precondition(
      x.value.rank == 2 && x.shape[1] == n,
      "Unflatten: input \(x.shape) is not [batch, \(n)], the size of one sample of shape \(shape)")
    return x.reshaped([x.shape[0]] + shape)
  }

  public var parameters: [Variable] { [] }
}
