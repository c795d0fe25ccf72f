import Lessons
import Math
import Testing

@Suite struct FoolingExperimentTests {
  /// A logistic D(x) = σ(x₁) rejects exactly the points with x₁ < 0; every one of them can walk
  /// right past σ⁻¹(0.9) ≈ 2.2 within the step budget.
  let logistic = Sequential(Linear(weight: Tensor(rows: [[1], [0]]), bias: Tensor(rows: [[0]])))

  @Test func rejectedPointsClimbPastTheThreshold() {
    var rng = SeededGenerator(seed: 3)
    let experiment = FoolingExperiment()
    let fooling = experiment.run(on: logistic, distancesToData: { p in (0..<p.rows).map { Double(p[$0, 0]) } }, using: &rng)
    #expect(fooling.start.rows == experiment.maxStarts)
    #expect((0..<fooling.start.rows).allSatisfy { fooling.start[$0, 0] < 0 })
    #expect(fooling.share == 1)
    #expect(fooling.distance > 2.19 && fooling.distance < 2.4)
    #expect(fooling.discriminatorMap.count == experiment.mapSide * experiment.mapSide)
    // Row-major from the lower-left cell, x₁ fastest: the first cell is at x₁ = −5 + 5/60.
    #expect(abs(fooling.discriminatorMap[0] - sigmoid(-5 + 5.0 / 60)) < 1e-6)
    #expect(fooling.discriminatorMap[experiment.mapSide - 1] > 0.99)
  }

  /// A D that accepts everything leaves nothing to climb: share 0, no distance.
  @Test func nothingRejectedNothingFooled() {
    var rng = SeededGenerator(seed: 3)
    let accepting = Sequential(Linear(weight: Tensor(rows: [[0], [0]]), bias: Tensor(rows: [[5]])))
    let fooling = FoolingExperiment().run(on: accepting, distancesToData: { _ in [0] }, using: &rng)
    #expect(fooling.start.rows == 0 && fooling.share == 0 && fooling.distance.isNaN)
  }

  /// The experiment draws only its candidates from the stream.
  @Test func drawsOnlyTheCandidates() {
    var (a, b) = (SeededGenerator(seed: 5), SeededGenerator(seed: 5))
    var experiment = FoolingExperiment()
    experiment.candidates = 50
    _ = experiment.run(on: logistic, distancesToData: { _ in [] }, using: &a)
    _ = Distribution1D.normal(mean: 0, sd: 1.5).tensor(rows: 50, columns: 2, using: &b)
    #expect(a.next() == b.next())
  }
}
