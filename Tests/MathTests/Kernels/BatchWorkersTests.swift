@testable import Math
import PropertyBased
import Testing

/// Batch normalisation shares whole channels between the batch workers (alone and fused with
/// the rectifier after it), so its outputs and gradients are the same, bit for bit, with any
/// number of workers.
@Suite(.serialized) struct BatchWorkersTests {
  @Test func batchNormalizationIsTheSameWithSeveralWorkers() async {
    await propertyCheck(count: 30, input: Gen.uint64(), Gen.int(in: 2...4)) { seed, workers in
      var generator = SeededGenerator(seed: seed)
      let (batch, channels, side) = (Int.random(in: 2...5, using: &generator), Int.random(in: 1...9, using: &generator),
                                     Int.random(in: 1...5, using: &generator))
      let x = generator.tensor(shape: [batch, channels, side, side])
      let (scale, offset) = (generator.tensor(shape: [1, channels]), generator.tensor(shape: [1, channels]))
      let seedGradient = generator.tensor(shape: x.shape)
      func run() -> [[UInt32]] {
        [nil, Float(0), Float(0.2)].flatMap { (slope: Float?) -> [[UInt32]] in
          let (xv, s, o) = (Variable(x, requiresGradient: true), Variable(scale, requiresGradient: true),
                            Variable(offset, requiresGradient: true))
          let (y, statistics) = slope.map { xv.batchNormalized(scale: s, offset: o, epsilon: 1e-5, rectifyingWithSlope: $0) }
            ?? xv.batchNormalized(scale: s, offset: o)
          y.backward(seed: seedGradient)
          return [y.value, xv.gradient!, s.gradient!, o.gradient!].map { $0.scalars.map(\.bitPattern) }
            + [statistics.mean.map(\.bitPattern), statistics.variance.map(\.bitPattern)]
        }
      }
      let alone = run()
      BatchWorkers.set(workers)
      let shared = run()
      BatchWorkers.set(1)
      #expect(shared == alone, "\(workers) workers, shape \(x.shape)")
    }
  }
}
