import Foundation
import Lessons
import Math
import Workbook

/// The value and the gradient of a scalar loss of `logits` against the expected per-logit value
/// and slope (the loss is their mean).
func checkMeanLoss(_ loss: (Variable) -> Variable, value: (Double) -> Double, slope: (Double) -> Double,
                   seed: UInt64, name: String) -> CheckResult {
  var rng = SeededGenerator(seed: seed)
  var worst = WorstCase()
  for _ in 0..<50 {
    let logits = randomTensor([6, 1], -6, 6, using: &rng)
    let a = Variable(logits, requiresGradient: true)
    let l = loss(a)
    l.backward()
    let xs = logits.scalars.map(Double.init)
    let n = Double(xs.count)
    let expected = xs.map(value).reduce(0, +) / n
    worst.record(measured: Double(l.value.scalar), expected: expected, at: "the value at logits \(xs.map(format))", relative: true)
    for (i, x) in xs.enumerated() {
      worst.record(measured: Double(a.gradient?.scalars[i] ?? .nan), expected: slope(x) / n, at: "the gradient in logit a = \(format(x))",
                   relative: true)
    }
  }
  return worst.result(name, tolerance: 1e-4)
}

// MARK: Chapter 4: what goes wrong

let chapter4Checks: [String: @Sendable () -> CheckResult] = [
  "non-saturating-cost.value-and-gradient": {
    checkMeanLoss({ nonSaturatingGeneratorLoss(fakeLogits: $0) },
                  value: { -log(sigma($0)) }, slope: { -(1 - sigma($0)) }, seed: 401,
                  name: "the non-saturating cost −log D(G(z)) = −log σ(a), slope −(1 − σ(a)) (Goodfellow et al. 2014, §3)")
  },
  "non-saturating-cost.strong-when-rejected": {
    // Where D rejects the samples (σ(a) = 0.01) the slope must be near −1, not near 0.
    let a = Variable(Tensor(shape: [1, 1], scalars: [Float(log(0.01 / 0.99))]), requiresGradient: true)
    nonSaturatingGeneratorLoss(fakeLogits: a).backward()
    let slope = Double(a.gradient?.scalars[0] ?? .nan)
    return bound("the non-saturating cost's slope in the logit where D(G(z)) = 0.01", measured: slope, expected: "−0.99 (±0.001)",
                 holds: abs(slope + 0.99) <= 1e-3)
  },
  "mode-census.counts": {
    var rng = SeededGenerator(seed: 402)
    var worst = WorstCase()
    for modes in [4, 8, 12] {
      let ring = RingOfGaussians(modes: modes, radius: 2, sd: 0.1)
      var samples = ring.sample(300, using: &rng).scalars
      samples += (0..<100).flatMap { _ in [Float(rng.uniform(-3, 3)), Float(rng.uniform(-3, 3))] }
      let tensor = Tensor(shape: [400, 2], scalars: samples)
      let census = ring.census(tensor, radius: 0.3, minimumShare: 0.05)
      var expected = Array(repeating: 0, count: modes)
      for i in 0..<400 {
        let (x, y) = (Double(samples[2 * i]), Double(samples[2 * i + 1]))
        let distances = (0..<modes).map { k in hypot(x - ring.center(k).x, y - ring.center(k).y) }
        let nearest = distances.indices.min { distances[$0] < distances[$1] }!
        if distances[nearest] <= 0.3 { expected[nearest] += 1 }
      }
      for k in 0..<modes {
        worst.record(measured: Double(census.counts.indices.contains(k) ? census.counts[k] : -1), expected: Double(expected[k]),
                     at: "mode \(k) of \(modes), radius 0.3")
      }
      worst.record(measured: Double(census.total), expected: 400, at: "the total of \(modes) modes' census")
    }
    return worst.result("each sample counted for its nearest mode when within the radius", tolerance: 0)
  },
]

// MARK: Chapter 5: MSE blurs

let chapter5Checks: [String: @Sendable () -> CheckResult] = [
  "mean-squared-error.value-and-gradient": {
    var rng = SeededGenerator(seed: 501)
    var worst = WorstCase()
    for _ in 0..<50 {
      let (p, t) = (randomTensor([4, 3], using: &rng), randomTensor([4, 3], using: &rng))
      let prediction = Variable(p, requiresGradient: true)
      let loss = meanSquaredError(prediction, t)
      loss.backward()
      let d = zip(p.scalars, t.scalars).map { Double($0) - Double($1) }
      worst.record(measured: Double(loss.value.scalar), expected: d.map { $0 * $0 }.reduce(0, +) / 12, at: "the value", relative: true)
      for i in d.indices {
        worst.record(measured: Double(prediction.gradient?.scalars[i] ?? .nan), expected: 2 * d[i] / 12, at: "the gradient, entry \(i)")
      }
    }
    return worst.result("mean of (prediction − target)², gradient 2(prediction − target)/n", tolerance: 1e-5)
  },
]

// MARK: Chapter 6: convolutions as im2col

