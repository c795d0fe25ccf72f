/// Batch normalisation (Ioffe & Szegedy 2015, Algorithm 1) as differentiable operations on
/// channels-first batches: `[batch, features]` or `[batch, channels, height, width]` (any
/// `[batch, channels, …]`). Each channel c is normalised over its m elements (every sample,
/// every position: m = batch · height · width, or m = batch for features), then scaled by γ_c
/// and shifted by β_c:
///
///     x̂ = (x − μ_c) / √(σ²_c + ε),    y = γ_c · x̂ + β_c
///
/// Training mode normalises with the batch's own mean μ_c and biased variance σ²_c (divided by
/// m), and its gradient flows through them; evaluation mode normalises with statistics given
/// from outside (a layer's running averages), which are constants.
///
/// Every sum over a channel (means, variances, the sums of the backward pass) is accumulated in
/// Double, so it does not drift over the 3 136 to 12 544 elements per channel of a DCGAN's
/// batches; the element-wise results are Float.

/// The statistics of one batch, channel by channel: what training mode normalises with, and
/// what a `BatchNorm` layer's running statistics are updated from.
public struct BatchStatistics: Equatable, Sendable {
  /// μ_c, the mean of channel c over the batch.
  public let mean: [Float]
  /// σ²_c, the biased variance of channel c (the mean squared deviation from μ_c: divided by m,
  /// not m − 1), which training mode normalises with.
  public let variance: [Float]
  /// m, the number of elements per channel.
  public let count: Int

  /// The unbiased variance σ²_c · m / (m − 1), which PyTorch's running variance follows.
  public var unbiasedVariance: [Float] {
    let correction = Double(count) / Double(count - 1)
    return variance.map { Float(Double($0) * correction) }
  }
}

/// A channels-first batch `[batch, channels, …]` as batch × channels runs of `spatial`
/// contiguous elements: run (b, c) holds channel c of sample b and starts at
/// (b · channels + c) · spatial.
struct ChannelLayout {
  let batch: Int
  let channels: Int
  /// The elements of one channel of one sample: height · width for images, 1 for features.
  let spatial: Int

  /// The layout of a batch of `shape`, whose γ and β (`scale` and `offset`) must hold one
  /// number per channel.
  init(_ shape: [Int], scale: [Int], offset: [Int], caller: String) {
    precondition(shape.count >= 2, "\(caller): input \(shape) is not [batch, channels, …]")
    batch = shape[0]
    channels = shape[1]
    spatial = shape.dropFirst(2).reduce(1, *)
    precondition(
      scale.reduce(1, *) == channels && offset.reduce(1, *) == channels,
      "\(caller): input \(shape) has \(channels) channels; scale \(scale) and offset \(offset) need one element per channel"
    )
  }

  /// m, the elements per channel over the whole batch.
  var count: Int { batch * spatial }

  /// The index ranges that hold channel c: one run of `spatial` elements per sample.
  func runs(ofChannel c: Int) -> LazyMapSequence<Range<Int>, Range<Int>> {
    (0..<batch).lazy.map { b in run(sample: b, channel: c) }
  }

  /// The indices of channel c of sample b.
  func run(sample b: Int, channel c: Int) -> Range<Int> {
    let start = (b * channels + c) * spatial
    return start..<(start + spatial)
  }
}

extension BatchStatistics {
  /// The mean and biased variance of every channel of `x`, in two passes (the mean, then the
  /// mean squared deviation from it, which loses nothing to cancellation).
  init(of x: Tensor, _ layout: ChannelLayout) {
    var mean = [Float](repeating: 0, count: layout.channels)
    var variance = [Float](repeating: 0, count: layout.channels)
    let m = Double(layout.count)
    x.scalars.withUnsafeBufferPointer { x in
      mean.withUnsafeMutableBufferPointer { mean in
        variance.withUnsafeMutableBufferPointer { variance in
          // Channels are independent: the batch workers take a share each (Kernels/BatchParts.swift).
          BatchWorkers.split(layout.channels) { channels in
            for c in channels {
              var sum = 0.0
              for run in layout.runs(ofChannel: c) {
                for i in run { sum += Double(x[i]) }
              }
              let mu = sum / m
              var squares = 0.0
              for run in layout.runs(ofChannel: c) {
                for i in run { squares += (Double(x[i]) - mu) * (Double(x[i]) - mu) }
              }
              mean[c] = Float(mu)
              variance[c] = Float(squares / m)
            }
          }
        }
      }
    }
    self.init(mean: mean, variance: variance, count: layout.count)
  }
}

