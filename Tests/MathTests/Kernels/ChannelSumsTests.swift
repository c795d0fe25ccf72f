@testable import Math
import PropertyBased
import Testing

/// Batch normalisation's sums four channels at a time (Kernels/ChannelSums.swift) against the
/// readable one-channel loops, bit for bit, over random layouts: channel counts that leave 0 to
/// 3 channels over after the blocks of four, runs of one element (`[batch, features]`) and of
/// many (images).
@Suite struct ChannelSumsTests {
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
}
