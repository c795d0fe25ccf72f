@testable import Math
import PropertyBased
import Testing

/// A random small convolution: shapes, kernel size, stride and padding drawn from `seed`.
private struct RandomConvolution {
  let batch, channels, outputChannels, height, width, kernelSize, stride, padding: Int

  init(_ generator: inout SeededGenerator) {
    func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    (batch, channels, outputChannels) = (draw(1...3), draw(1...3), draw(1...3))
    (kernelSize, stride) = (draw(1...4), draw(1...3))
    padding = draw(0...((kernelSize - 1) / 2 + 1))
    let smallest = max(1, kernelSize - 2 * padding)
    height = draw(smallest...(smallest + 4))
    let w = draw(smallest...(smallest + 4))
    let (p, k, s) = (padding, kernelSize, stride)
    let dropped = { (n: Int) in (n + 2 * p - k) % s }
    width = w + (dropped(height) - dropped(w) + s) % s
  }

  var imageShape: [Int] { [batch, channels, height, width] }
  var weightShape: [Int] { [outputChannels, channels, kernelSize, kernelSize] }
  var geometry: ConvolutionGeometry {
    ConvolutionGeometry(imageShape: imageShape, kernelSize: kernelSize, stride: stride, padding: padding)
  }
  /// The output padding with which the transposed convolution returns to height × width: the
  /// rows the strided convolution's floor dropped (the width is drawn to drop as many columns).
  var outputPadding: Int { (height + 2 * padding - kernelSize) % stride }
}

