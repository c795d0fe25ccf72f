import Foundation

/// A fully connected layer y = x W + b, with W `[inputs, outputs]` and b `[1, outputs]`.
public struct Linear: Layer {
  public let weight: Variable
  public let bias: Variable

  /// Weights and biases drawn from U(−1/√inputs, 1/√inputs), PyTorch's default for `nn.Linear`
  /// (so the recipes of the texts start where their reference code starts).
  public init<G: RandomNumberGenerator>(_ inputs: Int, _ outputs: Int, using generator: inout G) {
    let bound = 1 / Double(inputs).squareRoot()
    let init_ = Distribution1D.uniform(low: -bound, high: bound)
    weight = Variable(init_.tensor(rows: inputs, columns: outputs, using: &generator), requiresGradient: true)
    bias = Variable(init_.tensor(rows: 1, columns: outputs, using: &generator), requiresGradient: true)
  }

  /// A layer with the given weight `[inputs, outputs]` and bias `[1, outputs]`.
  public init(weight: Tensor, bias: Tensor) {
    precondition(weight.rank == 2 && bias.shape == [1, weight.shape[1]],
                 "Linear: weight \(weight.shape) needs bias [1, \(weight.shape.last ?? 0)], got \(bias.shape)")
    self.weight = Variable(weight, requiresGradient: true)
    self.bias = Variable(bias, requiresGradient: true)
  }

  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    checkFits(x)
    return x.affine(weight: weight, bias: bias)
  }

  /// The layer followed by a leaky ReLU with `slope` ≥ 0 (0: the ReLU), and by dropout with
  /// `dropoutMask` when there is one, as one fused node.
  public func callAsFunction(_ x: Variable, thenLeakyRelu slope: Float, dropoutMask: Tensor? = nil) -> Variable {
    checkFits(x)
    return x.affine(weight: weight, bias: bias, leakyReluSlope: slope, dropoutMask: dropoutMask)
  }

  private func checkFits(_ x: Variable) {
    precondition(x.value.columns == weight.shape[0],
                 "Linear: input \(x.shape) does not fit weight \(weight.shape)")
  }

  public var parameters: [Variable] { [weight, bias] }
}
