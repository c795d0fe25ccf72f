import Dispatch
import Foundation
import Math

/// Runs independent jobs (trainings with their own seeds) side by side on the machine's cores
/// and returns their results in order. OpenBLAS is set to one thread first, so the jobs do not
/// fight over cores; results do not depend on how the jobs are scheduled. `progress`, when
/// given, advances by one step as each job finishes.
public func parallelMap<Input: Sendable, Output: Sendable>(
  _ inputs: [Input], progress: ProgressBar? = nil, _ job: @Sendable (Input) throws -> Output
) throws -> [Output] {
  BLAS.setThreadCount(1)
  let results = ResultSlots<Output>(count: inputs.count)
  DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
    let finished = results.set(i, Result { try job(inputs[i]) })
    progress?.update(finished)
  }
  return try results.values.map { try $0!.get() }
}

/// Slots filled by concurrent jobs, one per job, behind a lock.
private final class ResultSlots<Output>: @unchecked Sendable {
  private var slots: [Result<Output, Error>?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  private var filled = 0
  /// Stores job `i`'s result and returns how many jobs have finished.
  func set(_ i: Int, _ value: Result<Output, Error>) -> Int {
    lock.withLock {
      slots[i] = value
      filled += 1
      return filled
    }
  }
  var values: [Result<Output, Error>?] { lock.withLock { slots } }
}
