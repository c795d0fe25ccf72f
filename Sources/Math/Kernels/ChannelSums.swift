/// Batch normalisation's sums over each channel (Autodiff/BatchNormalization.swift), four
/// channels at a time: the same sums, bit for bit (`ChannelSumsTests`).
///
/// The readable loops add a channel's elements one after another into one Double: a chain of
/// dependent additions, each waiting for the one before. Here four channels' chains advance side
/// by side in the four lanes of a vector, each lane adding its own channel's elements in the
/// readable order, so every sum is the same and four additions are in flight at once.
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
