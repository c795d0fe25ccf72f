/// `im2col` and `col2im` without a test per element: the same entries, bit for bit
/// (`ConvolutionLoweringTests` compares them with the readable versions in Tensor/Im2Col.swift).
///
/// For a kernel offset (ky, kx) and an output row oy, the output columns whose input pixel lies
/// inside the image form one range [first, last] of ox; the kernels fill the columns before and
/// after it with zeros (im2col) or skip them (col2im), and copy or add the range with a fixed
/// stride and no branch.
///
/// im2col at stride 2 (the DCGAN's convolutions) first copies the images' rows with the
/// padding's zeros around them; every 8 columns of an output row are then one vector: 16
/// consecutive padded pixels loaded and their even lanes kept. col2im stays by ranges: the
/// vector versions tried were slower (bench/PERFORMANCE.md has the measurements).
extension ConvolutionGeometry {
  /// The output columns ox whose input column ox·stride − padding + kx lies in 0..<width.
  @inline(__always)
  func insideColumns(kx: Int) -> Range<Int> {
    let shift = padding - kx  // ix = ox·stride − shift
    let first = shift <= 0 ? 0 : (shift + stride - 1) / stride
    let last = min(outputWidth - 1, (width - 1 + shift) >= 0 ? (width - 1 + shift) / stride : -1)
    return first..<max(first, last + 1)
  }
}

extension Tensor {
  /// `im2col(g)`, by ranges of columns (see above), of images `firstImage ..< firstImage +
  /// g.batch` of this batch (by default its first `g.batch`, all of them when the geometry is the
  /// batch's own): a part of a batch is lowered without being copied out first.
  func im2colByRanges(_ g: ConvolutionGeometry, firstImage: Int = 0) -> Tensor {
    precondition(shape.count == 4 && Array(shape.dropFirst()) == Array(g.imageShape.dropFirst())
                   && firstImage >= 0 && firstImage + g.batch <= shape[0],
                 "im2col: images \(shape) do not hold images \(firstImage)..<\(firstImage + g.batch) of geometry \(g.imageShape)")
    let (k, s, ow, positions) = (g.kernelSize, g.stride, g.outputWidth, g.outputPositions)
    let rowLength = g.batch * positions
    return scalars.withUnsafeBufferPointer { xBuffer in
      Tensor(shape: [g.patchSize, rowLength]) { columnsBuffer in
        guard let x0 = xBuffer.baseAddress, let columns = columnsBuffer.baseAddress else { return }
        let x = x0 + firstImage * g.channels * g.height * g.width
        if s == 2 {
          im2colStrideTwo(g, images: x, columns: columns, end: columns + columnsBuffer.count)
          return
        }
        for c in 0..<g.channels {
          for ky in 0..<k {
            for kx in 0..<k {
              let inside = g.insideColumns(kx: kx)
              let row = columns + ((c * k + ky) * k + kx) * rowLength
              for b in 0..<g.batch {
                let image = x + (b * g.channels + c) * g.height * g.width
                for oy in 0..<g.outputHeight {
                  let out = row + b * positions + oy * ow
                  let iy = oy * s - g.padding + ky
                  guard iy >= 0 && iy < g.height, !inside.isEmpty else {
                    out.update(repeating: 0, count: ow)
                    continue
                  }
                  out.update(repeating: 0, count: inside.lowerBound)
                  var source = image + iy * g.width + inside.lowerBound * s - g.padding + kx
                  for ox in inside {
                    out[ox] = source.pointee
                    source += s
                  }
                  (out + inside.upperBound).update(repeating: 0, count: ow - inside.upperBound)
                }
              }
            }
          }
        }
      }
    }
  }

  /// `col2im(g)`, by ranges of columns (see above): the entries are added to each pixel in the
  /// same order as there, so the sums are the same bit for bit.
  func col2imByRanges(_ g: ConvolutionGeometry) -> Tensor {
    Tensor(shape: g.imageShape) { images in col2imByRanges(g, into: images.baseAddress!) }
  }

