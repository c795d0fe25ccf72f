/// Layers applied one after another: the multilayer perceptrons of the texts.
public struct Sequential: Layer {
  public let layers: [any Layer]

  public init(_ layers: [any Layer]) { self.layers = layers }
  public init(_ layers: any Layer...) { self.layers = layers }

  /// The composition: each layer applied to the output of the one before.
  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    layers.reduce(x) { h, layer in layer(h, training: training) }
  }

  public var parameters: [Variable] { layers.flatMap(\.parameters) }

  /// The output of every layer for a constant batch in evaluation mode (for inspecting hidden
  /// units, e.g. counting dead ReLUs).
  public func activations(_ x: Tensor) -> [Tensor] {
    var h = Variable(x)
    return layers.map { layer in
      h = layer(h, training: false)
      return h.value
    }
  }

  /// The same network with each Linear layer that is followed by a ReLU or a leaky ReLU with
  /// slope ≥ 0, and then possibly by dropout, run as one fused layer: one node and one pass
  /// over the product instead of two or three (Kernels/FusedAffineLayer.swift); and each
  /// BatchNorm2d followed by such an activation, one node and one pass over the batch in
  /// training (Kernels/FusedBatchNormLayer.swift), and each Conv2d followed by one, rectified as
  /// the convolution places its output (Kernels/FusedConvolutionLayer.swift). Nested
  /// `Sequential`s are fused too.
  ///
  /// The fused model shares this one's parameters (the same `Variable`s, in the same order) and
  /// its `Dropout` layers (the same streams), so training either trains both, and in training
  /// both draw the same masks. Outputs and gradients are those of this model, bit for bit, in
  /// training and in evaluation. Train the fused model; inspect this one (`activations` sees
  /// every layer here, and fewer in the fused model).
  public func fused() -> Sequential {
    var fused: [any Layer] = []
    var i = 0
    while i < layers.count {
      if let linear = layers[i] as? Linear, i + 1 < layers.count,
         let slope = (layers[i + 1] as? Activation)?.leakyReluSlope {
        let dropout = i + 2 < layers.count ? layers[i + 2] as? Dropout : nil
        fused.append(FusedAffineLayer(linear: linear, slope: slope, dropout: dropout))
        i += dropout == nil ? 2 : 3
      } else if let convolution = layers[i] as? Conv2d, i + 1 < layers.count,
                let slope = (layers[i + 1] as? Activation)?.leakyReluSlope {
        fused.append(FusedConvolutionLayer(convolution: convolution, slope: slope))
        i += 2
      } else if let norm = layers[i] as? BatchNorm2d, i + 1 < layers.count, let activation = layers[i + 1] as? Activation,
                let slope = activation.leakyReluSlope {
        fused.append(FusedBatchNormLayer(norm: norm, activation: activation, slope: slope))
        i += 2
      } else {
        fused.append((layers[i] as? Sequential)?.fused() ?? layers[i])
        i += 1
      }
    }
    return Sequential(fused)
  }
}

extension Sequential {
  /// A multilayer perceptron: Linear layers of the given widths with `hidden` between them and
  /// `output` (if any) after the last, e.g. `[2, 16, 32, 2]`.
  public static func perceptron<G: RandomNumberGenerator>(
    _ widths: [Int], hidden: Activation = .relu, output: Activation? = nil,
    dropout: Float = 0, using generator: inout G
  ) -> Sequential {
    precondition(widths.count >= 2, "perceptron: needs at least input and output widths, got \(widths)")
    var layers: [any Layer] = []
    for i in 0..<(widths.count - 1) {
      layers.append(Linear(widths[i], widths[i + 1], using: &generator))
      if i < widths.count - 2 {
        layers.append(hidden)
        if dropout > 0 { layers.append(Dropout(rate: dropout, seed: generator.next())) }
      }
    }
    if let output { layers.append(output) }
    return Sequential(layers)
  }
}
