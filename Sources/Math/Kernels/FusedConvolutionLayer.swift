/// A Conv2d and the ReLU or leaky ReLU after it as one layer: what `Sequential.fused()` puts in
/// place of such a pair, as the DCGAN's discriminator has (its first convolution, then a leaky
/// ReLU). The same outputs and gradients as the two layers one after the other, bit for bit
/// (`FusedConvolutionLayerTests`): the rectifier is applied as the convolution places its output
/// (`placeImagesFirst`), and its gradient taken as the convolution reads the output's gradient
/// (`imagesAsChannelRows`), so the activation's two passes over the batch, which ran on one
/// thread, are gone.
struct FusedConvolutionLayer: Layer {
  let convolution: Conv2d
  /// The activation's slope for z < 0 (0: the ReLU), ≥ 0.
  let slope: Float

  func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    let c = convolution
    let g = c.checkFits(x)
    return x.convolutionInParts(weight: c.weight, bias: c.bias, kernel: c.weight.value.reshaped([c.weight.shape[0], g.patchSize]),
                                geometry: g, parts: BatchParts(of: g.batch), rectifyingWithSlope: slope)
  }

  var parameters: [Variable] { convolution.parameters }
}
