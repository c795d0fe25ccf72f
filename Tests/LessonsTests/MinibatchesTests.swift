import Lessons
import Math
import PropertyBased
import Testing

/// An epoch visits every example once in an order drawn up front; pairs stay together; a batch
/// drawn with replacement takes one index after another from the stream.
@Suite struct MinibatchesTests {
  /// Minibatches visit every row exactly once per epoch.
  @Test func minibatchesPartitionTheData() async {
    await propertyCheck(input: Gen.int(in: 1...50), Gen.int(in: 1...9)) { rows, size in
      var rng = SeededGenerator(seed: UInt64(rows * 31 + size))
      let data = Tensor(shape: [rows, 1], scalars: (0..<rows).map(Float.init))
      let batches = Array(minibatches(of: data, size: size, using: &rng))
      #expect(batches.flatMap(\.scalars).sorted() == data.scalars)
      #expect(batches.dropLast().allSatisfy { $0.rows == size })
    }
  }

  /// The epoch's order is the permutation drawn from the stream before any batch is read:
  /// reading the batches draws nothing more.
  @Test func theOrderIsDrawnFirst() {
    var (rng, reference) = (SeededGenerator(seed: 1), SeededGenerator(seed: 1))
    let data = Tensor(shape: [10, 1], scalars: (0..<10).map(Float.init))
    let batches = minibatches(of: data, size: 4, using: &rng)
    let order = reference.permutation(10)
    #expect(batches.flatMap(\.scalars) == order.map(Float.init))
    #expect(rng.next() == reference.next())
  }

  @Test func conditionalPairsStayTogether() {
    var rng = SeededGenerator(seed: 4)
    let pairs = ConditionalPairs(conditions: Tensor(column: (0..<10).map(Double.init)),
                                 targets: Tensor(column: (0..<10).map { Double($0) * 2 }))
    let batches = Array(minibatches(of: pairs, size: 4, using: &rng))
    #expect(batches.map(\.rows) == [4, 4, 2])
    for batch in batches { #expect(zip(batch.conditions.scalars, batch.targets.scalars).allSatisfy { $1 == 2 * $0 }) }
    #expect(Set(batches.flatMap(\.conditions.scalars)).count == 10)
  }

  /// A batch drawn with replacement is `size` uniform indices, drawn one after another.
  @Test func aDrawnBatchTakesOneIndexAfterAnother() {
    var (rng, reference) = (SeededGenerator(seed: 5), SeededGenerator(seed: 5))
    let data = Tensor(shape: [7, 1], scalars: (0..<7).map(Float.init))
    let batch = minibatch(drawnFrom: data, size: 50, using: &rng)
    #expect(batch.scalars == (0..<50).map { _ in Float(Int.random(in: 0..<7, using: &reference)) })
    #expect(rng.next() == reference.next())
    #expect(Set(batch.scalars).count == 7)
  }
}
