/// The convolutions of Autodiff/Convolution.swift with the batch cut into parts, one per batch
/// worker (`BatchWorkers`), each part on its own thread: its images' patches, products and
/// gradients. The kernel and bias gradients are the sums of the parts' (added in the parts'
/// order). With one part this is the readable computation itself; `ConvolutionInPartsTests`
/// compares the two for several parts.
///
/// Each part writes its share of a result straight into the whole batch's tensor, in the
/// images' layout: the product's `[channels, images, positions]` is rearranged (and the bias
/// added) in the same pass that places it, instead of a pass for the bias, a copy for the layout
/// and a copy to stack the parts. Every number is computed by the same operations as there.
///
/// Where they apply, a part's products are the direct kernels of DirectConvolution.swift, which
/// never form the patches or the columns and give the same bits; the patches are formed only
/// for the products no direct kernel takes.
extension Variable {
  /// With `slope` (≥ 0), the leaky ReLU of the convolution's output as well, in the same node
  /// (`FusedConvolutionLayer`): rectified as each part's output is placed, and its gradient taken
  /// as each part's gradient is read.
  func convolutionInParts(weight: Variable, bias: Variable?, kernel: Tensor, geometry g: ConvolutionGeometry,
                          parts: BatchParts, rectifyingWithSlope slope: Float? = nil) -> Variable {
    let (outputs, positions) = (kernel.shape[0], g.outputPositions)
    let x = value
    // Each part: its output images placed in `y`, by the direct product where it applies, and
    // otherwise through its patches (kept for the kernel gradient).
    var patches: [Tensor?] = []
    let output = Tensor(shape: [g.batch, outputs, g.outputHeight, g.outputWidth]) { y in
      nonisolated(unsafe) let y = y
      patches = parts.map { _, images in
        let gp = g.withBatch(images.count)
        let direct = x.directConvolutionProduct(kernel: kernel, gp, firstImage: images.lowerBound)
        let columns = direct == nil ? x.im2colByRanges(gp, firstImage: images.lowerBound) : nil
        (direct ?? Tensor.orderedProductInTiles(kernel, columns!)).placeImagesFirst(
          into: y.baseAddress! + images.lowerBound * outputs * positions, images: images.count, adding: bias?.value,
          rectifyingWithSlope: slope)
        return columns
      }
    }
    let parents = [self, weight] + (bias.map { [$0] } ?? [])
    return Variable(output, parents: parents) { gradient in
      var backward: [(kernel: Tensor?, bias: Tensor?)] = []
      let imageSize = g.channels * g.height * g.width
      let inputGradient = Tensor(shape: self.requiresGradient ? x.shape : [0]) { dx in
        nonisolated(unsafe) let dx = dx
        backward = parts.map { p, images in
          let gp = g.withBatch(images.count)
          let perChannel = gradient.imagesAsChannelRows(images, channels: outputs, positions: positions,
                                                        rectifiedOutput: slope.map { (output, $0) })
          let partGradient = dx.baseAddress! + images.lowerBound * imageSize
          if self.requiresGradient && !directColumnsToImages(kernel: kernel, rows: perChannel, gp, into: partGradient) {
            Tensor.orderedProductInTiles(kernel, perChannel, transposeA: true).col2imByRanges(gp, into: partGradient)
          }
          return (
            kernel: weight.requiresGradient
              ? kernelGradient(perChannel, patches: patches[p], images: x, gp, firstImage: images.lowerBound) : nil,
            bias: bias?.requiresGradient == true ? perChannel.sumOfEachRow() : nil)
        }
      }
      return [
        self.requiresGradient ? inputGradient : nil,
        weight.requiresGradient ? backward.map { $0.kernel! }.summed().reshaped(weight.shape) : nil,
      ] + (bias.map { [$0.requiresGradient ? backward.map { $0.bias! }.summed() : nil] } ?? [])
    }
  }

