/// The convolution's product W · im2col(x) without forming im2col(x), bit for bit
/// `Tensor.orderedProductInTiles(kernel, x.im2colByRanges(g, firstImage:))`
/// (`DirectConvolutionTests`).
///
/// 32 output channels at a time, two vectors of 16, and 7 output pixels of one row: 14
/// accumulators (so output rows of 7, 14, 21, … pixels). For each tap (c, ky, kx), in im2col's row order, one load of the 32 weights
/// and one broadcast of the input pixel under the tap at each of the 7 positions. The images are
/// first copied with their padding's zeros around them, so a tap in the padding adds w · 0, as
/// the product does with im2col's zero.
extension Tensor {
  /// nil where the kernel does not apply: output channels not a multiple of 32, output rows not
  /// a multiple of 7 pixels, or fewer than 64 taps.
  func directConvolutionProduct(kernel: Tensor, _ g: ConvolutionGeometry, firstImage: Int = 0) -> Tensor? {
    let (outputs, taps) = (kernel.shape[0], kernel.shape[1])
    // With fewer than 64 taps the 14 accumulators' stores cost as much as their sums: im2col
    // and the product in tiles are faster there (D1 of the DCGAN, 16 taps).
    guard outputs % 32 == 0, g.outputWidth % 7 == 0, taps == g.patchSize, taps >= 64 else { return nil }
    let (k, s, p) = (g.kernelSize, g.stride, g.padding)
    let (paddedHeight, paddedWidth) = (g.height + 2 * p, g.width + 2 * p)
    let padded = paddedImages(g, firstImage: firstImage)
    // The kernel as [tap, output channel]: a tap's 32 weights are consecutive.
    let tapMajor = kernel.transposed()
    let (outputWidth, positions) = (g.outputWidth, g.outputPositions)
    let rowLength = g.batch * positions
    return padded.withUnsafeBufferPointer { images in
      tapMajor.scalars.withUnsafeBufferPointer { weights in
        Tensor(shape: [outputs, rowLength]) { result in
          let plan = RowTilePlan(channels: g.channels, kernelSize: k, outputs: outputs,
                                 planeSize: paddedHeight * paddedWidth, paddedWidth: paddedWidth, rowLength: rowLength)
          for b in 0..<g.batch {
            let image = images.baseAddress! + b * g.channels * paddedHeight * paddedWidth
            for block in stride(from: 0, to: outputs, by: 32) {
              for oy in 0..<g.outputHeight {
                for ox in stride(from: 0, to: outputWidth, by: 7) {
                  let (input, output) = (image + oy * s * paddedWidth + ox * s,
                                         result.baseAddress! + block * rowLength + b * positions + oy * outputWidth + ox)
                  // The stride as a constant where it is 1 or 2, so that the 7 pixels' addresses are too.
                  switch s {
                  case 1: rowTile(plan, stride: 1, input, weights.baseAddress! + block, output)
                  case 2: rowTile(plan, stride: 2, input, weights.baseAddress! + block, output)
                  default: rowTile(plan, stride: s, input, weights.baseAddress! + block, output)
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

extension Tensor {
  /// Images `firstImage ..< firstImage + g.batch` with `g.padding` zeros on every side:
  /// `[g.batch, g.channels, height + 2p, width + 2p]`.
  func paddedImages(_ g: ConvolutionGeometry, firstImage: Int) -> [Float] {
    precondition(rank == 4 && Array(shape.dropFirst()) == Array(g.imageShape.dropFirst())
                   && firstImage >= 0 && firstImage + g.batch <= shape[0],
                 "paddedImages: images \(shape) do not hold images \(firstImage)..<\(firstImage + g.batch) of \(g.imageShape)")
    let p = g.padding
    let (paddedHeight, paddedWidth) = (g.height + 2 * p, g.width + 2 * p)
    let imageSize = g.channels * g.height * g.width
    var padded = [Float](repeating: 0, count: g.batch * g.channels * paddedHeight * paddedWidth)
    scalars.withUnsafeBufferPointer { x in
      padded.withUnsafeMutableBufferPointer { target in
        for row in 0..<(g.batch * g.channels * g.height) {
          let (plane, y) = row.quotientAndRemainder(dividingBy: g.height)
          (target.baseAddress! + (plane * paddedHeight + y + p) * paddedWidth + p)
            .update(from: x.baseAddress! + firstImage * imageSize + row * g.width, count: g.width)
        }
      }
    }
    return padded
  }
}

/// What a row tile needs to know of the geometry.
private struct RowTilePlan {
  let channels: Int
  let kernelSize: Int
  let outputs: Int
  let planeSize: Int
  let paddedWidth: Int
  let rowLength: Int
}

/// 7 output pixels of one row for 32 output channels: `input` is the padded image at the first
/// pixel's top-left tap, `weights` the first of the 32 channels' weights of tap 0, `output` row 0
/// (the block's first channel) at the first pixel. Fourteen named accumulators, so that they stay
/// in registers.
@inline(__always)
private func rowTile(_ plan: RowTilePlan, stride s: Int, _ input: UnsafePointer<Float>, _ weights: UnsafePointer<Float>,
                     _ output: UnsafeMutablePointer<Float>) {
  var (a0, b0, a1, b1, a2, b2, a3, b3, a4, b4, a5, b5, a6, b6) = (SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero)
  var w = weights
  let k = plan.kernelSize
  for c in 0..<plan.channels {
    for ky in 0..<k {
      let row = input + (c &* plan.planeSize &+ ky &* plan.paddedWidth)
      for kx in 0..<k {
        let w0 = UnsafeRawPointer(w).loadUnaligned(as: SIMD16<Float>.self)
        let w1 = UnsafeRawPointer(w + 16).loadUnaligned(as: SIMD16<Float>.self)
        let tap = row + kx
        var x = SIMD16<Float>(repeating: tap[0]); a0 = a0.addingProduct(x, w0); b0 = b0.addingProduct(x, w1)
        x = SIMD16<Float>(repeating: tap[s]); a1 = a1.addingProduct(x, w0); b1 = b1.addingProduct(x, w1)
        x = SIMD16<Float>(repeating: tap[2 &* s]); a2 = a2.addingProduct(x, w0); b2 = b2.addingProduct(x, w1)
        x = SIMD16<Float>(repeating: tap[3 &* s]); a3 = a3.addingProduct(x, w0); b3 = b3.addingProduct(x, w1)
        x = SIMD16<Float>(repeating: tap[4 &* s]); a4 = a4.addingProduct(x, w0); b4 = b4.addingProduct(x, w1)
        x = SIMD16<Float>(repeating: tap[5 &* s]); a5 = a5.addingProduct(x, w0); b5 = b5.addingProduct(x, w1)
        x = SIMD16<Float>(repeating: tap[6 &* s]); a6 = a6.addingProduct(x, w0); b6 = b6.addingProduct(x, w1)
        w += plan.outputs
      }
    }
  }
  let n = plan.rowLength
  for lane in 0..<16 { output[lane &* n &+ 0] = a0[lane]; output[(lane &+ 16) &* n &+ 0] = b0[lane] }
  for lane in 0..<16 { output[lane &* n &+ 1] = a1[lane]; output[(lane &+ 16) &* n &+ 1] = b1[lane] }
  for lane in 0..<16 { output[lane &* n &+ 2] = a2[lane]; output[(lane &+ 16) &* n &+ 2] = b2[lane] }
  for lane in 0..<16 { output[lane &* n &+ 3] = a3[lane]; output[(lane &+ 16) &* n &+ 3] = b3[lane] }
  for lane in 0..<16 { output[lane &* n &+ 4] = a4[lane]; output[(lane &+ 16) &* n &+ 4] = b4[lane] }
  for lane in 0..<16 { output[lane &* n &+ 5] = a5[lane]; output[(lane &+ 16) &* n &+ 5] = b5[lane] }
  for lane in 0..<16 { output[lane &* n &+ 6] = a6[lane]; output[(lane &+ 16) &* n &+ 6] = b6[lane] }
}

/// `Tensor.orderedProductInTiles(kernel, rows, transposeA: true).col2imByRanges(g, into: x)`
/// without forming the columns, bit for bit (`DirectConvolutionTests`): the input gradient of a
/// convolution (`rows` its output gradient) and the forward pass of a transposed convolution.
///
/// A pixel (iy, ix) receives from the taps (ky, kx) whose output position oy = (iy + p − ky)/s,
/// ox = (ix + p − kx)/s is whole; the pixels ix ≡ r (mod s) of a row share those kx. Each tile is
/// 16 channels (a vector) × 7 pixels r, r + s, …, r + 6s of one row. For each of its taps, in
/// col2im's order, the 7 columns' entries are summed over the output channels o = 0, 1, … (the
/// ordered product's order) and then added to the pixels, which start at +0 as col2im's do. The
/// rows are copied first with zeros around each image, so a tap whose output position falls
/// outside adds a sum of w · 0 (+0), which leaves a pixel as col2im's skipping it does.
///
/// false where the kernel does not apply: channels not a multiple of 16, or a row's pixels of
/// one residue not a multiple of 7.
func directColumnsToImages(kernel: Tensor, rows: Tensor, _ g: ConvolutionGeometry,
                           into x: UnsafeMutablePointer<Float>) -> Bool {
  let (outputs, k, s, p) = (kernel.shape[0], g.kernelSize, g.stride, g.padding)
  guard g.channels % 16 == 0, g.width % s == 0, (g.width / s) % 7 == 0, kernel.shape[1] == g.patchSize else { return false }
  let (oh, ow, positions) = (g.outputHeight, g.outputWidth, g.outputPositions)
  precondition(rows.shape == [outputs, g.batch * positions],
               "directColumnsToImages: rows \(rows.shape) are not [\(outputs), \(g.batch) · \(positions)]")
  // The rows as images [batch, outputs, oh + 2e, ow + 2e], e zeros on every side.
  let e = (k - 1) / s + 1
  let (paddedHeight, paddedWidth) = (oh + 2 * e, ow + 2 * e)
  let plane = paddedHeight * paddedWidth
  var padded = [Float](repeating: 0, count: g.batch * outputs * plane)
  rows.scalars.withUnsafeBufferPointer { source in
    padded.withUnsafeMutableBufferPointer { target in
      for o in 0..<outputs {
        for b in 0..<g.batch {
          for oy in 0..<oh {
            (target.baseAddress! + (b * outputs + o) * plane + (oy + e) * paddedWidth + e)
              .update(from: source.baseAddress! + o * g.batch * positions + b * positions + oy * ow, count: ow)
          }
        }
      }
    }
  }
  // The kernel as [o, ky, kx, c]: a tap's 16 channels are consecutive.
  let (channels, taps) = (g.channels, k * k)
  var channelMinor = [Float](repeating: 0, count: outputs * taps * channels)
  for o in 0..<outputs {
    for c in 0..<channels {
      for t in 0..<taps { channelMinor[(o * taps + t) * channels + c] = kernel.scalars[(o * channels + c) * taps + t] }
    }
  }
  // Each tile's first pixel (iy, ix) and its taps, in col2im's order, with where each reads in a
  // padded plane: the same for every image and block of channels.
  var tiles: [(iy: Int, ix: Int, taps: [(tap: Int, at: Int)])] = []
  for iy in 0..<g.height {
    for r in 0..<s {
      for ix in stride(from: r, to: g.width, by: 7 * s) {
        var reads: [(tap: Int, at: Int)] = []
        for ky in 0..<k where (iy + p - ky) % s == 0 {
          let oy = (iy + p - ky) / s
          for kx in 0..<k where (ix + p - kx) % s == 0 {
            reads.append((ky * k + kx, (oy + e) * paddedWidth + (ix + p - kx) / s + e))
          }
        }
        tiles.append((iy, ix, reads))
      }
    }
  }
  padded.withUnsafeBufferPointer { gradient in
    channelMinor.withUnsafeBufferPointer { weights in
      for b in 0..<g.batch {
        for block in stride(from: 0, to: channels, by: 16) {
          for (iy, ix, reads) in tiles {
            var tile = ColumnTile(gradient: gradient.baseAddress! + b * outputs * plane, plane: plane,
                                  weights: weights.baseAddress! + block, tapStride: channels, outputs: outputs)
            var next = 0
            while next + 4 <= reads.count {
              tile.addFour(reads[next], reads[next + 1], reads[next + 2], reads[next + 3], taps: taps)
              next += 4
            }
            for (tap, at) in reads[next...] { tile.add(tap: tap, at: at, taps: taps) }
            tile.store(x + ((b * channels + block) * g.height + iy) * g.width + ix, channelStride: g.height * g.width,
                       pixelStride: s)
          }
        }
      }
    }
  }
  return true
}

/// Seven vectors: a tile's 7 pixels, 16 channels each.
private typealias Seven = (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>,
                           SIMD16<Float>)
private let sevenZeros: Seven = (.zero, .zero, .zero, .zero, .zero, .zero, .zero)

/// sums[m] += d[m] · w for the 7 pixels m, one fused multiply-add each.
@inline(__always)
private func addProducts(_ sums: inout Seven, _ d: UnsafePointer<Float>, _ w: SIMD16<Float>) {
  sums.0 = sums.0.addingProduct(SIMD16(repeating: d[0]), w)
  sums.1 = sums.1.addingProduct(SIMD16(repeating: d[1]), w)
  sums.2 = sums.2.addingProduct(SIMD16(repeating: d[2]), w)
  sums.3 = sums.3.addingProduct(SIMD16(repeating: d[3]), w)
  sums.4 = sums.4.addingProduct(SIMD16(repeating: d[4]), w)
  sums.5 = sums.5.addingProduct(SIMD16(repeating: d[5]), w)
  sums.6 = sums.6.addingProduct(SIMD16(repeating: d[6]), w)
}

/// pixels[m] += sums[m] for the 7 pixels m.
@inline(__always)
private func accumulate(_ pixels: inout Seven, _ sums: Seven) {
  pixels = (pixels.0 + sums.0, pixels.1 + sums.1, pixels.2 + sums.2, pixels.3 + sums.3, pixels.4 + sums.4,
            pixels.5 + sums.5, pixels.6 + sums.6)
}

/// 7 pixels × 16 channels of `directColumnsToImages`, in registers.
private struct ColumnTile {
  let gradient: UnsafePointer<Float>
  let plane: Int
  let weights: UnsafePointer<Float>
  let tapStride: Int
  let outputs: Int
  var pixels = sevenZeros

  init(gradient: UnsafePointer<Float>, plane: Int, weights: UnsafePointer<Float>, tapStride: Int, outputs: Int) {
    (self.gradient, self.plane, self.weights, self.tapStride, self.outputs) = (gradient, plane, weights, tapStride, outputs)
  }

  /// One tap's columns, summed over the output channels, added to the 7 pixels; `at` is the
  /// first pixel's output position in a padded plane (the others follow it one by one).
  @inline(__always)
  mutating func add(tap: Int, at position: Int, taps: Int) {
    var sums = sevenZeros
    var (w, d) = (weights + tap &* tapStride, gradient + position)
    for _ in 0..<outputs {
      addProducts(&sums, d, UnsafeRawPointer(w).loadUnaligned(as: SIMD16<Float>.self))
      w += taps &* tapStride
      d += plane
    }
    accumulate(&pixels, sums)
  }

  /// `add` of four taps in one pass over the output channels (28 accumulators), each tap's sums
  /// then added to the pixels in the taps' order, as four `add`s would.
  @inline(__always)
  mutating func addFour(_ a: (tap: Int, at: Int), _ b: (tap: Int, at: Int), _ c: (tap: Int, at: Int),
                        _ e: (tap: Int, at: Int), taps: Int) {
    var (s0, s1, s2, s3) = (sevenZeros, sevenZeros, sevenZeros, sevenZeros)
    let (o0, o1, o2, o3) = (a.tap &* tapStride, b.tap &* tapStride, c.tap &* tapStride, e.tap &* tapStride)
    var w = weights
    var (d0, d1, d2, d3) = (gradient + a.at, gradient + b.at, gradient + c.at, gradient + e.at)
    for _ in 0..<outputs {
      addProducts(&s0, d0, UnsafeRawPointer(w + o0).loadUnaligned(as: SIMD16<Float>.self))
      addProducts(&s1, d1, UnsafeRawPointer(w + o1).loadUnaligned(as: SIMD16<Float>.self))
      addProducts(&s2, d2, UnsafeRawPointer(w + o2).loadUnaligned(as: SIMD16<Float>.self))
      addProducts(&s3, d3, UnsafeRawPointer(w + o3).loadUnaligned(as: SIMD16<Float>.self))
      w += taps &* tapStride
      (d0, d1, d2, d3) = (d0 + plane, d1 + plane, d2 + plane, d3 + plane)
    }
    accumulate(&pixels, s0)
    accumulate(&pixels, s1)
    accumulate(&pixels, s2)
    accumulate(&pixels, s3)
  }

  func store(_ x: UnsafeMutablePointer<Float>, channelStride: Int, pixelStride: Int) {
    func put(_ pixel: SIMD16<Float>, _ m: Int) {
      for lane in 0..<16 { x[lane &* channelStride &+ m &* pixelStride] = pixel[lane] }
    }
    put(pixels.0, 0); put(pixels.1, 1); put(pixels.2, 2); put(pixels.3, 3); put(pixels.4, 4); put(pixels.5, 5)
    put(pixels.6, 6)
  }
}

/// The kernel gradient G · im2col(x)ᵀ without forming im2col(x), bit for bit
/// `Tensor.orderedProductInTiles(rows, x.im2colByRanges(g, firstImage:), transposeB: true)`
/// (`DirectConvolutionTests`); `rows` is G, `[outputs, g.batch · positions]`.
///
/// 32 output channels (two vectors) × 8 taps: 16 accumulators, each summed over the output
/// positions (b, oy, ox) in order. For each position, one load of G's 32 entries (from a copy of
/// G as [position, channel]) and one broadcast of the pixel under each tap, from the images
/// copied with their padding's zeros (where im2col has its zeros).
///
/// nil where it does not apply: outputs not a multiple of 32, or taps not a multiple of 8.
func directKernelGradient(rows: Tensor, images x: Tensor, _ g: ConvolutionGeometry, firstImage: Int = 0) -> Tensor? {
  let (outputs, taps, positions) = (rows.shape[0], g.patchSize, g.outputPositions)
  guard outputs % 32 == 0, taps % 8 == 0 else { return nil }
  precondition(rows.shape == [outputs, g.batch * positions],
               "directKernelGradient: rows \(rows.shape) are not [\(outputs), \(g.batch) · \(positions)]")
  let (k, s, p) = (g.kernelSize, g.stride, g.padding)
  let (paddedHeight, paddedWidth) = (g.height + 2 * p, g.width + 2 * p)
  let plane = paddedHeight * paddedWidth
  let padded = x.paddedImages(g, firstImage: firstImage)
  let positionMajor = rows.transposed()
  // Where tap t = (c, ky, kx) reads, from a position's top-left pixel.
  let offsets = (0..<taps).map { t in
    let (c, kyx) = t.quotientAndRemainder(dividingBy: k * k)
    return c * plane + (kyx / k) * paddedWidth + kyx % k
  }
  return padded.withUnsafeBufferPointer { images in
    positionMajor.scalars.withUnsafeBufferPointer { gradient in
      Tensor(shape: [outputs, taps]) { result in
        for block in stride(from: 0, to: outputs, by: 32) {
          for first in stride(from: 0, to: taps, by: 8) {
            kernelGradientTile(g, stride: s, images.baseAddress!, gradient.baseAddress! + block, outputs: outputs,
                               offsets[first..<(first + 8)], channelsPerImage: g.channels * plane,
                               result.baseAddress! + block * taps + first, taps: taps)
          }
        }
      }
    }
  }
}

/// 8 taps (at `offsets`) × 32 output channels of `directKernelGradient`, written to `result`
/// (row 0, the first tap; rows `taps` apart).
private func kernelGradientTile(_ geometry: ConvolutionGeometry, stride s: Int, _ images: UnsafePointer<Float>,
                                _ gradient: UnsafePointer<Float>, outputs: Int, _ offsets: ArraySlice<Int>, channelsPerImage: Int,
                                _ result: UnsafeMutablePointer<Float>, taps: Int) {
  var (s0_0, s0_1, s1_0, s1_1, s2_0, s2_1, s3_0, s3_1, s4_0, s4_1, s5_0, s5_1, s6_0, s6_1, s7_0, s7_1) = (SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero, SIMD16<Float>.zero)
  let t = offsets.startIndex
  let (o0, o1, o2, o3, o4, o5, o6, o7) = (offsets[t], offsets[t + 1], offsets[t + 2], offsets[t + 3], offsets[t + 4],
                                          offsets[t + 5], offsets[t + 6], offsets[t + 7])
  let paddedWidth = geometry.width + 2 * geometry.padding
  var row = gradient
  for b in 0..<geometry.batch {
    for oy in 0..<geometry.outputHeight {
      var pixel = images + (b &* channelsPerImage &+ oy &* s &* paddedWidth)
      for _ in 0..<geometry.outputWidth {
        let g0 = UnsafeRawPointer(row).loadUnaligned(as: SIMD16<Float>.self)
        let g1 = UnsafeRawPointer(row + 16).loadUnaligned(as: SIMD16<Float>.self)
        var x: SIMD16<Float>
          x = SIMD16(repeating: pixel[o0]); s0_0 = s0_0.addingProduct(x, g0); s0_1 = s0_1.addingProduct(x, g1)
          x = SIMD16(repeating: pixel[o1]); s1_0 = s1_0.addingProduct(x, g0); s1_1 = s1_1.addingProduct(x, g1)
          x = SIMD16(repeating: pixel[o2]); s2_0 = s2_0.addingProduct(x, g0); s2_1 = s2_1.addingProduct(x, g1)
          x = SIMD16(repeating: pixel[o3]); s3_0 = s3_0.addingProduct(x, g0); s3_1 = s3_1.addingProduct(x, g1)
          x = SIMD16(repeating: pixel[o4]); s4_0 = s4_0.addingProduct(x, g0); s4_1 = s4_1.addingProduct(x, g1)
          x = SIMD16(repeating: pixel[o5]); s5_0 = s5_0.addingProduct(x, g0); s5_1 = s5_1.addingProduct(x, g1)
          x = SIMD16(repeating: pixel[o6]); s6_0 = s6_0.addingProduct(x, g0); s6_1 = s6_1.addingProduct(x, g1)
          x = SIMD16(repeating: pixel[o7]); s7_0 = s7_0.addingProduct(x, g0); s7_1 = s7_1.addingProduct(x, g1)
        row += outputs
        pixel += s
      }
    }
  }
  func put(_ low: SIMD16<Float>, _ high: SIMD16<Float>, _ t: Int) {
    for lane in 0..<16 {
      result[lane &* taps &+ t] = low[lane]
      result[(lane &+ 16) &* taps &+ t] = high[lane]
    }
  }
  put(s0_0, s0_1, 0)
  put(s1_0, s1_1, 1)
  put(s2_0, s2_1, 2)
  put(s3_0, s3_1, 3)
  put(s4_0, s4_1, 4)
  put(s5_0, s5_1, 5)
  put(s6_0, s6_1, 6)
  put(s7_0, s7_1, 7)
}
