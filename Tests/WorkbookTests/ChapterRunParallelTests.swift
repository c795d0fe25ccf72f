import Foundation
import Math
import Testing
import Workbook

@Suite("A chapter run's jobs side by side")
struct ChapterRunParallelTests {
  /// The sum of `count` draws of `generator`, pausing a random while in between.
  private static func train(_ generator: SeededGenerator, count: Int) -> UInt64 {
    var generator = generator
    return (0..<count).reduce(0) { sum, _ in
      usleep(UInt32(generator.next() % 2_000))
      return sum &+ generator.next()
    }
  }

  @Test("jobs carrying their own streams give the outputs of one-after-the-other, in order")
  func jobsInOrder() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run(["--no-progress"])
    let jobs = (0..<3).flatMap { v in (1...4).map { s in run.generator("sweep/\(v)/\(s)") } }
    let outputs = run.inParallel("sweep", jobs) { Self.train($0, count: 6) }
    #expect(outputs == jobs.map { Self.train($0, count: 6) })
  }

  @Test("a sweep lists every variant at every seed, each job on its named stream")
  func sweepJobs() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run(["--no-progress"])
    let names = ["plain", "remedy"]
    let independent = run.sweep(names, seeds: [3, 1]) { name, seed in "sweep/\(name)/\(seed)" }
    #expect(independent.map(\.variant) == [0, 0, 1, 1])
    #expect(independent.map(\.seed) == [3, 1, 3, 1])
    #expect(independent.map(\.description) == ["plain, seed 3", "plain, seed 1", "remedy, seed 3", "remedy, seed 1"])
    func first(_ job: SweepJob) -> UInt64 {
      var rng = job.rng
      return rng.next()
    }
    var expected = run.generator("sweep/remedy/1")
    #expect(first(independent[3]) == expected.next())
    #expect(Set(independent.map(first)).count == 4)
    let paired = run.sweep(names, seeds: [3, 1]) { _, seed in "ring/\(seed)" }
    #expect(first(paired[0]) == first(paired[2]) && first(paired[1]) == first(paired[3]))
    #expect(first(paired[0]) != first(paired[1]))
  }

  @Test("one special run beside a sweep comes back apart from the sweep's outputs")
  func firstBesideTheJobs() throws {
    let sandbox = try Sandbox()
    defer { try? FileManager.default.removeItem(at: sandbox.folder) }
    let run = try sandbox.run(["--no-progress"])
    let recipe = run.generator("recipe")
    let jobs = (1...5).map { run.generator("seed/\($0)") }
    let (special, sweep) = run.inParallel(
      "trainings", first: { "recipe \(Self.train(recipe, count: 8))" },
      jobs: jobs, each: { Self.train($0, count: 4) })
    #expect(special == "recipe \(Self.train(recipe, count: 8))")
    #expect(sweep == jobs.map { Self.train($0, count: 4) })
    let none = run.inParallel("nothing else", first: { 42 }, jobs: [Int](), each: { $0 })
    #expect(none.first == 42 && none.outputs.isEmpty)
  }
}