  func transposedConvolutionInParts(weight: Variable, bias: Variable?, kernel: Tensor, geometry g: ConvolutionGeometry,
                                    parts: BatchParts) -> Variable {
    let channels = kernel.shape[0]
    let (height, width) = (g.outputHeight, g.outputWidth)
    let imageSize = g.channels * g.height * g.width
    let x = value
    // Each part: its input as a matrix [channels, images·height·width] (kept for the kernel
    // gradient), its output images placed in `y`.
    var inputs: [Tensor] = []
    let output = Tensor(shape: g.imageShape) { y in
      nonisolated(unsafe) let y = y
      inputs = parts.map { _, images in
        let gp = g.withBatch(images.count)
        let partInputs = x.imagesAsChannelRows(images, channels: channels, positions: height * width)
        let partOutput = y.baseAddress! + images.lowerBound * imageSize
        if !directColumnsToImages(kernel: kernel, rows: partInputs, gp, into: partOutput) {
          Tensor.orderedProductInTiles(kernel, partInputs, transposeA: true).col2imByRanges(gp, into: partOutput)
        }
        if let bias { addToEachChannel(partOutput, images: images.count, g.channels, g.height * g.width, bias.value) }
        return partInputs
      }
    }
    let parents = [self, weight] + (bias.map { [$0] } ?? [])
    return Variable(output, parents: parents) { gradient in
      var backward: [(kernel: Tensor?, bias: Tensor?)] = []
      let inputGradient = Tensor(shape: self.requiresGradient ? x.shape : [0]) { dx in
        nonisolated(unsafe) let dx = dx
        backward = parts.map { p, images in
          let gp = g.withBatch(images.count)
          // The gradient's patches only where a direct kernel does not apply, formed once.
          var columns: Tensor?
          if self.requiresGradient {
            let direct = gradient.directConvolutionProduct(kernel: kernel, gp, firstImage: images.lowerBound)
            if direct == nil { columns = gradient.im2colByRanges(gp, firstImage: images.lowerBound) }
            (direct ?? Tensor.orderedProductInTiles(kernel, columns!)).placeImagesFirst(
              into: dx.baseAddress! + images.lowerBound * channels * height * width, images: images.count, adding: nil)
          }
          return (
            kernel: weight.requiresGradient
              ? kernelGradient(inputs[p], patches: columns, images: gradient, gp, firstImage: images.lowerBound) : nil,
            bias: bias?.requiresGradient == true ? gradient.rows(images).sumOfEachChannel() : nil)
        }
      }
      return [
        self.requiresGradient ? inputGradient : nil,
        weight.requiresGradient ? backward.map { $0.kernel! }.summed().reshaped(weight.shape) : nil,
      ] + (bias.map { [$0.requiresGradient ? backward.map { $0.bias! }.summed() : nil] } ?? [])
    }
  }
}

/// G · im2col(x)ᵀ for a part: from its `patches` when they were formed, else directly where
/// `directKernelGradient` applies, else from patches formed now. The same bits every way.
private func kernelGradient(_ rows: Tensor, patches: Tensor?, images: Tensor, _ g: ConvolutionGeometry,
                            firstImage: Int) -> Tensor {
  if let patches { return Tensor.orderedProductInTiles(rows, patches, transposeB: true) }
  return directKernelGradient(rows: rows, images: images, g, firstImage: firstImage)
    ?? Tensor.orderedProductInTiles(rows, images.im2colByRanges(g, firstImage: firstImage), transposeB: true)
}

