import Math

/// Minibatch discrimination (Salimans et al. 2016, §3.2), a remedy for mode collapse: the
/// discriminator looks at a whole batch, not one sample at a time. Features f(x_i) `[n, A]`
/// are multiplied by a learned tensor T `[A, kernels · c]` to give M_i ∈ ℝ^{kernels × c}; each
/// kernel b measures how close sample i sits to the others, o(x_i)_b = Σ_j exp(−‖M_{i,b} −
/// M_{j,b}‖₁); the layer outputs [f(x_i) | o(x_i)]. A collapsed generator produces batches
/// whose samples are all close together, and D can now see it.
///
/// Because the output of a row depends on the other rows, real and generated samples must be
/// passed in separate batches (`discriminatorStep(…, passes: .separate)`).
public struct MinibatchDiscrimination: Layer {
  /// T, `[inputs, kernels · kernelDimension]`.
  public let tensor: Variable
  public let kernels: Int
  public let kernelDimension: Int

  /// A layer on `inputs` features with T drawn uniformly from [−scale, scale].
  public init<G: RandomNumberGenerator>(inputs: Int, kernels: Int, kernelDimension: Int, scale: Double = 0.1,
                                        using generator: inout G) {
    self.kernels = kernels
    self.kernelDimension = kernelDimension
    tensor = Variable(Distribution1D.uniform(low: -scale, high: scale)
      .tensor(rows: inputs, columns: kernels * kernelDimension, using: &generator), requiresGradient: true)
  }

  /// The width of the output: inputs + kernels.
  public var outputs: Int { tensor.shape[0] + kernels }

  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    let similarity = x.matmul(tensor).minibatchSimilarity(kernels: kernels)
    return Variable.concatenatingColumns([x, similarity])
  }

  public var parameters: [Variable] { [tensor] }
}
