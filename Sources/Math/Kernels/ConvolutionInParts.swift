/// The convolutions of Autodiff/Convolution.swift with the batch cut into parts, one per batch
/// worker (`BatchWorkers`), each part on its own thread: its images' patches, products and
/// gradients. The kernel and bias gradients are the sums of the parts' (added in the parts'
/// order). With one part this is the readable computation itself; `ConvolutionInPartsTests`
/// compares the two for several parts.
extension Variable {
  func convolutionInParts(weight: Variable, bias: Variable?, kernel: Tensor, geometry g: ConvolutionGeometry,
                          parts: BatchParts) -> Variable {
    let outputs = kernel.shape[0]
    let x = value
    // Each part: its patches (kept for the kernel gradient) and its output images.
    let forward = parts.map { _, images in
      let gp = g.withBatch(images.count)
      let columns = x.im2colByRanges(gp, firstImage: images.lowerBound)
      var product = Tensor.matmul(kernel, columns)
      if let bias { product.addToEachRow(bias.value) }
      return (columns, product.reshaped([outputs, gp.batch, gp.outputPositions]).swappingLeadingAxes())
    }
    let output = Tensor.concatenatingRows(forward.map(\.1)).reshaped([g.batch, outputs, g.outputHeight, g.outputWidth])
    let parents = [self, weight] + (bias.map { [$0] } ?? [])
    return Variable(output, parents: parents) { gradient in
      let backward = parts.map { p, images in
        let gp = g.withBatch(images.count)
        let perChannel = gradient.rows(images).reshaped([gp.batch, outputs, gp.outputPositions]).swappingLeadingAxes()
          .reshaped([outputs, gp.batch * gp.outputPositions])
        return (
          input: self.requiresGradient ? Tensor.matmul(kernel, perChannel, transposeA: true).col2imByRanges(gp) : nil,
          kernel: weight.requiresGradient ? Tensor.matmul(perChannel, forward[p].0, transposeB: true) : nil,
          bias: bias?.requiresGradient == true ? perChannel.sumOfEachRow() : nil)
      }
      return [
        self.requiresGradient ? Tensor.concatenatingRows(backward.map { $0.input! }) : nil,
        weight.requiresGradient ? backward.map { $0.kernel! }.summed().reshaped(weight.shape) : nil,
      ] + (bias.map { [$0.requiresGradient ? backward.map { $0.bias! }.summed() : nil] } ?? [])
    }
  }

  func transposedConvolutionInParts(weight: Variable, bias: Variable?, kernel: Tensor, geometry g: ConvolutionGeometry,
                                    parts: BatchParts) -> Variable {
    let channels = kernel.shape[0]
    let (height, width) = (g.outputHeight, g.outputWidth)
    let x = value
    // Each part: its input as a matrix [channels, images·height·width] (kept for the kernel
    // gradient) and its output images.
    let forward = parts.map { _, images in
      let gp = g.withBatch(images.count)
      let inputs = x.rows(images).reshaped([gp.batch, channels, height * width]).swappingLeadingAxes()
        .reshaped([channels, gp.batch * height * width])
      var output = Tensor.matmul(kernel, inputs, transposeA: true).col2imByRanges(gp)
      if let bias { output.addToEachChannel(bias.value) }
      return (inputs, output)
    }
    let output = Tensor.concatenatingRows(forward.map(\.1))
    let parents = [self, weight] + (bias.map { [$0] } ?? [])
    return Variable(output, parents: parents) { gradient in
      let backward = parts.map { p, images in
        let gp = g.withBatch(images.count)
        let part = gradient.rows(images)
        let columns = gradient.im2colByRanges(gp, firstImage: images.lowerBound)
        return (
          input: self.requiresGradient
            ? Tensor.matmul(kernel, columns).reshaped([channels, gp.batch, height * width]).swappingLeadingAxes() : nil,
          kernel: weight.requiresGradient ? Tensor.matmul(forward[p].0, columns, transposeB: true) : nil,
          bias: bias?.requiresGradient == true ? part.sumOfEachChannel() : nil)
      }
      return [
        self.requiresGradient ? Tensor.concatenatingRows(backward.map { $0.input! }).reshaped(self.shape) : nil,
        weight.requiresGradient ? backward.map { $0.kernel! }.summed().reshaped(weight.shape) : nil,
      ] + (bias.map { [$0.requiresGradient ? backward.map { $0.bias! }.summed() : nil] } ?? [])
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
