import Lessons
import Math
import Testing

@Suite struct MinibatchDiscriminationLayerTests {
  /// The layer appends `kernels` columns, and its tensor T gets a gradient.
  @Test func minibatchDiscriminationAppendsKernelColumns() {
    var rng = SeededGenerator(seed: 4)
    let layer = MinibatchDiscrimination(inputs: 5, kernels: 3, kernelDimension: 2, using: &rng)
    let x = Variable(Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 7, columns: 5, using: &rng))
    let y = layer(x, training: true)
    #expect(y.shape == [7, 8])
    #expect(layer.outputs == 8)
    y.sum().backward()
    #expect(layer.tensor.gradient?.shape == [5, 6])
  }
}
