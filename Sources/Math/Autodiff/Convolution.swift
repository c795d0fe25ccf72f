/// Differentiable 2D convolutions of channels-first image batches, each lowered to one matrix
/// product: the patches under the kernel as columns (`im2col`), times the kernel as a matrix.
/// The products are `Tensor.orderedProduct`s (each entry summed in a stated order, computed in
/// tiles: Kernels/OrderedProductInTiles.swift), so that faster kernels can be checked against
/// them bit for bit.
///
/// A convolution with kernel W `[outputChannels, channels, k, k]` is
///   y[b, o, oy, ox] = bias[o] + Σ_{c, ky, kx} W[o, c, ky, kx] · x[b, c, oy·s − p + ky, ox·s − p + kx],
/// which is the product W `[outputChannels, patchSize]` · im2col(x) `[patchSize, batch·positions]`.
/// Its transposed convolution (`transposedConvolution`) is the adjoint map, the "fractionally
/// strided" convolution with which DCGAN's generator doubles an image's size.
extension Variable {
  /// The convolution of images `[batch, channels, height, width]` with `weight`
  /// `[outputChannels, channels, k, k]` and optional `bias` `[outputChannels]`; the result is
  /// `[batch, outputChannels, outputHeight, outputWidth]` (PyTorch's `conv2d`).
  ///
  /// Gradients, with G the output gradient as a matrix `[outputChannels, batch·positions]` and
  /// X = im2col(x): ∂L/∂W = G Xᵀ, ∂L/∂x = col2im(Wᵀ G), ∂L/∂bias = the row sums of G.
  public func convolution(weight: Variable, bias: Variable? = nil, stride: Int = 1, padding: Int = 0) -> Variable {
    let ws = weight.shape
    precondition(ws.count == 4 && ws[2] == ws[3], "convolution: weight needs [outputChannels, channels, k, k], got \(ws)")
    precondition(shape.count == 4 && shape[1] == ws[1],
                 "convolution: images \(shape) need \(ws[1]) channels for weight \(ws)")
    let g = ConvolutionGeometry(imageShape: shape, kernelSize: ws[2], stride: stride, padding: padding)
    let kernel = weight.value.reshaped([ws[0], g.patchSize])
    // With several batch workers: the same, a part of the batch on each (Kernels/ConvolutionInParts.swift).
    let parts = BatchParts(of: g.batch)
    if parts.ranges.count > 1 {
      return convolutionInParts(weight: weight, bias: bias, kernel: kernel, geometry: g, parts: parts)
    }
    let columns = value.im2colByRanges(g)  // `im2col(g)`, by ranges of columns (Kernels/ConvolutionLowering.swift)
    var product = Tensor.orderedProductInTiles(kernel, columns)
    if let bias { product.addToEachRow(bias.value) }
    let output = product.reshaped([ws[0], g.batch, g.outputPositions]).swappingLeadingAxes()
      .reshaped([g.batch, ws[0], g.outputHeight, g.outputWidth])
    let parents = [self, weight] + (bias.map { [$0] } ?? [])
    return Variable(output, parents: parents) { gradient in
      let perChannel = gradient.reshaped([g.batch, ws[0], g.outputPositions]).swappingLeadingAxes()
        .reshaped([ws[0], g.batch * g.outputPositions])
      return [
        self.requiresGradient ? Tensor.orderedProductInTiles(kernel, perChannel, transposeA: true).col2imByRanges(g) : nil,
        weight.requiresGradient ? Tensor.orderedProductInTiles(perChannel, columns, transposeB: true).reshaped(ws) : nil,
      ] + (bias.map { [$0.requiresGradient ? perChannel.sumOfEachRow() : nil] } ?? [])
    }
  }

