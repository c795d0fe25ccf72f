import Dispatch
import Foundation

/// Runs independent jobs (trainings with their own seeds) side by side on the machine's cores
/// and returns their outputs in the order of `inputs`. `progress`, when given, advances by one
/// step as each job finishes.
///
/// The outputs do not depend on how the jobs are scheduled, as long as each job draws only from
/// a generator of its own and changes nothing it shares. Every job runs to its end even when
/// one fails; then the error of the first failing job in the order of `inputs` is thrown, so
/// that too does not depend on scheduling.
///
/// How many threads OpenBLAS uses is the caller's business: a chapter run sets one
/// (`ChapterRun.blasThreads`), so the jobs do not compete for cores.
/// - Throws: `JobFailed`, naming the job and carrying its error.
public func parallelMap<Input: Sendable, Output: Sendable>(
  _ inputs: [Input], progress: ProgressBar? = nil, _ job: @Sendable (Input) throws -> Output
) throws -> [Output] {
  try parallelMap(
    inputs, progress: progress, describe: { ($0 as? CustomStringConvertible)?.description }, job)
}

/// `parallelMap(_:progress:_:)` with the words that name an input in an error.
func parallelMap<Input: Sendable, Output: Sendable>(
  _ inputs: [Input], progress: ProgressBar?, describe: (Input) -> String?,
  _ job: @Sendable (Input) throws -> Output
) throws -> [Output] {
  let results = ResultSlots<Output>(count: inputs.count)
  DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
    let finished = results.set(i, Result { try job(inputs[i]) })
    progress?.update(finished)
  }
  return try results.values.enumerated().map { index, result in
    do { return try result!.get() } catch {
      throw JobFailed(index: index, count: inputs.count, job: describe(inputs[index]), error: error)
    }
  }
}

/// A job of `parallelMap` failed: which one, and why.
///
///     job 7 of 26 (momentum SGD, seed 3): the generator's loss is not finite at step 1200
public struct JobFailed: Error, CustomStringConvertible {
  /// The job's place in the inputs, from 0.
  public let index: Int
  /// How many jobs there were.
  public let count: Int
  /// The job's own description, when its input has one (`CustomStringConvertible`).
  public let job: String?
  /// What the job threw.
  public let error: Error

  public var description: String {
    "job \(index + 1) of \(count)\(job.map { " (\($0))" } ?? ""): \(error)"
  }
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