/// x̂ = (x − μ_c) · inverseDeviation_c and y = γ_c · x̂ + β_c for every element of `x`.
func normalize(
  _ x: Tensor, _ mean: [Float], _ inverseDeviation: [Float], _ scale: Tensor, _ offset: Tensor,
  _ layout: ChannelLayout
) -> (normalized: Tensor, output: Tensor) {
  // Every element of both is written below (no zeros first).
  var output = Tensor(zeros: [0])
  let normalized = Tensor(shape: x.shape) { xHat in
    output = Tensor(shape: x.shape) { y in
      x.scalars.withUnsafeBufferPointer { x in
        // Element by element, so in the order of memory: sample by sample.
        BatchWorkers.split(layout.channels) { channels in
          for b in 0..<layout.batch {
            for c in channels {
              let (mu, inverse) = (mean[c], inverseDeviation[c])
              let (gamma, beta) = (scale.scalars[c], offset.scalars[c])
              for i in layout.run(sample: b, channel: c) {
                xHat[i] = (x[i] - mu) * inverse
                y[i] = gamma * xHat[i] + beta
              }
            }
          }
        }
      }
    }
  }
  return (normalized, output)
}

/// Σ g and Σ g · x̂ over each channel: ∂L/∂β_c and ∂L/∂γ_c.
func channelSums(_ g: Tensor, _ normalized: Tensor, _ layout: ChannelLayout)
  -> (gradient: [Double], gradientTimesNormalized: [Double])
{
  var sumG = [Double](repeating: 0, count: layout.channels)
  var sumGXHat = [Double](repeating: 0, count: layout.channels)
  g.scalars.withUnsafeBufferPointer { g in
    normalized.scalars.withUnsafeBufferPointer { xHat in
      sumG.withUnsafeMutableBufferPointer { sumG in
      sumGXHat.withUnsafeMutableBufferPointer { sumGXHat in
      BatchWorkers.split(layout.channels) { channels in
      for c in channels {
        var (total, projection) = (0.0, 0.0)
        for run in layout.runs(ofChannel: c) {
          for i in run {
            total += Double(g[i])
            projection += Double(g[i]) * Double(xHat[i])
          }
        }
        (sumG[c], sumGXHat[c]) = (total, projection)
      }
      }
      }
      }
    }
  }
  return (sumG, sumGXHat)
}

/// ∂L/∂x in training mode, element by element: factor_c · (m G − Σ G − x̂ · Σ G x̂), with
/// factor_c = γ_c / (m √(σ²_c + ε)) and the channel's two sums (`totals`, `projections`).
func inputGradientInTraining(_ g: Tensor, _ normalized: Tensor, factors: [Float], totals: [Float], projections: [Float],
                   m: Float, _ layout: ChannelLayout) -> Tensor {
  Tensor(shape: g.shape) { dx in
    g.scalars.withUnsafeBufferPointer { g in
      normalized.scalars.withUnsafeBufferPointer { xHat in
        BatchWorkers.split(layout.channels) { channels in
        for b in 0..<layout.batch {
          for c in channels {
            let (factor, total, projection) = (factors[c], totals[c], projections[c])
            for i in layout.run(sample: b, channel: c) {
              dx[i] = factor * (m * g[i] - total - xHat[i] * projection)
            }
          }
        }
        }
      }
    }
  }
}

/// 1 / √(σ² + ε) for each channel's variance.
func inverseDeviations(_ variance: [Float], epsilon: Float) -> [Float] {
  variance.map { Float(1 / (Double($0) + Double(epsilon)).squareRoot()) }
}

extension Variable {
  /// Batch normalisation in training mode: each channel normalised with the batch's own mean
  /// and biased variance, then scaled by γ (`scale`) and shifted by β (`offset`), which hold
  /// one element per channel (shape `[1, channels]` or `[channels]`). Returns the output, of
  /// this value's shape, and the batch statistics (for the running averages).
  ///
  /// The gradients are the textbook ones (Ioffe & Szegedy 2015, §3), per channel, with sums
  /// over the channel's m elements and G = ∂L/∂y:
  ///
  ///     ∂L/∂x = γ / (m √(σ² + ε)) · (m G − Σ G − x̂ · Σ G x̂),   ∂L/∂γ = Σ G x̂,   ∂L/∂β = Σ G
  ///
  /// The first is what remains of G after the parts that move μ and σ² are taken out.
  /// A channel needs at least two elements (m > 1): of one, the variance is 0 and x̂ is 0.
  public func batchNormalized(scale: Variable, offset: Variable, epsilon: Float = 1e-5)
    -> (output: Variable, statistics: BatchStatistics)
  {
    let layout = ChannelLayout(
      value.shape, scale: scale.shape, offset: offset.shape, caller: "batchNormalized")
    precondition(
      layout.count > 1,
      "batchNormalized: training mode needs more than one value per channel; input \(value.shape) has \(layout.count)"
    )
    let statistics = BatchStatistics(fourChannelsAtATimeOf: value, layout)  // `BatchStatistics(of:_:)` (Kernels/BatchNormPasses.swift)
    let inverse = inverseDeviations(statistics.variance, epsilon: epsilon)
    let gamma = scale.value
    // `normalize` (for features, row by row: Kernels/BatchNormPasses.swift)
    let (normalized, output) = (layout.spatial == 1 ? normalizeFeatures : normalize)(
      value, statistics.mean, inverse, gamma, offset.value, layout)

    let node = Variable(output, parents: [self, scale, offset]) { g in
      batchNormGradients(g, normalized: normalized, gamma: gamma, inverse: inverse, layout,
                         input: self, scale: scale, offset: offset)
    }
    return (node, statistics)
  }