let chapter6Checks: [String: @Sendable () -> CheckResult] = [
  "im2col.patches": {
    var rng = SeededGenerator(seed: 601)
    var worst = WorstCase()
    for (batch, channels, h, w, k, stride, padding) in [(2, 3, 5, 6, 3, 1, 1), (1, 2, 7, 7, 4, 2, 1), (3, 1, 4, 4, 2, 2, 0), (1, 1, 6, 5, 5, 1, 2)] {
      let g = ConvolutionGeometry(batch: batch, channels: channels, height: h, width: w, kernelSize: k, stride: stride, padding: padding)
      let x = randomTensor(g.imageShape, using: &rng)
      let columns = x.im2col(g)
      let shape = "\(g.imageShape), kernel \(k), stride \(stride), padding \(padding)"
      worst.record(measured: Double(columns.count), expected: Double(g.patchSize * batch * g.outputPositions), at: "the number of entries for \(shape)")
      guard columns.shape == [g.patchSize, batch * g.outputPositions] else { continue }
      for c in 0..<channels { for ky in 0..<k { for kx in 0..<k { for b in 0..<batch {
        for oy in 0..<g.outputHeight { for ox in 0..<g.outputWidth {
          let (iy, ix) = (oy * stride - padding + ky, ox * stride - padding + kx)
          let inside = iy >= 0 && iy < h && ix >= 0 && ix < w
          let expected = inside ? Double(x.scalars[((b * channels + c) * h + iy) * w + ix]) : 0
          let row = (c * k + ky) * k + kx, column = b * g.outputPositions + oy * g.outputWidth + ox
          worst.record(measured: Double(columns[row, column]), expected: expected,
                       at: "row (c \(c), ky \(ky), kx \(kx)), column (b \(b), oy \(oy), ox \(ox)) for \(shape)")
        } }
      } } } }
    }
    return worst.result("im2col puts pixel x[b, c, oy·s − p + ky, ox·s − p + kx] (0 in the padding) at row (c, ky, kx), column (b, oy, ox)",
                        tolerance: 0)
  },
  "im2col.adjoint": {
    var rng = SeededGenerator(seed: 602)
    var worst = WorstCase()
    for _ in 0..<10 {
      let g = ConvolutionGeometry(batch: 2, channels: 2, height: 6, width: 5, kernelSize: 3, stride: 2, padding: 1)
      let x = randomTensor(g.imageShape, using: &rng)
      let c = randomTensor([g.patchSize, g.batch * g.outputPositions], using: &rng)
      let columns = x.im2col(g)
      guard columns.count == c.count else {
        return bound("im2col's shape", measured: Double(columns.count), expected: "\(c.count) entries", holds: false)
      }
      let left = zip(columns.scalars, c.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
      let right = zip(x.scalars, c.col2im(g).scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
      worst.record(measured: left, expected: right, at: "⟨im2col(x), c⟩ against ⟨x, col2im(c)⟩", relative: true)
    }
    return worst.result("im2col is the adjoint of col2im", tolerance: 1e-5)
  },
]

// MARK: Chapter 7: the conditional input

let chapter7Checks: [String: @Sendable () -> CheckResult] = [
  "generator-input.layout": {
    var rng = SeededGenerator(seed: 701)
    let (z, y) = (randomTensor([4, 3], using: &rng), randomTensor([4, 2], using: &rng))
    let input = generatorInput(noise: z, conditions: y)
    var worst = WorstCase()
    worst.record(measured: Double(input.count), expected: 20, at: "the number of entries")
    if input.shape == [4, 5] {
      for i in 0..<4 {
        for j in 0..<5 {
          worst.record(measured: Double(input[i, j]), expected: Double(j < 3 ? z[i, j] : y[i, j - 3]), at: "row \(i), column \(j)")
        }
      }
    } else { worst.record(measured: Double(input.shape.last ?? 0), expected: 5, at: "the shape \(input.shape) (expected [4, 5])") }
    return worst.result("G's input is [z | y], each row the noise then the condition", tolerance: 0)
  },
  "discriminator-input.layout-and-gradient": {
    var rng = SeededGenerator(seed: 702)
    let (y, xTensor) = (randomTensor([3, 2], using: &rng), randomTensor([3, 4], using: &rng))
    let x = Variable(xTensor, requiresGradient: true)
    let input = discriminatorInput(conditions: y, samples: x)
    var worst = WorstCase()
    if input.shape == [3, 6] {
      for i in 0..<3 {
        for j in 0..<6 {
          worst.record(measured: Double(input.value[i, j]), expected: Double(j < 2 ? y[i, j] : xTensor[i, j - 2]), at: "row \(i), column \(j)")
        }
      }
      input.sum().backward()
      worst.record(measured: Double(x.gradient?.scalars.reduce(0, +) ?? .nan), expected: 12, at: "the gradient reaching the samples (sum of ones)")
    } else { worst.record(measured: Double(input.shape.last ?? 0), expected: 6, at: "the shape \(input.shape) (expected [3, 6])") }
    return worst.result("D's input is [y | x], and the gradient reaches x", tolerance: 1e-6)
  },
]