/// The convolution as its definition reads, one output element at a time:
/// y[b, o, oy, ox] = bias[o] + Σ_{c, ky, kx} W[o, c, ky, kx] · x[b, c, oy·s − p + ky, ox·s − p + kx].
private func convolutionByDefinition(_ x: Tensor, _ w: Tensor, _ bias: Tensor?, stride s: Int, padding p: Int) -> Tensor {
  let (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
  let (outputs, k) = (w.shape[0], w.shape[2])
  let (oh, ow) = ((height + 2 * p - k) / s + 1, (width + 2 * p - k) / s + 1)
  var y = Tensor(zeros: [batch, outputs, oh, ow])
  for b in 0..<batch {
    for o in 0..<outputs {
      for oy in 0..<oh {
        for ox in 0..<ow {
          var sum = Double(bias?.scalars[o] ?? 0)
          for c in 0..<channels {
            for ky in 0..<k {
              for kx in 0..<k {
                let (iy, ix) = (oy * s - p + ky, ox * s - p + kx)
                guard iy >= 0 && iy < height && ix >= 0 && ix < width else { continue }
                sum += Double(w.scalars[((o * channels + c) * k + ky) * k + kx])
                  * Double(x.scalars[((b * channels + c) * height + iy) * width + ix])
              }
            }
          }
          y.scalars[((b * outputs + o) * oh + oy) * ow + ox] = Float(sum)
        }
      }
    }
  }
  return y
}

private func dot(_ a: Tensor, _ b: Tensor) -> Double {
  zip(a.scalars, b.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
}

@Suite struct ConvolutionTests {
  @Test func im2colAndOneProductEqualTheDefinition() async {
    await propertyCheck(count: 60, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let c = RandomConvolution(&generator)
      let x = generator.tensor(shape: c.imageShape)
      let w = generator.tensor(shape: c.weightShape)
      let bias = generator.tensor(shape: [c.outputChannels])
      let y = Variable(x).convolution(weight: Variable(w), bias: Variable(bias), stride: c.stride, padding: c.padding)
      let expected = convolutionByDefinition(x, w, bias, stride: c.stride, padding: c.padding)
      #expect(allClose(y.value, expected, tolerance: 1e-5), "\(c)")
    }
  }

  @Test func col2imIsTheAdjointOfIm2col() async {
    await propertyCheck(count: 60, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let g = RandomConvolution(&generator).geometry
      let x = generator.tensor(shape: g.imageShape)
      let columns = generator.tensor(shape: [g.patchSize, g.batch * g.outputPositions])
      let (left, right) = (dot(x.im2col(g), columns), dot(x, columns.col2im(g)))
      #expect(abs(left - right) <= 1e-5 * max(1, abs(left)), "\(g): \(left) vs \(right)")
    }
  }

  /// ⟨conv(x; W), y⟩ = ⟨x, convᵀ(y; W)⟩ for the same kernel, stride and padding: the transposed
  /// convolution is the exact adjoint of the convolution (up to float rounding).
  @Test func transposedConvolutionIsTheAdjointOfConvolution() async {
    await propertyCheck(count: 60, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let c = RandomConvolution(&generator)
      let w = Variable(generator.tensor(shape: c.weightShape))
      let x = generator.tensor(shape: c.imageShape)
      let g = c.geometry
      let y = generator.tensor(shape: [c.batch, c.outputChannels, g.outputHeight, g.outputWidth])
      let forward = Variable(x).convolution(weight: w, stride: c.stride, padding: c.padding).value
      let adjoint = Variable(y).transposedConvolution(weight: w, stride: c.stride, padding: c.padding,
                                                      outputPadding: c.outputPadding).value
      #expect(adjoint.shape == x.shape, "\(c): \(adjoint.shape) vs \(x.shape)")
      let (left, right) = (dot(forward, y), dot(x, adjoint))
      #expect(abs(left - right) <= 1e-5 * max(1, abs(left)), "\(c): \(left) vs \(right)")
    }
  }

  @Test func convolutionGradients() async {
    await propertyCheck(count: 30, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let c = RandomConvolution(&generator)
      let x = Variable(generator.tensor(shape: c.imageShape), requiresGradient: true)
      let w = Variable(generator.tensor(shape: c.weightShape), requiresGradient: true)
      let b = Variable(generator.tensor(shape: [c.outputChannels]), requiresGradient: true)
      let report = GradientCheck().run([x, w, b], using: &generator) {
        x.convolution(weight: w, bias: b, stride: c.stride, padding: c.padding)
      }
      #expect(report.passed, "\(c): \(report)")
    }
  }

  @Test func transposedConvolutionGradients() async {
    await propertyCheck(count: 30, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let c = RandomConvolution(&generator)
      let g = c.geometry
      // The transposed convolution maps the convolution's output size back to its input size.
      let x = Variable(generator.tensor(shape: [c.batch, c.outputChannels, g.outputHeight, g.outputWidth]),
                       requiresGradient: true)
      let w = Variable(generator.tensor(shape: c.weightShape), requiresGradient: true)
      let b = Variable(generator.tensor(shape: [c.channels]), requiresGradient: true)
      let report = GradientCheck().run([x, w, b], using: &generator) {
        x.transposedConvolution(weight: w, bias: b, stride: c.stride, padding: c.padding,
                                outputPadding: c.outputPadding)
      }
      #expect(report.passed, "\(c): \(report)")
    }
  }

  @Test func dcganShapesHalveAndDouble() {
    var generator = SeededGenerator(seed: 1)
    let images = Variable(Tensor(zeros: [2, 1, 28, 28]))
    let down = Conv2d(1, 64, kernelSize: 4, stride: 2, padding: 1, using: &generator)
    let down2 = Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1, using: &generator)
    let up = ConvTranspose2d(128, 64, kernelSize: 4, stride: 2, padding: 1, using: &generator)
    let up2 = ConvTranspose2d(64, 1, kernelSize: 4, stride: 2, padding: 1, using: &generator)
    let coarse = down2(down(images))
    #expect(coarse.shape == [2, 128, 7, 7])
    #expect(up(coarse).shape == [2, 64, 14, 14])
    #expect(up2(up(coarse)).shape == [2, 1, 28, 28])
    #expect(down.parameterCount == 64 * 16 + 64 && up.parameterCount == 128 * 64 * 16 + 64)
  }

  @Test func swappingLeadingAxesTwiceIsTheIdentity() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...4), Gen.int(in: 1...4), Gen.int(in: 1...5), Gen.uint64()) { a, b, n, seed in
      var generator = SeededGenerator(seed: seed)
      let x = generator.tensor(shape: [a, b, n])
      let swapped = x.swappingLeadingAxes()
      #expect(swapped.shape == [b, a, n])
      #expect(swapped.scalars[(1 % b * a + 0) * n] == x.scalars[(0 * b + 1 % b) * n])
      #expect(swapped.swappingLeadingAxes() == x)
    }
  }
}
