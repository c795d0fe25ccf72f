/// A BatchNorm2d and the ReLU or leaky ReLU after it as one layer: what `Sequential.fused()`
/// puts in place of such a pair, as the DCGAN's networks have (BN, ReLU in G; BN, leaky ReLU in
/// D). The same outputs, gradients and running statistics as the two layers one after the
/// other, bit for bit (`FusedBatchNormLayerTests`).
///
/// In training, one pass writes x̂ and the rectified output where the layers take two (the
/// normalisation's, then the activation's over its output), and it runs on the batch workers'
/// threads, where the activation alone ran on one. The rectifier's pullback needs to know where
/// y = γ x̂ + β was positive; for a slope ≥ 0 that is where the output is positive, so y itself
/// is not kept and the pullback is the fused affine layer's (`selectingWherePositive`). In
/// evaluation the two layers run as they are.
struct FusedBatchNormLayer: Layer {
  let norm: BatchNorm2d
  let activation: Activation
  /// The activation's slope for y < 0 (0: the ReLU), ≥ 0.
  let slope: Float

  func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    guard training else { return activation(norm(x, training: false), training: false) }
    norm.checkFits(x)
    let (output, statistics) = x.batchNormalized(scale: norm.scale, offset: norm.offset, epsilon: norm.epsilon,
                                                 rectifyingWithSlope: slope)
    norm.running.update(with: statistics)
    return output
  }

  var parameters: [Variable] { norm.parameters }
}

extension Variable {
  /// `batchNormalized(scale:offset:epsilon:)` followed by `leakyRelu(slope:)` (slope ≥ 0) as
  /// one node, with the same numbers.
  func batchNormalized(scale: Variable, offset: Variable, epsilon: Float, rectifyingWithSlope slope: Float)
    -> (output: Variable, statistics: BatchStatistics)
  {
    precondition(slope >= 0, "batchNormalized(rectifyingWithSlope:): slope must be ≥ 0, got \(slope)")
    let layout = ChannelLayout(value.shape, scale: scale.shape, offset: offset.shape, caller: "batchNormalized")
    precondition(layout.count > 1,
                 "batchNormalized(rectifyingWithSlope:): training mode needs more than one value per channel; input \(value.shape) has \(layout.count)")
    let statistics = BatchStatistics(fourChannelsAtATimeOf: value, layout)
    let inverse = inverseDeviations(statistics.variance, epsilon: epsilon)
    let gamma = scale.value
    let (normalized, output) = normalizeAndRectify(value, statistics.mean, inverse, gamma, offset.value, slope, layout)
    let node = Variable(output, parents: [self, scale, offset]) { g in
      batchNormGradients(g.selectingWherePositive(output, slope: slope), normalized: normalized, gamma: gamma,
                         inverse: inverse, layout, input: self, scale: scale, offset: offset)
    }
    return (node, statistics)
  }
}

/// `normalize`, then the leaky ReLU of its output, in one pass: x̂, and y = γ x̂ + β rectified.
private func normalizeAndRectify(
  _ x: Tensor, _ mean: [Float], _ inverseDeviation: [Float], _ scale: Tensor, _ offset: Tensor, _ slope: Float,
  _ layout: ChannelLayout
) -> (normalized: Tensor, output: Tensor) {
  var output = Tensor(zeros: [0])
  let normalized = Tensor(shape: x.shape) { xHat in
    output = Tensor(shape: x.shape) { a in
      x.scalars.withUnsafeBufferPointer { x in
        BatchWorkers.split(layout.channels) { channels in
          for b in 0..<layout.batch {
            for c in channels {
              let (mu, inverse) = (mean[c], inverseDeviation[c])
              let (gamma, beta) = (scale.scalars[c], offset.scalars[c])
              for i in layout.run(sample: b, channel: c) {
                xHat[i] = (x[i] - mu) * inverse
                let y = gamma * xHat[i] + beta
                a[i] = y > 0 ? y : slope * y
              }
            }
          }
        }
      }
    }
  }
  return (normalized, output)
}
