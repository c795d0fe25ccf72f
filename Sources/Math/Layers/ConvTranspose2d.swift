/// A transposed 2D convolution layer (PyTorch's `nn.ConvTranspose2d`): the adjoint of a
/// `Conv2d` with the same kernel, stride and padding, which takes a `height × width` image to
/// `((height − 1)·stride − 2·padding + k)` pixels on a side. With k = 4, stride 2 and padding 1 it
/// doubles the size, as DCGAN's generator does (7 → 14 → 28). The kernel is
/// `[channels, outputChannels, k, k]`, the bias one per output channel. See
/// `Variable.transposedConvolution`.
public struct ConvTranspose2d: Layer {
  public let weight: Variable
  public let bias: Variable?
  public let stride: Int
  public let padding: Int
  /// Extra rows and columns at the bottom and right of the output (< stride; PyTorch's
  /// `output_padding`), for when several sizes convolve to the input's.
  public let outputPadding: Int

  /// Weights and biases drawn from U(−1/√n, 1/√n) with n = outputChannels · k², PyTorch's default.
  public init<G: RandomNumberGenerator>(_ channels: Int, _ outputChannels: Int, kernelSize k: Int, stride: Int = 1,
                                        padding: Int = 0, outputPadding: Int = 0, bias: Bool = true,
                                        using generator: inout G) {
    let (weight, bias) = Conv2d.pytorchDefault(weightShape: [channels, outputChannels, k, k],
                                                fanIn: outputChannels * k * k, bias: bias,
                                                biasCount: outputChannels, using: &generator)
    self.init(weight: weight, bias: bias, stride: stride, padding: padding, outputPadding: outputPadding)
  }

  /// A layer with the given kernel `[channels, outputChannels, k, k]` and bias `[outputChannels]`.
  public init(weight: Tensor, bias: Tensor?, stride: Int = 1, padding: Int = 0, outputPadding: Int = 0) {
    precondition(weight.rank == 4 && weight.shape[2] == weight.shape[3],
                 "ConvTranspose2d: weight needs [channels, outputChannels, k, k], got \(weight.shape)")
    precondition(bias == nil || bias!.shape == [weight.shape[1]],
                 "ConvTranspose2d: bias \(bias!.shape) needs [\(weight.shape[1])]")
    self.weight = Variable(weight, requiresGradient: true)
    self.bias = bias.map { Variable($0, requiresGradient: true) }
    (self.stride, self.padding, self.outputPadding) = (stride, padding, outputPadding)
  }

  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    x.transposedConvolution(weight: weight, bias: bias, stride: stride, padding: padding,
                            outputPadding: outputPadding)
  }

  public var parameters: [Variable] { [weight] + (bias.map { [$0] } ?? []) }
}
