import Math
import PropertyBased
import Testing

@Suite struct NearestNeighboursTests {
  @Test func theProductFindsWhatComparingEveryPairFinds() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...40), Gen.int(in: 1...50), Gen.int(in: 1...20), Gen.uint64()) { n, m, d, seed in
      var rng = SeededGenerator(seed: seed)
      let queries = Distribution1D.uniform(low: -1, high: 1).tensor(rows: n, columns: d, using: &rng)
      let references = Distribution1D.uniform(low: -1, high: 1).tensor(rows: m, columns: d, using: &rng)
      let found = nearestNeighbours(of: queries, in: references, blockSize: 7)
      for i in 0..<n {
        let distances = (0..<m).map { j in
          zip(queries.row(i), references.row(j)).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        }
        let best = distances.min()!
        #expect(abs(found[i].distance - best) < 1e-5, "query \(i): \(found[i].distance) vs \(best)")
        #expect(abs(distances[found[i].index] - found[i].distance) < 1e-12)
      }
    }
  }

  @Test func aCopyIsAtDistanceZeroExactly() {
    var rng = SeededGenerator(seed: 3)
    let references = Distribution1D.uniform(low: -1, high: 1).tensor(rows: 30, columns: 784, using: &rng)
    let queries = references.gatheringRows([4, 17, 29])
    let found = nearestNeighbours(of: queries, in: references)
    #expect(found.map(\.index) == [4, 17, 29])
    #expect(found.map(\.distance) == [0, 0, 0])
  }
}