  /// `col2imByRanges(g)` written to the `g.batch` images at `x` (which it sets to zero first):
  /// a part of a batch placed in the whole batch's tensor.
  func col2imByRanges(_ g: ConvolutionGeometry, into x: UnsafeMutablePointer<Float>) {
    let (k, s, ow, positions) = (g.kernelSize, g.stride, g.outputWidth, g.outputPositions)
    let rowLength = g.batch * positions
    precondition(shape == [g.patchSize, rowLength],
                 "col2im: columns \(shape) do not match geometry \([g.patchSize, rowLength])")
    x.update(repeating: 0, count: g.batch * g.channels * g.height * g.width)
    scalars.withUnsafeBufferPointer { columnsBuffer in
      guard let columns = columnsBuffer.baseAddress else { return }
      for c in 0..<g.channels {
        for ky in 0..<k {
          for kx in 0..<k {
            let inside = g.insideColumns(kx: kx)
            guard !inside.isEmpty else { continue }
            let row = columns + ((c * k + ky) * k + kx) * rowLength
            for b in 0..<g.batch {
              let image = x + (b * g.channels + c) * g.height * g.width
              for oy in 0..<g.outputHeight {
                let iy = oy * s - g.padding + ky
                guard iy >= 0 && iy < g.height else { continue }
                let entries = row + b * positions + oy * ow
                var target = image + iy * g.width + inside.lowerBound * s - g.padding + kx
                for ox in inside {
                  target.pointee += entries[ox]
                  target += s
                }
              }
            }
          }
        }
      }
    }
  }
}

/// The images' rows with `padding` zeros on each side, `[batch, channels, height, width + 2 ·
/// padding]`, and 32 more zeros at the end, so that a vector of 16 may start at any pixel.
private func paddedRows(_ g: ConvolutionGeometry, _ images: UnsafePointer<Float>?) -> [Float] {
  let (rows, w, p) = (g.batch * g.channels * g.height, g.width, g.padding)
  let wp = w + 2 * p
  var padded = [Float](repeating: 0, count: rows * wp + 32)
  if let images {
    padded.withUnsafeMutableBufferPointer { target in
      for r in 0..<rows { (target.baseAddress! + r * wp + p).update(from: images + r * w, count: w) }
    }
  }
  return padded
}

/// `im2col` at stride 2 from the padded rows (see the top of this file).
private func im2colStrideTwo(_ g: ConvolutionGeometry, images: UnsafePointer<Float>,
                             columns: UnsafeMutablePointer<Float>, end: UnsafeMutablePointer<Float>) {
  let (k, p, ow, positions) = (g.kernelSize, g.padding, g.outputWidth, g.outputPositions)
  let (h, wp, rowLength) = (g.height, g.width + 2 * p, g.batch * positions)
  let chunks = (ow + 7) / 8
  let padded = paddedRows(g, images)
  padded.withUnsafeBufferPointer { paddedBuffer in
    let rows = paddedBuffer.baseAddress!
    for c in 0..<g.channels {
      for ky in 0..<k {
        for kx in 0..<k {
          let row = columns + ((c * k + ky) * k + kx) * rowLength
          for b in 0..<g.batch {
            for oy in 0..<g.outputHeight {
              let out = row + b * positions + oy * ow
              let iy = oy * 2 - p + ky
              let inside = iy >= 0 && iy < h
              let source = rows + ((b * g.channels + c) * h + (inside ? iy : 0)) * wp + kx
              // The vectors write up to 8 · chunks entries: those past the row belong to rows
              // written after it, except at the very end, which is written one by one.
              guard out + 8 * chunks <= end else {
                for ox in 0..<ow { out[ox] = inside ? source[2 * ox] : 0 }
                continue
              }
              for q in 0..<chunks {
                let values = inside
                  ? UnsafeRawPointer(source + 16 * q).loadUnaligned(as: SIMD16<Float>.self).evenHalf : SIMD8()
                UnsafeMutableRawPointer(out + 8 * q).storeBytes(of: values, as: SIMD8<Float>.self)
              }
            }
          }
        }
      }
    }
  }
}
