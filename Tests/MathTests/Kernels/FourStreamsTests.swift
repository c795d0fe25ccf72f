@testable import Math
import PropertyBased
import Testing

/// Kernels/FourStreams.swift: four generators in the lanes of a vector against the readable
/// `SeededGenerator.next()`.
@Suite struct FourStreamsTests {
  @Test func laneJIsGeneratorJ() async {
    await propertyCheck(count: 20, input: Gen.uint64(), Gen.uint64(), Gen.uint64(), Gen.uint64()) { a, b, c, d in
      var generators = [a, b, c, d].map(SeededGenerator.init(seed:))
      var streams = FourStreams(generators[0], generators[1], generators[2], generators[3])
      for draw in 0..<1000 {
        let lanes = streams.next()
        for j in 0..<4 {
          let expected = generators[j].next()
          if lanes[j] != expected { Issue.record("draw \(draw), lane \(j): \(lanes[j]), expected \(expected)"); return }
        }
      }
    }
  }

  /// The generic step on a single word is `next()` too (the same function drives the lanes).
  @Test func genericStepOnOneWordIsNext() async {
    await propertyCheck(count: 20, input: Gen.uint64()) { seed in
      var g = SeededGenerator(seed: seed)
      var state = g.state
      for _ in 0..<100 { #expect(xoshiro256StarStar(&state) == g.next()) }
    }
  }
}