  /// The transposed convolution of images `[batch, channels, height, width]` with `weight`
  /// `[channels, outputChannels, k, k]` and optional `bias` `[outputChannels]` (PyTorch's
  /// `conv_transpose2d`): the adjoint of the convolution with the same weight, stride and
  /// padding. The result is `[batch, outputChannels, (height − 1)·s − 2p + k + a, (width − 1)·s − 2p + k + a]`
  /// with a = `outputPadding` (< s): a strided convolution maps several sizes to the same one,
  /// and a picks which of them the adjoint returns (PyTorch's `output_padding`).
  ///
  /// Each input pixel spreads its channels, weighted by the kernel, over a k × k patch of the
  /// output; overlapping patches add. As one product: the columns Wᵀ X, with X the input as a
  /// matrix `[channels, batch·height·width]`, added back onto the output image by `col2im`.
  /// Gradients: ∂L/∂x = W · im2col(G), ∂L/∂W = X · im2col(G)ᵀ, ∂L/∂bias = Σ G over all but channels.
  public func transposedConvolution(weight: Variable, bias: Variable? = nil, stride: Int = 1,
                                    padding: Int = 0, outputPadding: Int = 0) -> Variable {
    let ws = weight.shape
    precondition(ws.count == 4 && ws[2] == ws[3], "transposedConvolution: weight needs [channels, outputChannels, k, k], got \(ws)")
    precondition(shape.count == 4 && shape[1] == ws[0],
                 "transposedConvolution: images \(shape) need \(ws[0]) channels for weight \(ws)")
    precondition(outputPadding >= 0 && outputPadding < stride,
                 "transposedConvolution: output padding \(outputPadding) must be in 0..<stride (\(stride))")
    let (batch, height, width, k) = (shape[0], shape[2], shape[3], ws[2])
    let (outputHeight, outputWidth) = ((height - 1) * stride - 2 * padding + k + outputPadding,
                                       (width - 1) * stride - 2 * padding + k + outputPadding)
    precondition(outputHeight > 0 && outputWidth > 0,
                 "transposedConvolution: \(height)×\(width) images, kernel \(k), stride \(stride), padding \(padding) give no output")
    // The geometry of the output image, read as the input of the convolution this is the adjoint of.
    let g = ConvolutionGeometry(batch: batch, channels: ws[1], height: outputHeight, width: outputWidth,
                                kernelSize: k, stride: stride, padding: padding)
    precondition(g.outputHeight == height && g.outputWidth == width, "transposedConvolution: geometry \(g) does not invert to \(height)×\(width)")
    let kernel = weight.value.reshaped([ws[0], g.patchSize])
    let parts = BatchParts(of: batch)
    if parts.ranges.count > 1 {
      return transposedConvolutionInParts(weight: weight, bias: bias, kernel: kernel, geometry: g, parts: parts)
    }
    let inputs = value.reshaped([batch, ws[0], height * width]).swappingLeadingAxes()
      .reshaped([ws[0], batch * height * width])
    // `col2im(g)` and `im2col(g)`, by ranges of columns (Kernels/ConvolutionLowering.swift).
    var output = Tensor.orderedProductInTiles(kernel, inputs, transposeA: true).col2imByRanges(g)
    if let bias { output.addToEachChannel(bias.value) }
    let parents = [self, weight] + (bias.map { [$0] } ?? [])
    return Variable(output, parents: parents) { gradient in
      let columns = gradient.im2colByRanges(g)
      return [
        self.requiresGradient
          ? Tensor.orderedProductInTiles(kernel, columns).reshaped([ws[0], batch, height * width]).swappingLeadingAxes()
            .reshaped(self.shape) : nil,
        weight.requiresGradient ? Tensor.orderedProductInTiles(inputs, columns, transposeB: true).reshaped(ws) : nil,
      ] + (bias.map { [$0.requiresGradient ? gradient.sumOfEachChannel() : nil] } ?? [])
    }
  }
}

extension Tensor {
  /// Adds `bias[i]` to every element of row i of a matrix (one bias per output channel).
  mutating func addToEachRow(_ bias: Tensor) {
    precondition(rank == 2 && bias.count == shape[0], "addToEachRow: bias \(bias.shape) for \(shape)")
    let n = shape[1]
    scalars.withUnsafeMutableBufferPointer { x in
      for (i, b) in bias.scalars.enumerated() {
        for j in (i * n)..<((i + 1) * n) { x[j] += b }
      }
    }
  }

  /// The sum of each row of a matrix, as a vector `[rows]`: the product with a column of ones.
  func sumOfEachRow() -> Tensor {
    Tensor.matmul(self, Tensor(repeating: 1, shape: [columns, 1])).reshaped([rows])
  }

  /// Adds `bias[c]` to every pixel of channel c of images `[batch, channels, height, width]`.
  mutating func addToEachChannel(_ bias: Tensor) {
    precondition(rank == 4 && bias.count == shape[1], "addToEachChannel: bias \(bias.shape) for \(shape)")
    let (channels, pixels) = (shape[1], shape[2] * shape[3])
    scalars.withUnsafeMutableBufferPointer { x in
      for b in 0..<shape[0] {
        for c in 0..<channels {
          let start = (b * channels + c) * pixels
          for j in start..<(start + pixels) { x[j] += bias.scalars[c] }
        }
      }
    }
  }

  /// The sum over batch, height and width of each channel of images `[batch, channels, height, width]`:
  /// the sum over the batch (a row of ones times the images as rows), then over each channel's pixels.
  func sumOfEachChannel() -> Tensor {
    precondition(rank == 4, "sumOfEachChannel: needs images [batch, channels, height, width], got \(shape)")
    let (batch, channels, pixels) = (shape[0], shape[1], shape[2] * shape[3])
    let overBatch = Tensor.matmul(Tensor(repeating: 1, shape: [1, batch]), reshaped([batch, channels * pixels]))
    return overBatch.reshaped([channels, pixels]).sumOfEachRow()
  }
}
