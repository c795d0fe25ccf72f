@testable import Math
import PropertyBased
import Testing

/// Kernels/DropoutMask.swift: the mask drawn by four streams against the readable
/// `Dropout.nextMask(shape:)`.
@Suite struct DropoutMaskTests {
  /// The same masks, bit for bit, and the stream left in the same place: two masks in a row
  /// from twin layers at a random rate, over shapes small enough for one generator and large
  /// enough for four, whose quarters need not fill the mask.
  @Test func fourStreamMaskIsTheSequentialMask() async {
    await propertyCheck(count: 60, input: Gen.int(in: 1...70), Gen.int(in: 1...70), Gen.uint64()) { r, c, seed in
      var g = SeededGenerator(seed: seed)
      let rate = Float(g.uniform(0.01, 0.9))
      let (fast, readable) = (Dropout(rate: rate, seed: seed), Dropout(rate: rate, seed: seed))
      for call in 1...2 {
        let (a, b) = (fast.nextMaskFromFourStreams(shape: [r, c]), readable.nextMask(shape: [r, c]))
        #expect(a.shape == b.shape && a.scalars.map(\.bitPattern) == b.scalars.map(\.bitPattern),
                "call \(call), \(r)×\(c), rate \(rate)")
      }
      #expect(fast.generator.next() == readable.generator.next())
    }
  }

  /// The layer in training multiplies by the next mask of its stream.
  @Test func layerMultipliesByTheNextMask() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...40), Gen.int(in: 1...40), Gen.uint64()) { r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = Variable(g.tensor(r, c))
      let (layer, twin) = (Dropout(rate: 0.3, seed: seed), Dropout(rate: 0.3, seed: seed))
      for _ in 1...2 {
        #expect(layer(x, training: true).value.scalars.map(\.bitPattern)
                  == (x.value * twin.nextMask(shape: [r, c])).scalars.map(\.bitPattern))
      }
    }
  }
}
