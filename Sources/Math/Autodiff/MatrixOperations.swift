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
  func affineGradients(_ g: Tensor, input x: Tensor, weight w: Variable, weightValue wv: Tensor,
                               bias b: Variable) -> [Tensor?] {
    [
      requiresGradient ? Tensor.matmul(g, wv, transposeB: true) : nil,
      w.requiresGradient ? Tensor.matmul(x, g, transposeA: true) : nil,
      b.requiresGradient ? g.sumOverRows().reshaped(b.shape) : nil,
    ]
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