  /// Batch normalisation in evaluation mode: each channel normalised with the given `mean` and
  /// `variance` (one number per channel, constants: a layer's running statistics), then scaled
  /// by γ and shifted by β as in training mode. The statistics do not depend on the batch, so
  /// each channel is an affine map and, with G = ∂L/∂y:
  ///
  ///     ∂L/∂x = γ G / √(σ² + ε),   ∂L/∂γ = Σ G x̂,   ∂L/∂β = Σ G
  public func batchNormalized(
    mean: [Float], variance: [Float], scale: Variable, offset: Variable, epsilon: Float = 1e-5
  ) -> Variable {
    let layout = ChannelLayout(
      value.shape, scale: scale.shape, offset: offset.shape, caller: "batchNormalized")
    precondition(
      mean.count == layout.channels && variance.count == layout.channels,
      "batchNormalized: input \(value.shape) has \(layout.channels) channels, but \(mean.count) means and \(variance.count) variances were given"
    )
    let inverse = inverseDeviations(variance, epsilon: epsilon)
    let gamma = scale.value
    // `normalize` (for features, row by row: Kernels/BatchNormPasses.swift)
    let (normalized, output) = (layout.spatial == 1 ? normalizeFeatures : normalize)(
      value, mean, inverse, gamma, offset.value, layout)

    return Variable(output, parents: [self, scale, offset]) { g in
      let (sumG, sumGXHat) = channelSumsFourAtATime(g, normalized, layout)  // `channelSums` (Kernels/BatchNormPasses.swift)
      var inputGradient: Tensor? = nil
      if self.requiresGradient {
        let factors = (0..<layout.channels).map { c in gamma.scalars[c] * inverse[c] }
        inputGradient = Tensor(shape: g.shape) { dx in
          g.scalars.withUnsafeBufferPointer { g in
            for b in 0..<layout.batch {
              for c in 0..<layout.channels {
                for i in layout.run(sample: b, channel: c) { dx[i] = factors[c] * g[i] }
              }
            }
          }
        }
      }
      return [
        inputGradient,
        scale.requiresGradient
          ? Tensor(shape: scale.shape, scalars: sumGXHat.map { Float($0) }) : nil,
        offset.requiresGradient
          ? Tensor(shape: offset.shape, scalars: sumG.map { Float($0) }) : nil,
      ]
    }
  }
}

/// The gradients of training-mode batch normalisation (see `batchNormalized(scale:offset:epsilon:)`)
/// for the output gradient G, from what the forward pass kept: x̂ (`normalized`), γ and each
/// channel's 1 / √(σ² + ε). For the input, the scale and the offset, nil where one needs none.
func batchNormGradients(_ g: Tensor, normalized: Tensor, gamma: Tensor, inverse: [Float], _ layout: ChannelLayout,
                        input: Variable, scale: Variable, offset: Variable) -> [Tensor?] {
  let (sumG, sumGXHat) = channelSumsFourAtATime(g, normalized, layout)  // `channelSums` (Kernels/BatchNormPasses.swift)
  var inputGradient: Tensor? = nil
  if input.requiresGradient {
    let m = Float(layout.count)
    let factors = (0..<layout.channels).map { c in gamma.scalars[c] * inverse[c] / m }
    let (totals, projections) = (sumG.map { Float($0) }, sumGXHat.map { Float($0) })
    inputGradient = layout.spatial == 1
      ? featureInputGradient(g, normalized, factors: factors, totals: totals, projections: projections, m: m, layout)
      : inputGradientInTraining(g, normalized, factors: factors, totals: totals, projections: projections, m: m, layout)
      // the first: `inputGradientInTraining` for features, row by row (Kernels/BatchNormPasses.swift)
  }
  return [
    inputGradient,
    scale.requiresGradient ? Tensor(shape: scale.shape, scalars: sumGXHat.map { Float($0) }) : nil,
    offset.requiresGradient ? Tensor(shape: offset.shape, scalars: sumG.map { Float($0) }) : nil,
  ]
}
