/// Independent trainings side by side on the machine's cores, as a chapter runs its sweeps.
extension ChapterRun {
  /// Runs `work` on each of `jobs` side by side, under one progress bar called `label` that
  /// counts runs, and returns the outputs in the order of `jobs`. A job that throws (a
  /// training that diverged) stops the run (`fail`), naming the bar, the job and the error:
  ///
  ///     chapter-4: error: seeds × variants: job 7 of 24 (…): the generator's loss is not finite at step 1200
  ///
  /// A job is a value that carries everything it needs, its random generator included
  /// (`generator(_:)`), so the outputs do not depend on scheduling (`parallelMap`). Make the
  /// job type `CustomStringConvertible` to have it named in that message.
  ///
  ///     let jobs = seeds.map { seed in (seed, run.generator("seed/\(seed)")) }
  ///     let finalLosses = run.inParallel("seeds", jobs) { seed, rng in … }
  public func inParallel<Job: Sendable, Output: Sendable>(
    _ label: String, _ jobs: [Job], _ work: @Sendable (Job) throws -> Output
  ) -> [Output] {
    let bar = progress(label, total: max(1, jobs.count), unit: "runs")
    defer { bar.finish() }
    do {
      return try parallelMap(jobs, progress: bar, work)
    } catch {
      fail(Attempt(what: label, error: error))
    }
  }

  /// Runs `first` beside the jobs of a sweep: one special training (the run whose figures the
  /// chapter draws) and `each` on every one of `jobs`, all side by side under one progress
  /// bar. The special run is started first, since it is usually the longest. Returns its
  /// output and the jobs' outputs in the order of `jobs`; failures as in
  /// `inParallel(_:_:_:)`, the special run named "first".
  ///
  ///     let (recipeRun, distances) = run.inParallel(
  ///       "trainings", first: { try trainRecipe(rng: recipeRng) },
  ///       jobs: jobs, each: { job in … })
  public func inParallel<First: Sendable, Job: Sendable, Output: Sendable>(
    _ label: String, first: @Sendable () throws -> First, jobs: [Job],
    each work: @Sendable (Job) throws -> Output
  ) -> (first: First, outputs: [Output]) {
    let slots = [Slot<Job>.first] + jobs.map(Slot.job)
    let bar = progress(label, total: slots.count, unit: "runs")
    defer { bar.finish() }
    let produced: [Produced<First, Output>]
    do {
      produced = try parallelMap(slots, progress: bar, describe: \.description) { slot in
        switch slot {
        case .first: .first(try first())
        case .job(let job): .output(try work(job))
        }
      }
    } catch {
      fail(Attempt(what: label, error: error))
    }
    guard case .first(let firstOutput) = produced[0] else {
      fatalError("inParallel: slot 0 is the first run")
    }
    let outputs = produced.dropFirst().map { slot -> Output in
      guard case .output(let output) = slot else {
        fatalError("inParallel: slots after 0 are jobs")
      }
      return output
    }
    return (firstOutput, outputs)
  }
}

/// The special run or one job of `inParallel(_:first:jobs:each:)`.
private enum Slot<Job: Sendable>: Sendable {
  case first
  case job(Job)

  /// How an error names it: "first", or the job's own description.
  var description: String? {
    switch self {
    case .first: "first"
    case .job(let job): (job as? CustomStringConvertible)?.description
    }
  }
}

/// What a slot produced.
private enum Produced<First: Sendable, Output: Sendable>: Sendable {
  case first(First)
  case output(Output)
}
