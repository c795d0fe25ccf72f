import Dispatch
import Foundation
import Math

/// Runs independent jobs (trainings with their own seeds) side by side on the machine's cores
/// and returns their results in order. OpenBLAS is set to one thread first, so the jobs do not
/// fight over cores; results do not depend on how the jobs are scheduled.
public func parallelMap<Input: Sendable, Output: Sendable>(
  _ inputs: [Input], _ job: @Sendable (Input) throws -> Output
) throws -> [Output] {
  BLAS.setThreadCount(1)
  let results = ResultSlots<Output>(count: inputs.count)
  DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
    results.set(i, Result { try job(inputs[i]) })
  }
  return try results.values.map { try $0!.get() }
}

/// Slots filled by concurrent jobs, one per job, behind a lock.
private final class ResultSlots<Output>: @unchecked Sendable {
  private var slots: [Result<Output, Error>?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ value: Result<Output, Error>) { lock.withLock { slots[i] = value } }
  var values: [Result<Output, Error>?] { lock.withLock { slots } }
}
