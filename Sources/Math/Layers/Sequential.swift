/// Layers applied one after another: the multilayer perceptrons of the texts.
public struct Sequential: Layer {
  public let layers: [any Layer]

  public init(_ layers: [any Layer]) { self.layers = layers }
  public init(_ layers: any Layer...) { self.layers = layers }

  /// Applies the layers in order. A Linear layer followed by a ReLU or leaky ReLU, and by
  /// dropout in training, runs as one fused node (`affine(weight:bias:leakyReluSlope:
  /// dropoutMask:)`): the same numbers, with fewer passes over memory.
  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    var h = x
    var i = 0
    while i < layers.count {
      if let linear = layers[i] as? Linear, i + 1 < layers.count,
         let slope = (layers[i + 1] as? Activation)?.leakyReluSlope {
        if training, i + 2 < layers.count, let dropout = layers[i + 2] as? Dropout, dropout.rate > 0 {
          let mask = dropout.drawMask(shape: [h.value.rows, linear.weight.shape[1]])
          h = linear(h, thenLeakyRelu: slope, dropoutMask: mask)
          i += 3
        } else {
          h = linear(h, thenLeakyRelu: slope)
          i += 2
        }
      } else {
        h = layers[i](h, training: training)
        i += 1
      }
    }
    return h
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
