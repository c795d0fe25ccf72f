import Foundation
import Math
import PropertyBased
import Testing

/// Batch normalisation: gradients against central differences in training and evaluation mode,
/// the statistics of the output, and the running statistics against PyTorch's rule by hand.
@Suite struct BatchNormTests {
  /// A random batch of `shape` whose every channel (axis 1) has a biased standard deviation of
  /// at least `minimumDeviation`: a nearly constant channel makes x̂ so curved in x that a
  /// finite-difference step cannot follow it.
  static func spreadOut(
    _ shape: [Int], minimumDeviation: Double = 0.3, using g: inout SeededGenerator
  ) -> Tensor {
    while true {
      let x = g.tensor(shape: shape)
      if channelStatistics(x).allSatisfy({ $0.variance.squareRoot() >= minimumDeviation }) {
        return x
      }
    }
  }

  /// The mean and biased variance of each channel (axis 1) of `x`, in Double, straight from the
  /// definition.
  static func channelStatistics(_ x: Tensor) -> [(mean: Double, variance: Double)] {
    channelValues(x).map { values in
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
      return (mean, variance)
    }
  }

  /// The elements of each channel (axis 1) of `x`, over every sample and position.
  static func channelValues(_ x: Tensor) -> [[Double]] {
    let (batch, channels) = (x.shape[0], x.shape[1])
    let spatial = x.shape.dropFirst(2).reduce(1, *)
    return (0..<channels).map { c in
      (0..<batch).flatMap { b in
        (0..<spatial).map { s in Double(x.scalars[(b * channels + c) * spatial + s]) }
      }
    }
  }

  /// A random image shape `[batch, channels, height, width]` with height and width in 1...4.
  static func imageShape(_ batch: Int, _ channels: Int, using g: inout SeededGenerator) -> [Int] {
    [batch, channels, Int(g.next() % 4) + 1, Int(g.next() % 4) + 1]
  }

  /// Random γ in ±(0.5...2) and β in −2...2, so a wrong use of either cannot hide behind 1 and 0.
  static func randomizeScaleAndOffset(
    _ scale: Variable, _ offset: Variable, using g: inout SeededGenerator
  ) {
    scale.value = g.tensorAwayFromZero(shape: scale.shape, magnitude: 0.5...2)
    offset.value = g.tensor(shape: offset.shape)
  }

  // MARK: gradients

  @Test func batchNorm1dTrainingGradient() async {
    await expectGradientsMatch(rows: 2...5, columns: 1...4) { batch, features, g in
      let layer = BatchNorm1d(features)
      Self.randomizeScaleAndOffset(layer.scale, layer.offset, using: &g)
      let x = Variable(Self.spreadOut([batch, features], using: &g), requiresGradient: true)
      return ([x, layer.scale, layer.offset], { layer(x, training: true) })
    }
  }

  @Test func batchNorm2dTrainingGradient() async {
    await expectGradientsMatch(rows: 2...5, columns: 1...4) { batch, channels, g in
      let layer = BatchNorm2d(channels)
      Self.randomizeScaleAndOffset(layer.scale, layer.offset, using: &g)
      let shape = Self.imageShape(batch, channels, using: &g)
      let x = Variable(Self.spreadOut(shape, using: &g), requiresGradient: true)
      return ([x, layer.scale, layer.offset], { layer(x, training: true) })
    }
  }

  @Test func batchNorm2dEvaluationGradient() async {
    await expectGradientsMatch(rows: 1...5, columns: 1...4) { batch, channels, g in
      let layer = BatchNorm2d(channels)
      Self.randomizeScaleAndOffset(layer.scale, layer.offset, using: &g)
      // Two training steps move the running statistics away from 0 and 1.
      for _ in 0..<2 {
        _ = layer(Variable(g.tensor(shape: [3, channels, 2, 2], in: -1...3)), training: true)
      }
      let x = Variable(
        g.tensor(shape: Self.imageShape(batch, channels, using: &g)), requiresGradient: true)
      return ([x, layer.scale, layer.offset], { layer(x, training: false) })
    }
  }

  @Test func batchNorm1dEvaluationGradient() async {
    await expectGradientsMatch(rows: 1...5, columns: 1...4) { batch, features, g in
      let layer = BatchNorm1d(features)
      Self.randomizeScaleAndOffset(layer.scale, layer.offset, using: &g)
      _ = layer(Variable(g.tensor(shape: [4, features], in: -1...3)), training: true)
      let x = g.parameter(batch, features)
      return ([x, layer.scale, layer.offset], { layer(x, training: false) })
    }
  }

  // MARK: values

