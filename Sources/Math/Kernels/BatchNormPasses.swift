/// Batch normalisation's passes (Autodiff/BatchNormalization.swift) made fast: the sums over
/// each channel four channels at a time, and every pass over features (`[batch, features]`, as
/// after a dense layer) row by row. The same numbers, bit for bit (`BatchNormPassesTests`).
///
/// The readable loops add a channel's elements one after another into one Double: a chain of
/// dependent additions, each waiting for the one before. Here four channels' chains advance side
/// by side in the four lanes of a vector, each lane adding its own channel's elements in the
/// readable order, so every sum is the same and four additions are in flight at once.
///
/// Features (`[batch, features]`, one element per run) go row by row instead: every feature's
/// sum gains that row's element, so each sum is still the readable chain; the element-wise
/// passes compute each element as there. The memory is read in order rather than one element
/// per row at a stride of the row's length, and the loop over a row's features is vectorised.
/// For 64 × 6,272 features (a BatchNorm1d after a dense layer), the readable loops spent most
/// of their time on each one-element run's bookkeeping.
extension ChannelLayout {
  /// Calls `body(first, [run starts of channels first ..< first + 4], run length)` for the
  /// blocks of four consecutive channels in `channels`, and returns the channels left over
  /// (fewer than four), for the caller's one-channel loop.
  @inline(__always)
  fileprivate func blocksOfFour(_ channels: Range<Int>, _ body: (Int) -> Void) -> Range<Int> {
    var c = channels.lowerBound
    while c + 4 <= channels.upperBound {
      body(c)
      c += 4
    }
    return c..<channels.upperBound
  }
}

/// The four elements i of runs (b, c ..< c + 4), widened to Double.
@inline(__always)
private func four(_ x: UnsafePointer<Float>, _ start: Int, _ spatial: Int, _ i: Int) -> SIMD4<Double> {
  SIMD4(Double(x[start + i]), Double(x[start + spatial + i]), Double(x[start + 2 * spatial + i]),
        Double(x[start + 3 * spatial + i]))
}

