import Math
import PropertyBased
import Testing

/// Embeddings: lookup, the scatter-add gradient (repeated labels add) against central
/// differences, and PyTorch's N(0, 1) initialisation.
@Suite struct EmbeddingTests {
  /// `count` labels in 0..<classes; with count > classes some label repeats.
  static func labels(_ count: Int, classes: Int, using g: inout SeededGenerator) -> [Int] {
    (0..<count).map { _ in Int(g.next() % UInt64(classes)) }
  }

  @Test func gradientWithRepeatedLabels() async {
    // More labels than classes, so at least one row of the table is looked up twice.
    await expectGradientsMatch(rows: 1...5, columns: 1...5) { classes, dimensions, g in
      let embedding = Embedding(table: g.tensor(classes, dimensions))
      let labels = Self.labels(classes + Int(g.next() % 4) + 1, classes: classes, using: &g)
      return ([embedding.table], { embedding(labels) })
    }
  }

  @Test func gradientAddsOneRowOfGPerLookup() async {
    await propertyCheck(
      count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.int(in: 1...12), Gen.uint64()
    ) {
      classes, dimensions, batch, seed in
      var g = SeededGenerator(seed: seed)
      let embedding = Embedding(table: g.tensor(classes, dimensions))
      let labels = Self.labels(batch, classes: classes, using: &g)
      let outputGradient = g.tensor(batch, dimensions)
      embedding(labels).backward(seed: outputGradient)
      let gradient = embedding.table.gradient!
      for y in 0..<classes {
        for j in 0..<dimensions {
          let expected = labels.indices.filter { labels[$0] == y }.reduce(0.0) {
            $0 + Double(outputGradient[$1, j])
          }
          #expect(abs(Double(gradient[y, j]) - expected) <= 1e-5 * max(1, abs(expected)))
        }
      }
    }
  }

  @Test func lookupReturnsTheLabelsRows() async {
    await propertyCheck(
      count: 30, input: Gen.int(in: 1...6), Gen.int(in: 1...5), Gen.int(in: 0...8), Gen.uint64()
    ) {
      classes, dimensions, batch, seed in
      var g = SeededGenerator(seed: seed)
      let table = g.tensor(classes, dimensions)
      let embedding = Embedding(table: table)
      let labels = Self.labels(batch, classes: classes, using: &g)
      let rows = embedding(labels).value
      #expect(rows.shape == [batch, dimensions])
      for (k, label) in labels.enumerated() { #expect(rows.row(k) == table.row(label)) }
      #expect(embedding.classes == classes && embedding.dimensions == dimensions)
      #expect(embedding.parameters.count == 1 && embedding.parameters[0] === embedding.table)
    }
  }

  @Test func initialisationIsStandardNormalAndRepeatable() {
    var (g1, g2) = (SeededGenerator(seed: 11), SeededGenerator(seed: 11))
    let embedding = Embedding(classes: 256, dimensions: 256, using: &g1)
    let again = Embedding(classes: 256, dimensions: 256, using: &g2)
    #expect(embedding.table.value == again.table.value)
    #expect(embedding.table.shape == [256, 256] && embedding.table.requiresGradient)
    let w = embedding.table.value.scalars.map(Double.init)
    // Mean within 5 standard errors of 0, variance within 2% of 1 (its standard error is
    // √(2/n) ≈ 0.0055 for n = 65 536).
    #expect(abs(Statistics.mean(w)) < 5 / Double(w.count).squareRoot())
    #expect(abs(Statistics.variance(w) - 1) < 0.02)
    // A normal table has tails: about 0.27% of the draws lie beyond 3 standard deviations.
    let beyondThree = Double(w.filter { abs($0) > 3 }.count) / Double(w.count)
    #expect(beyondThree > 0.0015 && beyondThree < 0.004)
  }
}
