/// The geometry of a 2D convolution over a batch of channels-first images
/// `[batch, channels, height, width]`: a square kernel of `kernelSize` pixels moved `stride`
/// pixels at a time over the image with `padding` zeros around it.
///
/// The output has `outputHeight × outputWidth` positions, with
/// outputHeight = ⌊(height + 2·padding − kernelSize) / stride⌋ + 1 (PyTorch's `Conv2d`).
public struct ConvolutionGeometry: Hashable, Sendable {
  public let batch: Int
  public let channels: Int
  public let height: Int
  public let width: Int
  public let kernelSize: Int
  public let stride: Int
  public let padding: Int

  public init(batch: Int, channels: Int, height: Int, width: Int, kernelSize: Int, stride: Int = 1,
              padding: Int = 0) {
    precondition(kernelSize > 0 && stride > 0 && padding >= 0,
                 "Convolution: kernel \(kernelSize), stride \(stride) must be positive and padding \(padding) ≥ 0")
    precondition(height + 2 * padding >= kernelSize && width + 2 * padding >= kernelSize,
                 "Convolution: a \(kernelSize)×\(kernelSize) kernel does not fit a \(height)×\(width) image with padding \(padding)")
    (self.batch, self.channels, self.height, self.width) = (batch, channels, height, width)
    (self.kernelSize, self.stride, self.padding) = (kernelSize, stride, padding)
  }

  /// The geometry of a channels-first image batch `shape` = `[batch, channels, height, width]`.
  public init(imageShape shape: [Int], kernelSize: Int, stride: Int, padding: Int) {
    precondition(shape.count == 4, "Convolution: needs images [batch, channels, height, width], got shape \(shape)")
    self.init(batch: shape[0], channels: shape[1], height: shape[2], width: shape[3],
              kernelSize: kernelSize, stride: stride, padding: padding)
  }

  public var outputHeight: Int { (height + 2 * padding - kernelSize) / stride + 1 }
  public var outputWidth: Int { (width + 2 * padding - kernelSize) / stride + 1 }
  /// Output positions of one image.
  public var outputPositions: Int { outputHeight * outputWidth }
  /// Values under the kernel at one position: channels · kernelSize².
  public var patchSize: Int { channels * kernelSize * kernelSize }
  /// The shape of the images, `[batch, channels, height, width]`.
  public var imageShape: [Int] { [batch, channels, height, width] }
}

extension Tensor {
  /// The patches under the kernel, one column per output position of every image ("im2col",
  /// as in Caffe): row (c, ky, kx) and column (b, oy, ox) hold the input pixel
  /// x[b, c, oy·stride − padding + ky, ox·stride − padding + kx], or 0 where that falls in the
  /// padding. Shape `[patchSize, batch · outputPositions]`.
  ///
  /// With the kernel as a matrix W `[outputChannels, patchSize]`, the convolution of every image
  /// at every position is the one product W · im2col(x).
  public func im2col(_ g: ConvolutionGeometry) -> Tensor {
    precondition(shape == g.imageShape, "im2col: images \(shape) do not match geometry \(g.imageShape)")
    // BEGIN SOLUTION im2col
    // HINT: a [patchSize, batch · outputPositions] tensor; row (c, ky, kx), column (b, oy, ox) reads x[b, c, oy·stride − padding + ky, ox·stride − padding + kx], 0 in the padding
    let (k, positions) = (g.kernelSize, g.outputPositions)
    let rowLength = g.batch * positions
    return scalars.withUnsafeBufferPointer { x in
      Tensor(shape: [g.patchSize, rowLength]) { columns in
        for c in 0..<g.channels {
          for ky in 0..<k {
            for kx in 0..<k {
              let row = (c * k + ky) * k + kx
              for b in 0..<g.batch {
                let image = (b * g.channels + c) * g.height * g.width
                var out = row * rowLength + b * positions
                for oy in 0..<g.outputHeight {
                  let iy = oy * g.stride - g.padding + ky
                  for ox in 0..<g.outputWidth {
                    let ix = ox * g.stride - g.padding + kx
                    let inside = iy >= 0 && iy < g.height && ix >= 0 && ix < g.width
                    columns[out] = inside ? x[image + iy * g.width + ix] : 0
                    out += 1
                  }
                }
              }
            }
          }
        }
      }
    }
    // END SOLUTION
  }

  /// The adjoint of `im2col`: every column entry added back onto the pixel it was read from
  /// (entries that came from the padding are dropped). Shape `g.imageShape`.
  ///
  /// A pixel under several kernel positions receives the sum of their entries, so
  /// ⟨im2col(x), c⟩ = ⟨x, col2im(c)⟩ for all x and c.
  public func col2im(_ g: ConvolutionGeometry) -> Tensor {
    let (k, positions) = (g.kernelSize, g.outputPositions)
    let rowLength = g.batch * positions
    precondition(shape == [g.patchSize, rowLength],
                 "col2im: columns \(shape) do not match geometry \([g.patchSize, rowLength])")
    var images = Tensor(zeros: g.imageShape)
    scalars.withUnsafeBufferPointer { columns in
      images.scalars.withUnsafeMutableBufferPointer { x in
        for c in 0..<g.channels {
          for ky in 0..<k {
            for kx in 0..<k {
              let row = (c * k + ky) * k + kx
              for b in 0..<g.batch {
                let image = (b * g.channels + c) * g.height * g.width
                var entry = row * rowLength + b * positions
                for oy in 0..<g.outputHeight {
                  let iy = oy * g.stride - g.padding + ky
                  for ox in 0..<g.outputWidth {
                    let ix = ox * g.stride - g.padding + kx
                    if iy >= 0 && iy < g.height && ix >= 0 && ix < g.width {
                      x[image + iy * g.width + ix] += columns[entry]
                    }
                    entry += 1
                  }
                }
              }
            }
          }
        }
      }
    }
    return images
  }

  /// The first two axes exchanged: `[a, b, rest…]` → `[b, a, rest…]`, each block of `rest`
  /// moved whole. Takes a convolution's output from `[channels, batch, positions]` (the
  /// product's layout) to `[batch, channels, positions]` (the images' layout) and back.
  public func swappingLeadingAxes() -> Tensor {
    precondition(rank >= 2, "swappingLeadingAxes: needs at least two axes, got shape \(shape)")
    let (a, b) = (shape[0], shape[1])
    let block = shape.dropFirst(2).reduce(1, *)
    var newShape = shape
    newShape.swapAt(0, 1)
    guard count > 0 else { return Tensor(zeros: newShape) }
    return scalars.withUnsafeBufferPointer { source in
      Tensor(shape: newShape) { target in
        for i in 0..<a {
          for j in 0..<b {
            let from = source.baseAddress! + (i * b + j) * block
            (target.baseAddress! + (j * a + i) * block).update(from: from, count: block)
          }
        }
      }
    }
  }
}
