/// A Linear layer, the ReLU or leaky ReLU after it, and the dropout after that (if any) as one
/// layer: what `Sequential.fused()` puts in place of such a run. The same outputs and
/// gradients as the layers one after another, bit for bit (`FusedAffineLayerTests`), with one node and
/// one pass over the product where the layers take three of each.
struct FusedAffineLayer: Layer {
  let linear: Linear
  /// The activation's slope for x < 0 (0: the ReLU), ≥ 0.
  let slope: Float
  /// The dropout that follows, sharing the original layer's stream.
  let dropout: Dropout?

  func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    linear.checkFits(x)
    var mask: Tensor?
    if training, let dropout, dropout.rate > 0 {
      mask = dropout.nextMaskFromFourStreams(shape: [x.value.rows, linear.weight.shape[1]])
    }
    return x.affine(weight: linear.weight, bias: linear.bias, leakyReluSlope: slope, dropoutMask: mask)
  }

  var parameters: [Variable] { linear.parameters }
}

extension Activation {
  /// The slope for x < 0 when this is a ReLU (0) or a leaky ReLU with a slope ≥ 0; nil for the
  /// others. Such an activation can fuse with the Linear layer before it (`FusedAffineLayer`).
  var leakyReluSlope: Float? {
    switch kind {
    case .relu: 0
    case let .leakyRelu(slope) where slope >= 0: slope
    default: nil
    }
  }
}

extension Variable {
  /// leakyRelu(x · W + b) ⊙ mask as one node: `affine(weight:bias:)`, `leakyRelu(slope:)` and
  /// a dropout with `mask` (when there is one) fused, with the same numbers.
  ///
  /// The pullback needs to know where z = x · W + b was positive; for a slope ≥ 0 that is where
  /// the output y is positive (or was dropped, where the gradient is 0 either way), so z itself
  /// is not kept. Then G_z = G ⊙ mask where y > 0, slope · G ⊙ mask elsewhere, and the
  /// gradients are those of `affine` with G_z.
  func affine(weight w: Variable, bias b: Variable, leakyReluSlope slope: Float,
              dropoutMask mask: Tensor? = nil) -> Variable {
    precondition(slope >= 0, "affine(weight:bias:leakyReluSlope:): slope must be ≥ 0, got \(slope)")
    let x = value
    let wv = w.value
    var y = Tensor.matmul(x, wv)
    y.addRowAndRectify(b.value, slope: slope, mask: mask)
    return Variable(y, parents: [self, w, b]) { [y] g in
      self.affineGradients(g.selectingWherePositive(y, slope: slope, mask: mask), input: x, weight: w,
                           weightValue: wv, bias: b)
    }
  }
}
