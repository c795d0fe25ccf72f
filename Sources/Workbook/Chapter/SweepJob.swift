import Math

/// One training of a sweep: variant number `variant` of a chapter's list at one `seed`, with the
/// random stream it draws from. A chapter builds the whole sweep with `ChapterRun.sweep` and runs
/// it with `inParallel`.
public struct SweepJob: Sendable, CustomStringConvertible {
  /// The variant's index in the chapter's list.
  public let variant: Int
  /// The variant's name, for messages.
  public let variantName: String
  /// The seed of the sweep this job stands for (a label: the draws come from `rng`).
  public let seed: UInt64
  /// The job's own random stream (`ChapterRun.generator(_:)`).
  public let rng: SeededGenerator

  public var description: String { "\(variantName), seed \(seed)" }
}

extension ChapterRun {
  /// Every variant at every seed, variant by variant, seeds in order: job (v, s) draws from the
  /// run's stream named `stream(variantNames[v], s)`.
  ///
  /// Jobs whose names are equal share their draws. Naming a stream after the seed alone makes
  /// every variant of a seed start from the same numbers, a paired comparison:
  ///
  ///     run.sweep(names, seeds: [1, 2, 3]) { name, seed in "sweep/\(name)/seed \(seed)" }  // independent
  ///     run.sweep(names, seeds: [1, 2, 3]) { _, seed in "ring/seed \(seed)" }              // paired by seed
  public func sweep(_ variantNames: [String], seeds: [UInt64],
                    stream: (_ variantName: String, _ seed: UInt64) -> String) -> [SweepJob] {
    variantNames.enumerated().flatMap { v, name in
      seeds.map { seed in
        SweepJob(variant: v, variantName: name, seed: seed, rng: generator(stream(name, seed)))
      }
    }
  }
}
