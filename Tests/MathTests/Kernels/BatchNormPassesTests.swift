@testable import Math
import PropertyBased
import Testing

/// Batch normalisation's fast passes (Kernels/BatchNormPasses.swift) against the readable
/// loops, bit for bit, over random layouts: channel counts that leave 0 to 3 channels over after
/// the blocks of four, runs of one element (`[batch, features]`, which go row by row) and of
/// many (images).
@Suite struct BatchNormPassesTests {
  static func batch(_ generator: inout SeededGenerator) -> (Tensor, ChannelLayout) {
    func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    let shape = [draw(1...5), draw(1...13)] + (draw(0...1) == 0 ? [] : [draw(1...5), draw(1...5)])
    let layout = ChannelLayout(shape, scale: [shape[1]], offset: [shape[1]], caller: "test")
    // Values far from zero mean, so that the variance's two passes matter.
    return (generator.tensor(shape: shape, in: -3...40), layout)
  }

  @Test func statisticsAreTheReadableOnes() async {
    await propertyCheck(count: 300, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let (x, layout) = Self.batch(&generator)
      let (fast, readable) = (BatchStatistics(fourChannelsAtATimeOf: x, layout), BatchStatistics(of: x, layout))
      #expect(fast.mean.map(\.bitPattern) == readable.mean.map(\.bitPattern), "\(x.shape)")
      #expect(fast.variance.map(\.bitPattern) == readable.variance.map(\.bitPattern), "\(x.shape)")
      #expect(fast.count == readable.count)
    }
  }

  @Test func gradientSumsAreTheReadableOnes() async {
    await propertyCheck(count: 300, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      let (g, layout) = Self.batch(&generator)
      let normalized = generator.tensor(shape: g.shape)
      let fast = channelSumsFourAtATime(g, normalized, layout)
      let readable = channelSums(g, normalized, layout)
      #expect(fast.gradient.map(\.bitPattern) == readable.gradient.map(\.bitPattern), "\(g.shape)")
      #expect(fast.gradientTimesNormalized.map(\.bitPattern) == readable.gradientTimesNormalized.map(\.bitPattern),
              "\(g.shape)")
    }
  }

  /// Features: the normalisation and the input gradient row by row.
  @Test func featurePassesAreTheReadableOnes() async {
    await propertyCheck(count: 200, input: Gen.uint64()) { seed in
      var generator = SeededGenerator(seed: seed)
      func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
      let shape = [draw(2...9), draw(1...40)]
      let layout = ChannelLayout(shape, scale: [shape[1]], offset: [shape[1]], caller: "test")
      let x = generator.tensor(shape: shape, in: -3...40)
      let (mean, inverse) = (generator.tensor(shape: [shape[1]]).scalars, generator.tensor(shape: [shape[1]]).scalars)
      let (scale, offset) = (generator.tensor(shape: [shape[1]]), generator.tensor(shape: [shape[1]]))
      let fast = normalizeFeatures(x, mean, inverse, scale, offset, layout)
      let readable = normalize(x, mean, inverse, scale, offset, layout)
      #expect(fast.normalized.scalars.map(\.bitPattern) == readable.normalized.scalars.map(\.bitPattern), "\(shape)")
      #expect(fast.output.scalars.map(\.bitPattern) == readable.output.scalars.map(\.bitPattern), "\(shape)")

      let g = generator.tensor(shape: shape)
      let (factors, totals, projections) = (generator.tensor(shape: [shape[1]]).scalars,
                                            generator.tensor(shape: [shape[1]]).scalars,
                                            generator.tensor(shape: [shape[1]]).scalars)
      let m = Float(shape[0])
      let fastGradient = featureInputGradient(g, fast.normalized, factors: factors, totals: totals,
                                              projections: projections, m: m, layout)
      let readableGradient = inputGradientInTraining(g, fast.normalized, factors: factors, totals: totals,
                                           projections: projections, m: m, layout)
      #expect(fastGradient.scalars.map(\.bitPattern) == readableGradient.scalars.map(\.bitPattern), "\(shape)")
    }
  }
}
