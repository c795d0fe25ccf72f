/// A 2D convolution layer on channels-first images `[batch, channels, height, width]`, with a
/// square kernel W `[outputChannels, channels, k, k]` and a bias per output channel
/// (PyTorch's `nn.Conv2d`). See `Variable.convolution` for the equation and its lowering.
public struct Conv2d: Layer {
  public let weight: Variable
  public let bias: Variable?
  public let stride: Int
  public let padding: Int

  /// Weights and biases drawn from U(−1/√n, 1/√n) with n = channels · k², PyTorch's default.
  public init<G: RandomNumberGenerator>(_ channels: Int, _ outputChannels: Int, kernelSize k: Int, stride: Int = 1,
                                        padding: Int = 0, bias: Bool = true, using generator: inout G) {
    let (weight, bias) = Conv2d.pytorchDefault(weightShape: [outputChannels, channels, k, k], fanIn: channels * k * k,
                                                bias: bias, using: &generator)
    self.init(weight: weight, bias: bias, stride: stride, padding: padding)
  }

  /// A layer with the given kernel `[outputChannels, channels, k, k]` and bias `[outputChannels]`.
  public init(weight: Tensor, bias: Tensor?, stride: Int = 1, padding: Int = 0) {
    precondition(weight.rank == 4 && weight.shape[2] == weight.shape[3],
                 "Conv2d: weight needs [outputChannels, channels, k, k], got \(weight.shape)")
    precondition(bias == nil || bias!.shape == [weight.shape[0]], "Conv2d: bias \(bias!.shape) needs [\(weight.shape[0])]")
    self.weight = Variable(weight, requiresGradient: true)
    self.bias = bias.map { Variable($0, requiresGradient: true) }
    (self.stride, self.padding) = (stride, padding)
  }

  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    x.convolution(weight: weight, bias: bias, stride: stride, padding: padding)
  }

  /// The geometry of this convolution over images `x`, which must have its input channels.
  func checkFits(_ x: Variable) -> ConvolutionGeometry {
    precondition(x.shape.count == 4 && x.shape[1] == weight.shape[1],
                 "convolution: images \(x.shape) need \(weight.shape[1]) channels for weight \(weight.shape)")
    return ConvolutionGeometry(imageShape: x.shape, kernelSize: weight.shape[2], stride: stride, padding: padding)
  }

  public var parameters: [Variable] { [weight] + (bias.map { [$0] } ?? []) }

  /// A kernel of `weightShape` and a bias of its first (`nn.Conv2d`) or second
  /// (`nn.ConvTranspose2d`) extent from U(−1/√fanIn, 1/√fanIn): PyTorch's default
  /// (Kaiming-uniform with a = √5 comes to the same bound).
  static func pytorchDefault<G: RandomNumberGenerator>(weightShape: [Int], fanIn: Int, bias: Bool,
                                                       biasCount: Int? = nil, using generator: inout G)
    -> (weight: Tensor, bias: Tensor?)
  {
    let bound = 1 / Double(fanIn).squareRoot()
    let uniform = Distribution1D.uniform(low: -bound, high: bound)
    let count = weightShape.reduce(1, *)
    let weight = uniform.tensor(rows: 1, columns: count, using: &generator).reshaped(weightShape)
    let n = biasCount ?? weightShape[0]
    return (weight, bias ? uniform.tensor(rows: 1, columns: n, using: &generator).reshaped([n]) : nil)
  }
}
