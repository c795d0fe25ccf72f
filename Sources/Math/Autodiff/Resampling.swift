/// Differentiable downsampling and upsampling of channels-first image batches: the maps d and u of
/// the Laplacian pyramid (`LaplacianPyramid`), through which a LAPGAN generator's gradient reaches
/// the coarser levels it was conditioned on.
///
/// Both maps are linear, so each gradient is the transpose of its map: where the forward pass
/// gathers input pixel p into output pixel q with weight w, the backward pass sends w times q's
/// gradient back to p. A mirrored tap at the border is such a pair like any other, so the
/// transposes below follow the forward passes tap for tap. dᵀ is not ¼u, nor uᵀ 4d: they agree
/// only away from the border (see `LaplacianPyramid`).
extension Variable {
  /// d: blurred with the binomial kernel and every second row and column kept,
  /// `[n, c, h, w]` → `[n, c, (h + 1)/2, (w + 1)/2]` (`LaplacianPyramid.downsample`).
  /// Gradient: ∂L/∂x = dᵀ G, the exact transpose of d, border rule included.
  public func downsampled() -> Variable {
    precondition(shape.count == 4, "downsampled: needs images [n, c, h, w], got \(shape)")
    let (height, width) = (shape[2], shape[3])
    return Variable(LaplacianPyramid.downsample(value), parents: [self]) { g in
      [LaplacianPyramid.downsampleTransposed(g, height: height, width: width)]
    }
  }

  /// u: spread over the even positions of a `[n, c, height, width]` grid of zeros, blurred and
  /// multiplied by 4 (`LaplacianPyramid.upsample`; height is 2h − 1 or 2h, width 2w − 1 or 2w).
  /// Gradient: ∂L/∂y = uᵀ G, the exact transpose of u, border rule included.
  public func upsampled(height: Int, width: Int) -> Variable {
    precondition(shape.count == 4, "upsampled: needs images [n, c, h, w], got \(shape)")
    let (h, w) = (shape[2], shape[3])
    let output = LaplacianPyramid.upsample(value, height: height, width: width)
    return Variable(output, parents: [self]) { g in
      [LaplacianPyramid.upsampleTransposed(g, height: h, width: w)]
    }
  }
}

extension LaplacianPyramid {
  /// dᵀ: a gradient `[n, c, (height + 1)/2, (width + 1)/2]` taken back to `[n, c, height, width]`,
  /// one axis at a time (the transpose of a separable map is the product of the transposes).
  static func downsampleTransposed(_ gradient: Tensor, height: Int, width: Int) -> Tensor {
    let rows = mappingLines(of: gradient, along: .width, to: width) {
      downsampleLineTransposed($0, count: width)
    }
    return mappingLines(of: rows, along: .height, to: height) {
      downsampleLineTransposed($0, count: height)
    }
  }

  /// uᵀ: a gradient `[n, c, 2·height − 1 or 2·height, 2·width − 1 or 2·width]` taken back to
  /// `[n, c, height, width]`, one axis at a time.
  static func upsampleTransposed(_ gradient: Tensor, height: Int, width: Int) -> Tensor {
    let rows = mappingLines(of: gradient, along: .width, to: width) {
      upsampleLineTransposed($0, count: width)
    }
    return mappingLines(of: rows, along: .height, to: height) {
      upsampleLineTransposed($0, count: height)
    }
  }

  /// The transpose of `downsampleLine` to a line of `count` pixels: out[i] read
  /// x[mirror(2i + t − 2)] with weight k[t], so g[i] goes back there with that weight:
  ///   x̄[mirror(2i + t − 2)] += k[t] · g[i].
  static func downsampleLineTransposed(_ g: [Float], count n: Int) -> [Float] {
    var x = [Float](repeating: 0, count: n)
    for (i, gradient) in g.enumerated() {
      for (t, weight) in binomialTaps.enumerated() {
        x[mirrored(2 * i + t - 2, count: n)] += weight * gradient
      }
    }
    return x
  }

  /// The transpose of `upsampleLine` back to a line of `count` pixels: out[i] read
  /// z[mirror(i + t − 2)] with weight gain · k[t], and z[2j] is y[j], so
  ///   z̄[mirror(i + t − 2)] += gain · k[t] · g[i],  ȳ[j] = z̄[2j].
  static func upsampleLineTransposed(_ g: [Float], count: Int) -> [Float] {
    let n = g.count
    let gain = upsamplingGain(count: n)
    var z = [Float](repeating: 0, count: n)
    for (i, gradient) in g.enumerated() {
      for (t, weight) in binomialTaps.enumerated() {
        z[mirrored(i + t - 2, count: n)] += gain * weight * gradient
      }
    }
    return (0..<count).map { z[2 * $0] }
  }
}
