import Math
import PropertyBased
import Testing

private func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
}

/// Σᵢ ‖xᵢ − c_{a(i)}‖², pair by pair in Double.
private func directInertia(_ points: Tensor, _ result: KMeans) -> Double {
  result.assignments.enumerated().reduce(0) {
    $0 + squaredDistance(points.row($1.offset), result.centres.row($1.element))
  }
}

@Suite struct KMeansTests {
  /// Four clusters of 50 points in 5 dimensions, each mean 20 out along its own axis (plus
  /// N(0, 1) per coordinate), spread 0.5 around it: the clusters found are the true ones under
  /// some relabelling.
  @Test func recoversWellSeparatedClusters() {
    for seed: UInt64 in 1...5 {
      var rng = SeededGenerator(seed: seed)
      let means = (0..<4).map { label in
        (0..<5).map { axis in Float(rng.normal()) + (axis == label ? 20 : 0) }
      }
      let truth = (0..<200).map { $0 % 4 }
      let points = Tensor(
        rows: truth.map { label in means[label].map { $0 + Float(rng.normal(sd: 0.5)) } })
      let found = KMeans.fit(points, k: 4, using: &rng).assignments
      var relabelling: [Int: Int] = [:]
      for (t, f) in zip(truth, found) { relabelling[t] = relabelling[t] ?? f }
      #expect(
        zip(truth, found).allSatisfy { relabelling[$0] == $1 }, "seed \(seed): a true cluster split"
      )
      #expect(Set(relabelling.values).count == 4, "seed \(seed): two true clusters merged")
    }
  }

  /// The same seeding followed by 0, 1, 2, … Lloyd steps: the inertia never rises (up to the
  /// rounding of centres to Float), and it does fall.
  @Test func inertiaNeverIncreasesFromStepToStep() async {
    await propertyCheck(count: 20, input: Gen.int(in: 2...12), Gen.uint64()) { k, seed in
      var data = SeededGenerator(seed: seed)
      let points = Distribution1D.uniform(low: -1, high: 1).tensor(
        rows: 300, columns: 3, using: &data)
      let inertias = (0...12).map { steps in
        var rng = SeededGenerator(seed: seed ^ 0x5EED)
        let result = KMeans.fit(points, k: k, iterations: steps, using: &rng)
        #expect(result.iterations <= steps)
        #expect(abs(result.inertia - directInertia(points, result)) < 1e-9 * result.inertia)
        return result.inertia
      }
      #expect(
        zip(inertias.dropFirst(), inertias).allSatisfy { $0 <= $1 * (1 + 1e-6) }, "\(inertias)")
      #expect(inertias.last! < inertias.first!, "Lloyd's steps changed nothing: \(inertias)")
    }
  }

  /// Each point is assigned to a centre at its smallest distance among all centres, compared
  /// pair by pair in Double; new points too.
  @Test func assignmentsAreTheNearestCentre() async {
    await propertyCheck(
      count: 30, input: Gen.int(in: 1...60), Gen.int(in: 1...10), Gen.int(in: 1...8), Gen.uint64()
    ) { n, d, k, seed in
      var rng = SeededGenerator(seed: seed)
      let points = Distribution1D.uniform(low: -1, high: 1).tensor(rows: n, columns: d, using: &rng)
      let result = KMeans.fit(points, k: min(k, n), iterations: 5, using: &rng)
      let others = Distribution1D.uniform(low: -1, high: 1).tensor(
        rows: 20, columns: d, using: &rng)
      for (set, assigned) in [
        (points, result.assignments), (others, result.nearestCentres(of: others)),
      ] {
        for i in 0..<set.rows {
          let distances = (0..<result.centres.rows).map {
            squaredDistance(set.row(i), result.centres.row($0))
          }
          #expect(
            distances[assigned[i]] <= distances.min()! + 1e-5,
            "point \(i): \(distances[assigned[i]]) vs \(distances.min()!)")
        }
      }
    }
  }

  /// Points at 0, 1, 10 and 11 and a third centre at 100 that wins none: the other two move to
  /// 0.5 and 10.5, the empty one stays where it was.
  @Test func anEmptyClusterKeepsItsCentre() {
    let points = Tensor(rows: [[0], [1], [10], [11]])
    let result = KMeans.fit(points, startingFrom: Tensor(rows: [[2], [9], [100]]))
    #expect(result.centres == Tensor(rows: [[0.5], [10.5], [100]]))
    #expect(result.assignments == [0, 0, 1, 1])
    #expect(result.inertia == 1)
    #expect(result.iterations == 1, "the second assignment equals the first: converged")
  }

  /// k-means++ picks rows of the data, never one twice while unchosen distinct rows remain; with
  /// fewer distinct rows than k it still returns k rows.
  @Test func plusPlusSeedsAreDistinctRowsOfTheData() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...50), Gen.uint64()) { n, seed in
      var rng = SeededGenerator(seed: seed)
      let points = Distribution1D.uniform(low: -1, high: 1).tensor(rows: n, columns: 4, using: &rng)
      let k = Int.random(in: 1...n, using: &rng)
      let seeds = KMeans.plusPlusSeeds(points, k: k, using: &rng)
      let rows = Set((0..<n).map(points.row))
      let chosen = (0..<k).map(seeds.row)
      #expect(chosen.allSatisfy(rows.contains))
      #expect(Set(chosen).count == k)
    }
    var rng = SeededGenerator(seed: 1)
    let twoRows = Tensor(rows: [[1, 2], [1, 2], [3, 4]])
    #expect(KMeans.plusPlusSeeds(twoRows, k: 3, using: &rng).rows == 3)
  }
}