extension Tensor {
  /// Writes this matrix `[channels, images · positions]` (a product's layout) to `target` as
  /// `[images, channels, positions]` (the images' layout), adding `bias[c]` to channel c when
  /// given: what `reshaped([channels, images, positions]).swappingLeadingAxes()` after
  /// `addToEachRow(bias)` gives, the same additions, in one pass; then, with a `slope`, the
  /// leaky ReLU of each entry, as `leakyRelu(slope:)` computes it.
  func placeImagesFirst(into target: UnsafeMutablePointer<Float>, images: Int, adding bias: Tensor?,
                        rectifyingWithSlope slope: Float? = nil) {
    let channels = shape[0]
    let positions = shape[1] / images
    precondition(rank == 2 && images * positions == shape[1] && (bias?.count ?? channels) == channels,
                 "placeImagesFirst: \(shape) is not [channels, \(images) images · positions] with one bias per channel")
    scalars.withUnsafeBufferPointer { source in
      for c in 0..<channels {
        let b = bias?.scalars[c]
        for image in 0..<images {
          let from = source.baseAddress! + (c * images + image) * positions
          let to = target + (image * channels + c) * positions
          switch (b, slope) {
          case let (b?, slope?):
            for j in 0..<positions { to[j] = Math.leakyRelu(from[j] + b, slope: slope) }
          case let (b?, nil):
            for j in 0..<positions { to[j] = from[j] + b }
          case let (nil, slope?):
            for j in 0..<positions { to[j] = Math.leakyRelu(from[j], slope: slope) }
          case (nil, nil):
            to.update(from: from, count: positions)
          }
        }
      }
    }
  }

  /// Images `range` of a batch `[batch, channels, positions…]` as one matrix `[channels,
  /// range.count · positions]`: `rows(range)` rearranged by `swappingLeadingAxes()`, in one copy.
  /// With a `rectifiedOutput` (a leaky ReLU's output a, of this gradient's shape, and its slope
  /// ≥ 0), the gradient through that leaky ReLU instead: an entry where a > 0, slope times it
  /// elsewhere, as `leakyRelu(slope:)`'s pullback gives it (its input was positive exactly where
  /// its output is).
  func imagesAsChannelRows(_ range: Range<Int>, channels: Int, positions: Int,
                           rectifiedOutput: (output: Tensor, slope: Float)? = nil) -> Tensor {
    precondition(shape[0] >= range.upperBound && count == shape[0] * channels * positions,
                 "imagesAsChannelRows: \(shape) does not hold images \(range) of \(channels) × \(positions)")
    let images = range.count
    let (output, slope) = (rectifiedOutput?.output ?? Tensor(zeros: [0]), rectifiedOutput?.slope)
    precondition(slope == nil || output.shape == shape, "imagesAsChannelRows: output \(output.shape) for gradient \(shape)")
    return scalars.withUnsafeBufferPointer { source in
      output.scalars.withUnsafeBufferPointer { a in
        Tensor(shape: [channels, images * positions]) { target in
          for image in 0..<images {
            for c in 0..<channels {
              let start = ((range.lowerBound + image) * channels + c) * positions
              let (from, to) = (source.baseAddress! + start, target.baseAddress! + (c * images + image) * positions)
              if let slope {
                let rectified = a.baseAddress! + start
                for j in 0..<positions { to[j] = rectified[j] > 0 ? from[j] : slope * from[j] }
              } else {
                to.update(from: from, count: positions)
              }
            }
          }
        }
      }
    }
  }
}

/// `Tensor.addToEachChannel(bias)` on `images` images `[channels, pixels]` at `x`.
private func addToEachChannel(_ x: UnsafeMutablePointer<Float>, images: Int, _ channels: Int, _ pixels: Int,
                              _ bias: Tensor) {
  for b in 0..<images {
    for c in 0..<channels {
      let start = x + (b * channels + c) * pixels
      for j in 0..<pixels { start[j] += bias.scalars[c] }
    }
  }
}

extension ConvolutionGeometry {
  /// The same convolution over a batch of `batch` images.
  func withBatch(_ batch: Int) -> ConvolutionGeometry {
    ConvolutionGeometry(batch: batch, channels: channels, height: height, width: width, kernelSize: kernelSize,
                        stride: stride, padding: padding)
  }
}

extension Array where Element == Tensor {
  /// The element-wise sum, added in order.
  func summed() -> Tensor {
    var total = self[0]
    for t in dropFirst() { total.add(t) }
    return total
  }
}
