import Foundation
import Math
import Testing
import Workbook

/// An error shaped like Lessons' `TrainingDiverged`.
private struct Diverged: Error, CustomStringConvertible {
  let step: Int
  var description: String { "the generator's loss is not finite at step \(step)" }
}

/// A job that names itself in errors.
private struct Training: Sendable, CustomStringConvertible {
  let variant: String
  let seed: Int
  var description: String { "\(variant), seed \(seed)" }
}

/// Draws `count` numbers from `generator`, pausing a random while in between, so that jobs
/// finish in an order unrelated to their place.
private func slowDraws(_ generator: SeededGenerator, count: Int, pauses: UInt64) -> [UInt64] {
  var generator = generator
  var pause = SeededGenerator(seed: pauses)
  return (0..<count).map { _ in
    usleep(UInt32(pause.next() % 3_000))
    return generator.next()
  }
}

@Suite("Jobs side by side")
struct ParallelTests {
  @Test("outputs come in the order of the inputs, the same as one after the other")
  func orderedAndIndependentOfScheduling() throws {
    let jobs = (0..<16).map { (SeededGenerator(seed: 2014, stream: "job/\($0)"), UInt64($0)) }
    let serial = jobs.map { slowDraws($0.0, count: 5, pauses: $0.1) }
    for attempt in 0..<3 {
      let parallel = try parallelMap(jobs) {
        slowDraws($0.0, count: 5, pauses: $0.1 &+ UInt64(attempt))
      }
      #expect(parallel == serial)
    }
  }

  @Test("the first failing job in order is reported, naming it and its error")
  func firstFailureInOrder() {
    let jobs = (1...6).map { Training(variant: "momentum SGD", seed: $0) }
    do {
      _ = try parallelMap(jobs) { job -> Int in
        if job.seed == 6 { throw Diverged(step: 1) }
        if job.seed == 4 {
          usleep(20_000)  // finishes last, yet is reported: it comes first in the list
          throw Diverged(step: 1200)
        }
        return job.seed
      }
      Issue.record("no error was thrown")
    } catch let error as JobFailed {
      #expect(error.index == 3)
      #expect(
        error.description
          == "job 4 of 6 (momentum SGD, seed 4): the generator's loss is not finite at step 1200")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("a job without a description is named by its place")
  func undescribedJob() {
    do {
      _ = try parallelMap([(1, 2), (3, 4)]) { pair -> Int in
        if pair.0 == 3 { throw Diverged(step: 7) }
        return pair.1
      }
      Issue.record("no error was thrown")
    } catch {
      #expect("\(error)" == "job 2 of 2: the generator's loss is not finite at step 7")
    }
  }
}
