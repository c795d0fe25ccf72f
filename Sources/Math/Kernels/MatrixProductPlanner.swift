#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Synchronization

/// Chooses, for each product shape that has a `TunedProduct`, between one `cblas_sgemm` call and
/// the tuned way, by timing both on the running machine.
///
/// The first 2 · `trials` products of a shape alternate between the two ways, one call first,
/// each timed; once both have `trials` times, the way with the lower median time computes every
/// later product of that shape (one call on a tie). The two ways give the same bits, so the
/// products computed while timing are used as they are. Safe to call from several threads
/// (`parallelMap` trains on two): the plans sit behind a lock, held only to look a plan up or
/// to record a time.
final class MatrixProductPlanner: Sendable {
  enum Way: Sendable, Equatable {
    case oneCall, tuned
  }

  /// The planner `Tensor.matmul` uses, timing with the monotonic clock.
  static let shared = MatrixProductPlanner()

  /// Timed products of each way per shape before the choice.
  let trials: Int
  /// Nanoseconds from a fixed origin, never decreasing.
  private let now: @Sendable () -> UInt64
  /// The plans of the shapes seen so far, in the order they were first seen: few shapes occur
  /// (a network's layers times its batch sizes), so a linear search is quicker than hashing.
  private let plans = Mutex<[(shape: ProductShape, plan: Plan)]>([])

  init(trials: Int = 8, now: @escaping @Sendable () -> UInt64 = MatrixProductPlanner.monotonicNanoseconds) {
    precondition(trials > 0, "MatrixProductPlanner: trials must be positive, got \(trials)")
    self.trials = trials
    self.now = now
  }

  /// The product of `shape` computed by `oneCall` or `tuned`, whichever the plan says (and
  /// timed while the plan is still open). The two must compute the same thing.
  func product<Result>(_ shape: ProductShape, oneCall: () -> Result, tuned: () -> Result) -> Result {
    let (way, timed) = plans.withLock { plans in
      guard let i = plans.firstIndex(where: { $0.shape == shape }) else {
        plans.append((shape, Plan()))
        return (plans[plans.count - 1].plan.nextTrial(), true)
      }
      if let chosen = plans[i].plan.chosen { return (chosen, false) }
      return (plans[i].plan.nextTrial(), true)
    }
    guard timed else { return way == .oneCall ? oneCall() : tuned() }
    let start = now()
    let result = way == .oneCall ? oneCall() : tuned()
    let elapsed = now() &- start
    plans.withLock { plans in
      let i = plans.firstIndex { $0.shape == shape }!
      plans[i].plan.record(elapsed, of: way, trials: trials)
    }
    return result
  }

  /// The way chosen for `shape`; nil while its trials run or before its first product.
  func choice(for shape: ProductShape) -> Way? {
    plans.withLock { plans in plans.first { $0.shape == shape }?.plan.chosen }
  }

  /// Every shape chosen so far with its way and the median nanoseconds of the two ways.
  func choices() -> [(shape: ProductShape, way: Way, oneCall: UInt64, tuned: UInt64)] {
    plans.withLock { plans in
      plans.compactMap { shape, plan in
        plan.chosen.map { (shape, $0, Plan.median(plan.oneCallTimes), Plan.median(plan.tunedTimes)) }
      }
    }
  }

  /// The state of one shape: the times measured so far, then the choice.
  private struct Plan {
    var chosen: Way?
    var oneCallTimes: [UInt64] = []
    var tunedTimes: [UInt64] = []
    private var trialsStarted = 0

    /// The way of the next timed product: one call and the tuned way in turn.
    mutating func nextTrial() -> Way {
      defer { trialsStarted += 1 }
      return trialsStarted % 2 == 0 ? .oneCall : .tuned
    }

    mutating func record(_ nanoseconds: UInt64, of way: Way, trials: Int) {
      guard chosen == nil else { return }
      switch way {
      case .oneCall: oneCallTimes.append(nanoseconds)
      case .tuned: tunedTimes.append(nanoseconds)
      }
      if oneCallTimes.count >= trials && tunedTimes.count >= trials {
        chosen = Plan.median(tunedTimes) < Plan.median(oneCallTimes) ? .tuned : .oneCall
      }
    }

    /// The median (the upper one of an even count).
    static func median(_ times: [UInt64]) -> UInt64 {
      times.isEmpty ? 0 : times.sorted()[times.count / 2]
    }
  }

  /// Nanoseconds of the system's monotonic clock (`CLOCK_MONOTONIC`).
  @Sendable static func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }
}