  @Test func trainingOutputHasZeroMeanAndUnitVariancePerChannel() async {
    // γ = 1, β = 0: each channel of the output has mean 0 and biased variance σ²/(σ² + ε),
    // which is 1 up to ε/σ², whatever the scale and the offset of the input. μ is rounded to a
    // Float (relative error 6e-8), which shifts x̂ by up to 6e-8 · |μ|/σ: the tolerance allows
    // three times that on top of 1e-5.
    await propertyCheck(
      count: 60, input: Gen.int(in: 2...8), Gen.int(in: 1...6), Gen.double(in: 0.1...20),
      Gen.double(in: -50...50), Gen.uint64()
    ) { batch, channels, spread, shift, seed in
      var g = SeededGenerator(seed: seed)
      let shape = Self.imageShape(batch, channels, using: &g)
      let x = g.tensor(shape: shape, in: -1...1).map { Float(shift) + Float(spread) * $0 }
      let y = BatchNorm2d(channels)(Variable(x), training: true).value
      #expect(y.shape == x.shape)
      for (input, output) in zip(Self.channelStatistics(x), Self.channelStatistics(y)) {
        let expected = input.variance / (input.variance + 1e-5)
        let rounding = 2e-7 * abs(input.mean) / input.variance.squareRoot()
        #expect(abs(output.mean) < 1e-5 + rounding, "channel mean \(output.mean)")
        #expect(
          abs(output.variance - expected) < 1e-4 + 2 * rounding,
          "variance \(output.variance), expected \(expected)")
      }
    }
  }

  @Test func trainingOutputIsTheDefinition() async {
    // y = γ (x − μ)/√(σ² + ε) + β, element by element, with μ and σ² computed here in Double.
    await propertyCheck(count: 40, input: Gen.int(in: 2...5), Gen.int(in: 1...4), Gen.uint64()) {
      batch, channels, seed in
      var g = SeededGenerator(seed: seed)
      let layer = BatchNorm2d(channels)
      Self.randomizeScaleAndOffset(layer.scale, layer.offset, using: &g)
      let shape = Self.imageShape(batch, channels, using: &g)
      let x = g.tensor(shape: shape)
      let y = layer(Variable(x), training: true).value
      let statistics = Self.channelStatistics(x)
      let spatial = shape[2] * shape[3]
      for i in 0..<x.count {
        let c = (i / spatial) % channels
        let (mean, variance) = statistics[c]
        let expected =
          Double(layer.scale.value.scalars[c]) * (Double(x.scalars[i]) - mean)
          / (variance + 1e-5).squareRoot() + Double(layer.offset.value.scalars[c])
        #expect(abs(Double(y.scalars[i]) - expected) <= 1e-4 * max(1, abs(expected)))
      }
    }
  }

  @Test func runningStatisticsFollowPyTorchsRule() async {
    // After two training batches: running = (1 − 0.1) · running + 0.1 · batch statistic, from
    // mean 0 and variance 1, with the unbiased variance; evaluation then normalises with them.
    await propertyCheck(count: 40, input: Gen.int(in: 2...5), Gen.int(in: 1...4), Gen.uint64()) {
      batch, channels, seed in
      var g = SeededGenerator(seed: seed)
      let layer = BatchNorm2d(channels)
      Self.randomizeScaleAndOffset(layer.scale, layer.offset, using: &g)
      let shape = Self.imageShape(batch, channels, using: &g)
      let first = g.tensor(shape: shape, in: -1...3)
      let second = g.tensor(shape: shape, in: -4...0)
      _ = layer(Variable(first), training: true)
      _ = layer(Variable(second), training: true)

      let m = Double(batch * shape[2] * shape[3])
      var expectedMean = [Double](repeating: 0, count: channels)
      var expectedVariance = [Double](repeating: 1, count: channels)
      for x in [first, second] {
        for (c, (mean, variance)) in Self.channelStatistics(x).enumerated() {
          expectedMean[c] = 0.9 * expectedMean[c] + 0.1 * mean
          expectedVariance[c] = 0.9 * expectedVariance[c] + 0.1 * variance * m / (m - 1)
        }
      }
      for c in 0..<channels {
        #expect(abs(Double(layer.running.mean[c]) - expectedMean[c]) < 1e-5)
        #expect(
          abs(Double(layer.running.variance[c]) - expectedVariance[c]) < 1e-5 * expectedVariance[c])
      }

      // Evaluation uses the running statistics and leaves them alone.
      let (meanBefore, varianceBefore) = (layer.running.mean, layer.running.variance)
      let x = g.tensor(shape: shape)
      let y = layer(Variable(x), training: false).value
      #expect(layer.running.mean == meanBefore && layer.running.variance == varianceBefore)
      let spatial = shape[2] * shape[3]
      for i in 0..<x.count {
        let c = (i / spatial) % channels
        let expected =
          Double(layer.scale.value.scalars[c]) * (Double(x.scalars[i]) - expectedMean[c])
          / (expectedVariance[c] + 1e-5).squareRoot() + Double(layer.offset.value.scalars[c])
        #expect(abs(Double(y.scalars[i]) - expected) <= 1e-4 * max(1, abs(expected)))
      }
    }
  }

  @Test func batchNorm1dNormalisesEachFeatureOverTheBatch() async {
    // A feature's statistics come from its column alone, and the running statistics of one
    // step are 0.1 of the batch's (unbiased) ones on top of 0.9 of the start.
    await propertyCheck(count: 40, input: Gen.int(in: 2...6), Gen.int(in: 1...5), Gen.uint64()) {
      batch, features, seed in
      var g = SeededGenerator(seed: seed)
      let x = g.tensor(batch, features, in: -3...5)
      let layer = BatchNorm1d(features)
      let y = layer(Variable(x), training: true).value
      for j in 0..<features {
        let column = x.column(j)
        let mean = column.reduce(0, +) / Double(batch)
        let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(batch)
        for i in 0..<batch {
          let expected = (column[i] - mean) / (variance + 1e-5).squareRoot()
          #expect(abs(Double(y[i, j]) - expected) <= 1e-4 * max(1, abs(expected)))
        }
        #expect(abs(Double(layer.running.mean[j]) - 0.1 * mean) < 1e-5)
        let unbiased = variance * Double(batch) / Double(batch - 1)
        #expect(
          abs(Double(layer.running.variance[j]) - (0.9 + 0.1 * unbiased)) < 1e-5 * (1 + unbiased))
      }
    }
  }

  @Test func freshLayerInEvaluationDividesByOnePlusEpsilon() async {
    // Running mean 0, variance 1, γ = 1, β = 0 at the start: y = x / √(1 + ε).
    await propertyCheck(count: 20, input: Gen.int(in: 1...5), Gen.int(in: 1...4), Gen.uint64()) {
      batch, channels, seed in
      var g = SeededGenerator(seed: seed)
      let x = g.tensor(shape: Self.imageShape(batch, channels, using: &g))
      let layer = BatchNorm2d(channels)
      let y = layer.evaluate(x)
      let expected = x.map { Float(Double($0) / (1 + 1e-5).squareRoot()) }
      #expect(allClose(y, expected, tolerance: 1e-6))
      #expect(layer.running.mean == Array(repeating: 0, count: channels))
      #expect(layer.running.variance == Array(repeating: 1, count: channels))
    }
  }

  // MARK: structure

  @Test func parametersAndSharedRunningStatistics() {
    let layer = BatchNorm2d(3)
    #expect(
      layer.parameters.count == 2 && layer.parameters[0] === layer.scale
        && layer.parameters[1] === layer.offset)
    #expect(layer.scale.value == Tensor(repeating: 1, shape: [1, 3]))
    #expect(layer.offset.value == Tensor(zeros: [1, 3]))
    #expect(layer.parameterCount == 6 && layer.epsilon == 1e-5 && layer.running.momentum == 0.1)
    // A copy of the layer holds the same running statistics, and training either moves both.
    let copy = layer
    var g = SeededGenerator(seed: 5)
    _ = copy(Variable(g.tensor(shape: [4, 3, 2, 2], in: 1...2)), training: true)
    #expect(layer.running === copy.running)
    #expect(layer.running.mean.allSatisfy { $0 > 0.1 && $0 < 0.2 })
    let features = BatchNorm1d(7)
    #expect(
      features.features == 7 && features.scale.shape == [1, 7] && features.offset.shape == [1, 7])
  }

  @Test func batchNormInAPerceptronTrainsThroughItsGradient() async {
    // Linear → BatchNorm1d → tanh → Linear: gradients reach every parameter through the
    // normalisation.
    await expectGradientsMatch(rows: 3...5, columns: 1...4, GradientCheck(step: 1e-3)) {
      batch, inputs, g in
      // Redrawn until every hidden feature has a standard deviation of at least 0.3 over the
      // batch: a nearly constant feature makes the normalisation too curved to difference.
      var attempts = 0
      while true {
        attempts += 1
        let model = Sequential(
          Linear(inputs, 3, using: &g), BatchNorm1d(3), Activation.tanh, Linear(3, 2, using: &g))
        let x = Variable(g.tensor(batch, inputs, in: -4...4))
        let hidden = Self.channelStatistics(model.layers[0].evaluate(x.value))
        if hidden.allSatisfy({ $0.variance >= 0.09 }) || attempts > 1000 {
          return (model.parameters, { model(x, training: true) })
        }
      }
    }
  }
}