extension BatchStatistics {
  /// `BatchStatistics(of:_:)`, four channels at a time.
  init(fourChannelsAtATimeOf x: Tensor, _ layout: ChannelLayout) {
    var mean = [Float](repeating: 0, count: layout.channels)
    var variance = [Float](repeating: 0, count: layout.channels)
    let m = Double(layout.count)
    let (channels, spatial) = (layout.channels, layout.spatial)
    x.scalars.withUnsafeBufferPointer { xBuffer in
      mean.withUnsafeMutableBufferPointer { mean in
      variance.withUnsafeMutableBufferPointer { variance in
      let x = xBuffer.baseAddress!
      if spatial == 1 {
        BatchWorkers.split(channels) { part in featureStatistics(x, layout, part, m, mean, variance) }
        return
      }
      BatchWorkers.split(channels) { part in
        let rest = layout.blocksOfFour(part) { c in
          var sum = SIMD4<Double>()
          for b in 0..<layout.batch {
            let start = (b * channels + c) * spatial
            for i in 0..<spatial { sum += four(x, start, spatial, i) }
          }
          let mu = sum / m
          var squares = SIMD4<Double>()
          for b in 0..<layout.batch {
            let start = (b * channels + c) * spatial
            for i in 0..<spatial {
              let deviation = four(x, start, spatial, i) - mu
              squares += deviation * deviation
            }
          }
          for lane in 0..<4 {
            mean[c + lane] = Float(mu[lane])
            variance[c + lane] = Float(squares[lane] / m)
          }
        }
        for c in rest {
          var sum = 0.0
          for b in 0..<layout.batch {
            let start = (b * channels + c) * spatial
            for i in 0..<spatial { sum += Double(x[start + i]) }
          }
          let mu = sum / m
          var squares = 0.0
          for b in 0..<layout.batch {
            let start = (b * channels + c) * spatial
            for i in 0..<spatial {
              let deviation = Double(x[start + i]) - mu
              squares += deviation * deviation
            }
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

/// `channelSums(g, normalized, layout)`, four channels at a time: Σ G and Σ G x̂ per channel.
func channelSumsFourAtATime(_ g: Tensor, _ normalized: Tensor, _ layout: ChannelLayout)
  -> (gradient: [Double], gradientTimesNormalized: [Double])
{
  var sumG = [Double](repeating: 0, count: layout.channels)
  var sumGXHat = [Double](repeating: 0, count: layout.channels)
  let (channels, spatial) = (layout.channels, layout.spatial)
  g.scalars.withUnsafeBufferPointer { gBuffer in
    normalized.scalars.withUnsafeBufferPointer { xHatBuffer in
      sumG.withUnsafeMutableBufferPointer { sumG in
      sumGXHat.withUnsafeMutableBufferPointer { sumGXHat in
      let (g, xHat) = (gBuffer.baseAddress!, xHatBuffer.baseAddress!)
      if spatial == 1 {
        BatchWorkers.split(channels) { part in featureSums(g, xHat, layout, part, sumG, sumGXHat) }
        return
      }
      BatchWorkers.split(channels) { part in
        let rest = layout.blocksOfFour(part) { c in
          var (total, projection) = (SIMD4<Double>(), SIMD4<Double>())
          for b in 0..<layout.batch {
            let start = (b * channels + c) * spatial
            for i in 0..<spatial {
              let gradient = four(g, start, spatial, i)
              total += gradient
              projection += gradient * four(xHat, start, spatial, i)
            }
          }
          for lane in 0..<4 { (sumG[c + lane], sumGXHat[c + lane]) = (total[lane], projection[lane]) }
        }
        for c in rest {
          var (total, projection) = (0.0, 0.0)
          for b in 0..<layout.batch {
            let start = (b * channels + c) * spatial
            for i in 0..<spatial {
              total += Double(g[start + i])
              projection += Double(g[start + i]) * Double(xHat[start + i])
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

/// The means and variances of features `part` of a batch `[batch, features]`, row by row.
private func featureStatistics(_ x: UnsafePointer<Float>, _ layout: ChannelLayout, _ part: Range<Int>, _ m: Double,
                               _ mean: UnsafeMutableBufferPointer<Float>, _ variance: UnsafeMutableBufferPointer<Float>) {
  let (features, n) = (layout.channels, part.count)
  let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * n)
  defer { sums.deallocate() }
  let (total, squares) = (sums.baseAddress!, sums.baseAddress! + n)
  sums.initialize(repeating: 0)
  for b in 0..<layout.batch {
    let row = x + b * features + part.lowerBound
    for j in 0..<n { total[j] += Double(row[j]) }
  }
  for j in 0..<n { total[j] /= m }  // μ
  for b in 0..<layout.batch {
    let row = x + b * features + part.lowerBound
    for j in 0..<n {
      let deviation = Double(row[j]) - total[j]
      squares[j] += deviation * deviation
    }
  }
  for j in 0..<n { (mean[part.lowerBound + j], variance[part.lowerBound + j]) = (Float(total[j]), Float(squares[j] / m)) }
}

/// Σ G and Σ G x̂ of features `part` of a batch `[batch, features]`, row by row.
private func featureSums(_ g: UnsafePointer<Float>, _ xHat: UnsafePointer<Float>, _ layout: ChannelLayout,
                         _ part: Range<Int>, _ sumG: UnsafeMutableBufferPointer<Double>,
                         _ sumGXHat: UnsafeMutableBufferPointer<Double>) {
  let (features, first, n) = (layout.channels, part.lowerBound, part.count)
  let (total, projection) = (sumG.baseAddress! + first, sumGXHat.baseAddress! + first)
  for b in 0..<layout.batch {
    let (gRow, xHatRow) = (g + b * features + first, xHat + b * features + first)
    for j in 0..<n {
      total[j] += Double(gRow[j])
      projection[j] += Double(gRow[j]) * Double(xHatRow[j])
    }
  }
}

/// `normalize` for features `[batch, features]`, row by row.
func normalizeFeatures(
  _ x: Tensor, _ mean: [Float], _ inverseDeviation: [Float], _ scale: Tensor, _ offset: Tensor,
  _ layout: ChannelLayout
) -> (normalized: Tensor, output: Tensor) {
  precondition(layout.spatial == 1, "normalizeFeatures: \(x.shape) is not [batch, features]")
  let features = layout.channels
  var output = Tensor(zeros: [0])
  let normalized = Tensor(shape: x.shape) { xHat in
    output = Tensor(shape: x.shape) { y in
      x.scalars.withUnsafeBufferPointer { x in
      mean.withUnsafeBufferPointer { mean in
      inverseDeviation.withUnsafeBufferPointer { inverse in
      scale.scalars.withUnsafeBufferPointer { gamma in
      offset.scalars.withUnsafeBufferPointer { beta in
        nonisolated(unsafe) let (x, xHat, y) = (x.baseAddress!, xHat.baseAddress!, y.baseAddress!)
        nonisolated(unsafe) let (mean, inverse, gamma, beta) = (mean.baseAddress!, inverse.baseAddress!,
                                                              gamma.baseAddress!, beta.baseAddress!)
        BatchWorkers.split(layout.batch) { rows in
          for b in rows {
            let (xRow, xHatRow, yRow) = (x + b * features, xHat + b * features, y + b * features)
            for c in 0..<features {
              xHatRow[c] = (xRow[c] - mean[c]) * inverse[c]
              yRow[c] = gamma[c] * xHatRow[c] + beta[c]
            }
          }
        }
      }
      }
      }
      }
      }
    }
  }
  return (normalized, output)
}

/// `inputGradientInTraining` for features `[batch, features]`, row by row.
func featureInputGradient(_ g: Tensor, _ normalized: Tensor, factors: [Float], totals: [Float], projections: [Float],
                          m: Float, _ layout: ChannelLayout) -> Tensor {
  precondition(layout.spatial == 1, "featureInputGradient: \(g.shape) is not [batch, features]")
  let features = layout.channels
  return Tensor(shape: g.shape) { dx in
    g.scalars.withUnsafeBufferPointer { g in
    normalized.scalars.withUnsafeBufferPointer { xHat in
    factors.withUnsafeBufferPointer { factors in
    totals.withUnsafeBufferPointer { totals in
    projections.withUnsafeBufferPointer { projections in
      nonisolated(unsafe) let (g, xHat, dx) = (g.baseAddress!, xHat.baseAddress!, dx.baseAddress!)
      nonisolated(unsafe) let (factor, total, projection) = (factors.baseAddress!, totals.baseAddress!,
                                                           projections.baseAddress!)
      BatchWorkers.split(layout.batch) { rows in
        for b in rows {
          let (gRow, xHatRow, dxRow) = (g + b * features, xHat + b * features, dx + b * features)
          for c in 0..<features {
            dxRow[c] = factor[c] * (m * gRow[c] - total[c] - xHatRow[c] * projection[c])
          }
        }
      }
    }
    }
    }
    }
    }
  }
}
