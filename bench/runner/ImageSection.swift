import Foundation
import Lessons
import Math
import Workbook

// Section 4 of `make bench`: the image core beside PyTorch — the DCGAN chapter's four
// convolutions (forward + backward) and one whole DCGAN training step on Fashion-MNIST batches,
// each against bench/reference/ref_conv.py and ref_dcgan.py in the same run. Both sides use
// both cores (OpenBLAS with two threads; PyTorch's default of one thread per core).

/// The four convolutions of the DCGAN at batch 64 (kernel 4, stride 2, padding 1), named as in
/// ref_conv.py: D's two convolutions and G's two transposed convolutions.
let convolutionShapes: [(name: String, transposed: Bool, channels: Int, outputs: Int, size: Int)] = [
  ("D1", false, 1, 64, 28), ("D2", false, 64, 128, 14), ("G1", true, 128, 64, 7), ("G2", true, 64, 1, 14),
]

/// Forward and backward of one of `convolutionShapes` (gradients for the input, the kernel and
/// the bias from an all-ones output gradient, as ref_conv.py does): median microseconds.
func convolutionItem(name: String, threads: Int) {
  guard let shape = convolutionShapes.first(where: { $0.name == name }) else {
    StandardError.write("bench item conv: no shape \(name); shapes: \(convolutionShapes.map(\.name))\n")
    exit(2)
  }
  BLAS.setThreadCount(threads)
  Allocator.retainFreedMemory()
  var rng = SeededGenerator(seed: 3)
  let normal = Distribution1D.normal(mean: 0, sd: 1)
  func draw(_ s: [Int]) -> Variable {
    Variable(normal.tensor(rows: 1, columns: s.reduce(1, *), using: &rng).reshaped(s), requiresGradient: true)
  }
  let x = draw([64, shape.channels, shape.size, shape.size])
  let w = draw(shape.transposed ? [shape.channels, shape.outputs, 4, 4] : [shape.outputs, shape.channels, 4, 4])
  let b = draw([shape.outputs])
  func run() {
    let y = shape.transposed
      ? x.transposedConvolution(weight: w, bias: b, stride: 2, padding: 1)
      : x.convolution(weight: w, bias: b, stride: 2, padding: 1)
    y.backward(seed: Tensor(repeating: 1, shape: y.shape))
    [x, w, b].forEach { $0.zeroGradient() }
  }
  for _ in 0..<5 { run() }
  let times = (0..<30).map { _ in seconds(run) }
  report(["item": "conv", "name": name, "us": String(format: "%.0f", (median(times) ?? .nan) * 1e6)])
}
