import Foundation
import PropertyBased
import Testing

@testable import Math

/// The mirror of the border rule, written as its definition reads: reflect at the edge pixel until
/// the position is inside (a one-pixel line reads its pixel everywhere).
private func reflect(_ i: Int, _ n: Int) -> Int {
  guard n > 1 else { return 0 }
  var i = i
  while i < 0 || i >= n { i = i < 0 ? -i : 2 * (n - 1) - i }
  return i
}

private let taps: [Double] = [1, 4, 6, 4, 1].map { $0 / 16 }

/// d by its definition, one output pixel at a time, in Double:
/// d(x)[i, j] = Σ_{s, t} k[s] k[t] x[reflect(2i + s − 2), reflect(2j + t − 2)].
private func downsampleByDefinition(_ x: Tensor) -> Tensor {
  let (batch, channels, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
  let (oh, ow) = ((h + 1) / 2, (w + 1) / 2)
  var y = Tensor(zeros: [batch, channels, oh, ow])
  for plane in 0..<(batch * channels) {
    for i in 0..<oh {
      for j in 0..<ow {
        var sum = 0.0
        for s in 0..<5 {
          for t in 0..<5 {
            let (r, c) = (reflect(2 * i + s - 2, h), reflect(2 * j + t - 2, w))
            sum += taps[s] * taps[t] * Double(x.scalars[(plane * h + r) * w + c])
          }
        }
        y.scalars[(plane * oh + i) * ow + j] = Float(sum)
      }
    }
  }
  return y
}

/// u by its definition: the pixels at the even positions of a grid of zeros, then
/// u(y)[i, j] = gain_h · gain_w · Σ_{s, t} k[s] k[t] z[reflect(i + s − 2), reflect(j + t − 2)],
/// with gain 2 per axis, 1 on an axis of one pixel.
private func upsampleByDefinition(_ y: Tensor, height: Int, width: Int) -> Tensor {
  let (batch, channels, h, w) = (y.shape[0], y.shape[1], y.shape[2], y.shape[3])
  var z = [[Double]](
    repeating: [Double](repeating: 0, count: height * width), count: batch * channels)
  for plane in 0..<(batch * channels) {
    for a in 0..<h {
      for b in 0..<w {
        z[plane][(2 * a) * width + 2 * b] = Double(y.scalars[(plane * h + a) * w + b])
      }
    }
  }
  let gain = (height == 1 ? 1.0 : 2.0) * (width == 1 ? 1.0 : 2.0)
  var x = Tensor(zeros: [batch, channels, height, width])
  for plane in 0..<(batch * channels) {
    for i in 0..<height {
      for j in 0..<width {
        var sum = 0.0
        for s in 0..<5 {
          for t in 0..<5 {
            sum +=
              taps[s] * taps[t]
              * z[plane][reflect(i + s - 2, height) * width + reflect(j + t - 2, width)]
          }
        }
        x.scalars[(plane * height + i) * width + j] = Float(gain * sum)
      }
    }
  }
  return x
}

private func dot(_ a: Tensor, _ b: Tensor) -> Double {
  zip(a.scalars, b.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
}

/// The largest |a − b| over the elements; infinite when the shapes differ.
private func maxAbsoluteDifference(_ a: Tensor, _ b: Tensor) -> Float {
  guard a.shape == b.shape else { return .infinity }
  return zip(a.scalars, b.scalars).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

private func draw(_ range: ClosedRange<Int>, _ generator: inout SeededGenerator) -> Int {
  Int.random(in: range, using: &generator)
}

/// The doubled size of an axis of `n` pixels that halves back to n: 2n − 1 or 2n, at random.
private func doubled(_ n: Int, _ generator: inout SeededGenerator) -> Int {
  2 * n - draw(0...1, &generator)
}

@Suite struct LaplacianPyramidTests {
  // MARK: The border rule

  @Test func mirrorReflectsAtTheEdgePixelWithoutRepeatingIt() {
    let mirrored = { (i: Int, n: Int) in LaplacianPyramid.mirrored(i, count: n) }
    #expect([-2, -1, 0, 4, 5, 6].map { mirrored($0, 5) } == [2, 1, 0, 4, 3, 2])
    #expect([-2, -1, 0, 1, 2, 3].map { mirrored($0, 2) } == [0, 1, 0, 1, 0, 1])
    #expect([-2, -1, 0, 1, 2].map { mirrored($0, 1) } == [0, 0, 0, 0, 0])
    for n in 1...12 {
      for i in -6...(n + 6) { #expect(mirrored(i, n) == reflect(i, n), "position \(i) of \(n)") }
    }
  }

  // MARK: d and u against their definitions

  @Test func downsampleOfACentredPointIsTheMirroredKernel() {
    var x = Tensor(zeros: [1, 1, 5, 5])
    x.scalars[2 * 5 + 2] = 1
    // Along each axis the output pixels 0, 1, 2 read the centre with k[4] + k[0] (once directly,
    // once mirrored at the edge), k[2], k[0] + k[4]: (2 6 2)/16.
    let line: [Float] = [2, 6, 2]
    let expected = Tensor(
      shape: [1, 1, 3, 3], scalars: line.flatMap { a in line.map { a * $0 / 256 } })
    let d = LaplacianPyramid.downsample(x)
    #expect(d.shape == [1, 1, 3, 3])
    #expect(maxAbsoluteDifference(d, expected) < 1e-7, "\(d)")
  }

  @Test func upsampleOfACentredPointIsTheInterpolatingKernel() {
    var y = Tensor(zeros: [1, 1, 3, 3])
    y.scalars[1 * 3 + 1] = 1
    // The point lands at (2, 2) of 5 × 5; along each axis, twice the taps it falls under:
    // 2·(k[0] + k[4]), 2·k[1], 2·k[2], 2·k[3], 2·(k[4] + k[0]) = (1 2 3 2 1)/4.
    let line: [Float] = [1, 2, 3, 2, 1]
    let expected = Tensor(
      shape: [1, 1, 5, 5], scalars: line.flatMap { a in line.map { a * $0 / 16 } })
    let u = LaplacianPyramid.upsample(y, height: 5, width: 5)
    #expect(maxAbsoluteDifference(u, expected) < 1e-7, "\(u)")
  }

  @Test func downsampleEqualsItsDefinition() async {
    await propertyCheck(count: 60, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let shape = [1...3, 1...3, 1...13, 1...13].map { draw($0, &generator) }
      let x = generator.tensor(shape: shape)
      let d = LaplacianPyramid.downsample(x)
      let expected = downsampleByDefinition(x)
      #expect(d.shape == expected.shape && maxAbsoluteDifference(d, expected) < 1e-5, "\(shape)")
    }
  }

  @Test func upsampleEqualsItsDefinition() async {
    await propertyCheck(count: 60, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let shape = [1...3, 1...3, 1...7, 1...7].map { draw($0, &generator) }
      let (height, width) = (doubled(shape[2], &generator), doubled(shape[3], &generator))
      let y = generator.tensor(shape: shape)
      let u = LaplacianPyramid.upsample(y, height: height, width: width)
      let expected = upsampleByDefinition(y, height: height, width: width)
      #expect(
        u.shape == expected.shape && maxAbsoluteDifference(u, expected) < 1e-5,
        "\(shape) → \(height)×\(width)")
    }
  }

  @Test func fashionMNISTHalvesTo14And7() {
    var generator = SeededGenerator(seed: 28)
    let image = generator.tensor(shape: [2, 1, 28, 28])
    #expect(
      LaplacianPyramid.gaussian(image, levels: 2).map(\.shape) == [
        [2, 1, 28, 28], [2, 1, 14, 14], [2, 1, 7, 7],
      ])
    #expect(
      LaplacianPyramid.laplacian(image, levels: 2).map(\.shape) == [
        [2, 1, 28, 28], [2, 1, 14, 14], [2, 1, 7, 7],
      ])
    let seven = generator.tensor(shape: [2, 1, 7, 7])
    #expect(LaplacianPyramid.upsample(seven, height: 14, width: 14).shape == [2, 1, 14, 14])
    #expect(LaplacianPyramid.maximumLevels(height: 28, width: 28) == 5)
    #expect(
      LaplacianPyramid.gaussian(image, levels: 5).map { $0.shape[2] } == [28, 14, 7, 4, 2, 1])
    #expect(LaplacianPyramid.maximumLevels(height: 1, width: 1) == 0)
    #expect(LaplacianPyramid.maximumLevels(height: 1, width: 9) == 4)
  }

  // MARK: The pyramid

  /// Every height and every width from 1 to 33 (the other axis drawn at random), at every number
  /// of levels the size allows.
  @Test func reconstructionIsExactForEverySizeAndLevel() async {
    await propertyCheck(count: 4, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      for size in 1...33 {
        let other = draw(1...33, &generator)
        for (height, width) in [(size, other), (other, size)] {
          let image = generator.tensor(shape: [
            draw(1...3, &generator), draw(2...3, &generator), height, width,
          ])
          for levels in 0...LaplacianPyramid.maximumLevels(height: height, width: width) {
            let pyramid = LaplacianPyramid.laplacian(image, levels: levels)
            #expect(pyramid.count == levels + 1)
            let error = maxAbsoluteDifference(LaplacianPyramid.reconstruct(pyramid), image)
            #expect(error < 1e-5, "\(image.shape), \(levels) levels: error \(error)")
          }
        }
      }
    }
  }

  /// d and u keep a constant, so a constant image's residuals vanish: for every size 1…16 per
  /// axis, odd and even, and every number of levels.
  @Test func aConstantImageHasZeroResiduals() async {
    await propertyCheck(count: 4, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let value = Float(generator.uniform(-3, 3))
      for height in 1...16 {
        for width in 1...16 {
          let image = Tensor(repeating: value, shape: [2, 2, height, width])
          let d = LaplacianPyramid.downsample(image)
          #expect(
            maxAbsoluteDifference(d, Tensor(repeating: value, shape: d.shape)) < 1e-6,
            "d of \(height)×\(width)")
          for (tall, wide) in [
            (2 * height - 1, 2 * width - 1), (2 * height, 2 * width), (2 * height - 1, 2 * width),
          ] {
            let u = LaplacianPyramid.upsample(image, height: tall, width: wide)
            #expect(
              maxAbsoluteDifference(u, Tensor(repeating: value, shape: u.shape)) < 1e-6,
              "u to \(tall)×\(wide)")
          }
          let levels = LaplacianPyramid.maximumLevels(height: height, width: width)
          let pyramid = LaplacianPyramid.laplacian(image, levels: levels)
          for residual in pyramid.dropLast() {
            #expect(
              residual.scalars.allSatisfy { abs($0) < 1e-6 },
              "\(height)×\(width): residual \(residual)")
          }
          #expect(
            maxAbsoluteDifference(
              pyramid.last!, Tensor(repeating: value, shape: pyramid.last!.shape)) < 1e-6)
        }
      }
    }
  }

  /// A smooth image's finest residual holds little of its energy, a noise image's most: h_0 is the
  /// band of the highest frequencies.
  @Test func theFinestResidualIsHighPass() async {
    await propertyCheck(count: 50, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let (height, width) = (draw(24...32, &generator), draw(24...32, &generator))
      // Waves of period 16 to 32 pixels, at random phases and directions.
      var smooth = Tensor(zeros: [1, 1, height, width])
      for _ in 0..<3 {
        let (period, angle) = (generator.uniform(16, 32), generator.uniform(0, .pi))
        let phase = generator.uniform(0, 2 * .pi)
        let (fy, fx) = (2 * .pi * sin(angle) / period, 2 * .pi * cos(angle) / period)
        for i in 0..<height {
          for j in 0..<width {
            smooth.scalars[i * width + j] += Float(cos(fy * Double(i) + fx * Double(j) + phase))
          }
        }
      }
      let noise = generator.tensor(shape: [1, 1, height, width])
      func finestShare(_ image: Tensor) -> Double {
        let h0 = LaplacianPyramid.laplacian(image, levels: 1)[0]
        return dot(h0, h0) / dot(image, image)
      }
      let (smoothShare, noiseShare) = (finestShare(smooth), finestShare(noise))
      #expect(
        smoothShare < 0.05 && noiseShare > 0.5,
        "h_0 holds \(smoothShare) of a smooth image's energy, \(noiseShare) of noise's")
    }
  }

  // MARK: Adjointness

  /// ⟨d x, y⟩ = ¼⟨x, u y⟩ for any y when x is zero on its three outermost rows and columns.
  @Test func dAndUAreAdjointAwayFromTheBorder() async {
    await propertyCheck(count: 60, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let (height, width) = (draw(7...33, &generator), draw(7...33, &generator))
      var x = generator.tensor(shape: [
        draw(1...2, &generator), draw(1...2, &generator), height, width,
      ])
      for plane in 0..<(x.shape[0] * x.shape[1]) {
        for i in 0..<height {
          for j in 0..<width where min(i, j, height - 1 - i, width - 1 - j) < 3 {
            x.scalars[(plane * height + i) * width + j] = 0
          }
        }
      }
      let y = generator.tensor(shape: [x.shape[0], x.shape[1], (height + 1) / 2, (width + 1) / 2])
      let left = dot(LaplacianPyramid.downsample(x), y)
      let right = dot(x, LaplacianPyramid.upsample(y, height: height, width: width)) / 4
      #expect(abs(left - right) <= 1e-5 * max(1, abs(left)), "\(x.shape): \(left) vs \(right)")
    }
  }

  /// At the border the two differ, and only there. For every size up to 12 × 12 the matrices of d
  /// and ¼u are compared entry by entry: every entry where dᵀ and ¼u differ belongs to an input
  /// pixel within distance 2 of the border, and such an entry exists for every size but 2 × 2,
  /// where d = ¼uᵀ. (On an axis of one pixel the gain of u is 1, so ¼u is off by a factor 2
  /// there.) On constant images the gap is exact: ⟨d 1, 1⟩ counts ⌈h/2⌉⌈w/2⌉ pixels, ¼⟨1, u 1⟩
  /// counts hw/4.
  @Test func dAndUDifferAtTheBorder() {
    for height in 1...12 {
      for width in 1...12 {
        let (h, w) = ((height + 1) / 2, (width + 1) / 2)
        func basis(_ index: Int, _ shape: [Int]) -> Tensor {
          var e = Tensor(zeros: shape)
          e.scalars[index] = 1
          return e
        }
        // Column p of d's matrix is d(e_p); column q of u's matrix is u(e_q).
        let dColumns = (0..<(height * width)).map {
          LaplacianPyramid.downsample(basis($0, [1, 1, height, width]))
        }
        let uColumns = (0..<(h * w)).map {
          LaplacianPyramid.upsample(basis($0, [1, 1, h, w]), height: height, width: width)
        }
        var largest: Float = 0
        for p in 0..<(height * width) {
          for q in 0..<(h * w) {
            let gap = abs(dColumns[p].scalars[q] - uColumns[q].scalars[p] / 4)
            largest = max(largest, gap)
            let (i, j) = (p / width, p % width)
            let nearBorder = min(i, j, height - 1 - i, width - 1 - j) < 3
            #expect(
              gap < 1e-6 || nearBorder, "\(height)×\(width): pixel (\(i), \(j)) differs by \(gap)")
          }
        }
        #expect(
          (largest > 1e-3) == (height != 2 || width != 2),
          "\(height)×\(width): largest gap \(largest)")
        let ones = Tensor(repeating: 1, shape: [1, 1, height, width])
        let onesBelow = Tensor(repeating: 1, shape: [1, 1, h, w])
        let gap =
          dot(LaplacianPyramid.downsample(ones), onesBelow)
          - dot(ones, LaplacianPyramid.upsample(onesBelow, height: height, width: width)) / 4
        #expect(
          abs(gap - Double(h * w) + Double(height * width) / 4) < 1e-4,
          "\(height)×\(width): gap \(gap)")
      }
    }
  }

  /// The transposes the gradients use satisfy ⟨d x, y⟩ = ⟨x, dᵀ y⟩ and ⟨u y, x⟩ = ⟨y, uᵀ x⟩ for
  /// every shape, border included.
  @Test func theTransposesAreExactAdjoints() async {
    await propertyCheck(count: 60, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let (height, width) = (draw(1...33, &generator), draw(1...33, &generator))
      let x = generator.tensor(shape: [
        draw(1...2, &generator), draw(1...2, &generator), height, width,
      ])
      let y = generator.tensor(shape: [x.shape[0], x.shape[1], (height + 1) / 2, (width + 1) / 2])
      let d = (
        dot(LaplacianPyramid.downsample(x), y),
        dot(x, LaplacianPyramid.downsampleTransposed(y, height: height, width: width))
      )
      #expect(abs(d.0 - d.1) <= 1e-5 * max(1, abs(d.0)), "d, \(x.shape): \(d.0) vs \(d.1)")
      let u = (
        dot(LaplacianPyramid.upsample(y, height: height, width: width), x),
        dot(y, LaplacianPyramid.upsampleTransposed(x, height: y.shape[2], width: y.shape[3]))
      )
      #expect(
        abs(u.0 - u.1) <= 1e-5 * max(1, abs(u.0)), "u, \(y.shape) → \(x.shape): \(u.0) vs \(u.1)")
    }
  }

  // MARK: Gradients

  @Test func downsampledGradients() async {
    await propertyCheck(count: 30, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let shape = [1...2, 1...2, 1...9, 1...9].map { draw($0, &generator) }
      let x = Variable(generator.tensor(shape: shape), requiresGradient: true)
      #expect(x.downsampled().value == LaplacianPyramid.downsample(x.value))
      let report = GradientCheck().run([x], using: &generator) { x.downsampled() }
      #expect(report.passed, "\(shape): \(report)")
    }
  }

  @Test func upsampledGradients() async {
    await propertyCheck(count: 30, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let shape = [1...2, 1...2, 1...5, 1...5].map { draw($0, &generator) }
      let (height, width) = (doubled(shape[2], &generator), doubled(shape[3], &generator))
      let y = Variable(generator.tensor(shape: shape), requiresGradient: true)
      let forward = LaplacianPyramid.upsample(y.value, height: height, width: width)
      #expect(y.upsampled(height: height, width: width).value == forward)
      let report = GradientCheck().run([y], using: &generator) {
        y.upsampled(height: height, width: width)
      }
      #expect(report.passed, "\(shape) → \(height)×\(width): \(report)")
    }
  }
}
