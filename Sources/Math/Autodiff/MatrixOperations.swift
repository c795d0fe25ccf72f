/// Differentiable matrix products.
extension Variable {
  /// The matrix product a · b. With C = A B: ∂L/∂A = G Bᵀ and ∂L/∂B = Aᵀ G.
  public func matmul(_ b: Variable) -> Variable {
    let (x, y) = (value, b.value)
    return Variable(Tensor.matmul(x, y), parents: [self, b]) { g in
      [
        self.requiresGradient ? Tensor.matmul(g, y, transposeB: true) : nil,
        b.requiresGradient ? Tensor.matmul(x, g, transposeA: true) : nil,
      ]
    }
  }

  /// The affine map x · W + b of a fully connected layer, as one node.
  ///
  /// Shapes: x `[batch, in]`, W `[in, out]`, b `[1, out]`; result `[batch, out]`.
  /// Gradients: ∂L/∂x = G Wᵀ, ∂L/∂W = xᵀ G, ∂L/∂b = Σ_rows G.
  public func affine(weight w: Variable, bias b: Variable) -> Variable {
    let x = value
    let wv = w.value
    var out = Tensor.matmul(x, wv)
    out.addRow(b.value)
    return Variable(out, parents: [self, w, b]) { g in
      self.affineGradients(g, input: x, weight: w, weightValue: wv, bias: b)
    }
  }

  /// ∂L/∂x = G Wᵀ, ∂L/∂W = xᵀ G, ∂L/∂b = Σ_rows G for an affine node with input `self`, each
  /// only where that parent needs it.
  private func affineGradients(_ g: Tensor, input x: Tensor, weight w: Variable, weightValue wv: Tensor,
                               bias b: Variable) -> [Tensor?] {
    [
      requiresGradient ? Tensor.matmul(g, wv, transposeB: true) : nil,
      w.requiresGradient ? Tensor.matmul(x, g, transposeA: true) : nil,
      b.requiresGradient ? g.sumOverRows().reshaped(b.shape) : nil,
    ]
  }

  /// The affine map followed by a leaky ReLU, leakyRelu(x · W + b), as one node: a fully
  /// connected layer and its activation fused. The same numbers as `affine` then `leakyRelu`,
  /// with one pass over the product instead of two and one node instead of two. With a
  /// `dropoutMask` (from `Dropout.drawMask`), the dropout that follows is fused in too:
  /// leakyRelu(x · W + b) · mask, the same numbers as the three one after another.
  ///
  /// The pullback needs to know where z = x · W + b was positive; for a slope ≥ 0 that is where
  /// the output is positive (or was dropped, where the gradient is 0 either way), so z itself
  /// is not kept. Then G_z = G · mask where y > 0, slope · G · mask elsewhere, and the gradients
  /// are those of `affine` with G_z.
  public func affine(weight w: Variable, bias b: Variable, leakyReluSlope slope: Float,
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

  /// Matrices stacked along the first axis (a real batch and a fake batch into one).
  public static func concatenatingRows(_ parts: [Variable]) -> Variable {
    let value = Tensor.concatenatingRows(parts.map(\.value))
    let counts = parts.map(\.value.rows)
    return Variable(value, parents: parts) { g in
      var start = 0
      return counts.map { n in
        defer { start += n }
        return g.rows(start..<(start + n))
      }
    }
  }

  /// Rows `range` of a matrix.
  public func rows(_ range: Range<Int>) -> Variable {
    let shape = value.shape
    let c = value.columns
    return Variable(value.rows(range), parents: [self]) { g in
      var full = Tensor(zeros: shape)
      full.scalars.replaceSubrange((range.lowerBound * c)..<(range.upperBound * c), with: g.scalars)
      return [full]
    }
  }
}
