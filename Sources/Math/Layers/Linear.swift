import Foundation

/// A fully connected layer y = x W + b, with W `[inputs, outputs]` and b `[1, outputs]`.
public struct Linear: Layer {
  public let weight: Variable
  public let bias: Variable

  /// Weights and biases drawn from U(−1/√inputs, 1/√inputs), PyTorch's default for `nn.Linear`
  /// (so the recipes of the texts start where their reference code starts).
  public init<G: RandomNumberGenerator>(_ inputs: Int, _ outputs: Int, using generator: inout G) {
    let bound = 1 / Double(inputs).squareRoot()
    let uniform = Distribution1D.uniform(low: -bound, high: bound)
    weight = Variable(uniform.tensor(rows: inputs, columns: outputs, using: &generator), requiresGradient: true)
    bias = Variable(uniform.tensor(rows: 1, columns: outputs, using: &generator), requiresGradient: true)
  }

  /// A layer with the given weight `[inputs, outputs]` and bias `[1, outputs]`.
  public init(weight: Tensor, bias: Tensor) {
    precondition(weight.rank == 2 && bias.shape == [1, weight.shape[1]],
                 "Linear: weight \(weight.shape) needs bias [1, \(weight.shape.last ?? 0)], got \(bias.shape)")
    self.weight = Variable(weight, requiresGradient: true)
    self.bias = Variable(bias, requiresGradient: true)
  }

  /// x W + b for a batch x `[batch, inputs]`.
  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    checkFits(x)
    return x.affine(weight: weight, bias: bias)
  }

  /// Stops, naming both shapes, unless `x` has one column per input of the layer.
  func checkFits(_ x: Variable) {
    precondition(x.value.columns == weight.shape[0],
                 "Linear: input \(x.shape) does not fit weight \(weight.shape)")
  }

  public var parameters: [Variable] { [weight, bias] }
}
