/// A layer is a function of a batch with parameters an optimizer can find
/// (in the manner of tensorflow/swift-apis: layers are values called like functions).
public protocol Layer {
  /// Applies the layer to a batch whose first axis is the batch: `[batch, features]` for the
  /// perceptron layers, `[batch, channels, height, width]` for the image layers (`Conv2d`,
  /// `ConvTranspose2d`, `BatchNorm2d`); `Flatten` and `Unflatten` go from one to the other.
  /// `training` switches dropout on, and makes batch normalisation use (and update) the batch's
  /// statistics rather than the running ones.
  func callAsFunction(_ x: Variable, training: Bool) -> Variable
  /// The trainable parameters, in a fixed order.
  var parameters: [Variable] { get }
}

extension Layer {
  /// Applies the layer in evaluation mode (no dropout).
  public func callAsFunction(_ x: Variable) -> Variable { self(x, training: false) }

  /// Applies the layer to a constant batch in evaluation mode and returns the values.
  public func evaluate(_ x: Tensor) -> Tensor { self(Variable(x), training: false).value }

  /// Forgets every parameter's accumulated gradient.
  public func zeroGradients() { parameters.forEach { $0.zeroGradient() } }

  /// The number of trainable scalars.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}
