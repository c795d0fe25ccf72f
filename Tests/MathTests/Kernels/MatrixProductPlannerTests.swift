import Dispatch
@testable import Math
import Testing

/// Kernels/MatrixProductPlanner.swift: the choice between one call and the tuned way, with a
/// clock the test moves (each way "takes" the time the test says).
@Suite struct MatrixProductPlannerTests {
  final class FakeClock: @unchecked Sendable {
    var nanoseconds: UInt64 = 0
  }

  static let shape = ProductShape(m: 64, n: 128, k: 256, transposeA: false, transposeB: false)

  /// Runs `calls` products of `shape` where one call takes `oneCall(i)` and the tuned way
  /// `tuned(i)` nanoseconds at its i-th run; returns the ways in the order they ran.
  static func run(_ planner: MatrixProductPlanner, _ clock: FakeClock, calls: Int, shape: ProductShape = shape,
                  oneCall: (Int) -> UInt64, tuned: (Int) -> UInt64) -> [MatrixProductPlanner.Way] {
    var ways: [MatrixProductPlanner.Way] = []
    var (oneCallRuns, tunedRuns) = (0, 0)
    for _ in 0..<calls {
      let way = planner.product(
        shape,
        oneCall: { clock.nanoseconds += oneCall(oneCallRuns); oneCallRuns += 1; return MatrixProductPlanner.Way.oneCall },
        tuned: { clock.nanoseconds += tuned(tunedRuns); tunedRuns += 1; return MatrixProductPlanner.Way.tuned })
      ways.append(way)
    }
    return ways
  }

  @Test(arguments: [(10, 7, MatrixProductPlanner.Way.tuned), (7, 10, .oneCall), (9, 9, .oneCall)] as [(UInt64, UInt64, MatrixProductPlanner.Way)])
  func picksTheFasterWayAfterAlternatingTrials(oneCall: UInt64, tuned: UInt64, expected: MatrixProductPlanner.Way) {
    let clock = FakeClock()
    let planner = MatrixProductPlanner(trials: 8) { clock.nanoseconds }
    let ways = Self.run(planner, clock, calls: 30, oneCall: { _ in oneCall }, tuned: { _ in tuned })
    // The trials alternate, one call first; then the faster way (one call on a tie) runs alone.
    #expect(Array(ways.prefix(16)) == (0..<16).map { $0 % 2 == 0 ? .oneCall : .tuned })
    #expect(ways.dropFirst(16).allSatisfy { $0 == expected })
    #expect(planner.choice(for: Self.shape) == expected)
  }

  /// The median decides, not the mean: one slow outlier of one call (a page fault, a preempted
  /// thread) does not hand the shape to a way that is slower every other time.
  @Test func medianIgnoresAnOutlier() {
    let clock = FakeClock()
    let planner = MatrixProductPlanner(trials: 8) { clock.nanoseconds }
    let ways = Self.run(planner, clock, calls: 20, oneCall: { $0 == 0 ? 100_000 : 10 }, tuned: { _ in 12 })
    #expect(planner.choice(for: Self.shape) == .oneCall)
    #expect(ways.suffix(4).allSatisfy { $0 == .oneCall })
    let report = planner.choices()
    #expect(report.count == 1 && report[0].oneCall == 10 && report[0].tuned == 12)
  }

  /// No choice before both ways have their trials; each shape has its own plan.
  @Test func shapesArePlannedApart() {
    let clock = FakeClock()
    let planner = MatrixProductPlanner(trials: 4) { clock.nanoseconds }
    let other = ProductShape(m: 64, n: 256, k: 128, transposeA: false, transposeB: true)
    _ = Self.run(planner, clock, calls: 7, oneCall: { _ in 5 }, tuned: { _ in 1 })
    #expect(planner.choice(for: Self.shape) == nil)
    _ = Self.run(planner, clock, calls: 1, oneCall: { _ in 5 }, tuned: { _ in 1 })
    #expect(planner.choice(for: Self.shape) == .tuned)
    _ = Self.run(planner, clock, calls: 8, shape: other, oneCall: { _ in 1 }, tuned: { _ in 5 })
    #expect(planner.choice(for: other) == .oneCall && planner.choice(for: Self.shape) == .tuned)
  }

  /// Two threads planning one shape at once (as `parallelMap` trains): every call returns its
  /// product, and the plan closes.
  @Test func plansFromTwoThreads() {
    let planner = MatrixProductPlanner(trials: 8)
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
      for i in 0..<500 {
        let value = planner.product(Self.shape, oneCall: { i }, tuned: { i })
        precondition(value == i, "call \(i) returned \(value)")
      }
    }
    #expect(planner.choice(for: Self.shape) != nil)
  }
}
