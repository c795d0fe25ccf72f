import Lessons
import Math
import Testing

@Suite struct RingRunTests {
  func smallRecipe() -> RingGANRecipe {
    var recipe = RingGANRecipe()
    recipe.generatorWidths = [8]
    recipe.discriminatorWidths = [8]
    recipe.training.batchSize = 16
    return recipe
  }
  /// A count that reads the samples: the mean of their first coordinate as "quality".
  func count(_ samples: Tensor) -> ModeCount {
    ModeCount(modesCovered: samples.rows, quality: samples.column(0).reduce(0, +), dominantMode: nil)
  }

  /// Checkpoints every steps / checkpoints steps, the last included; snapshots every fourth.
  @Test func checkpointsAndSnapshots() throws {
    var rng = SeededGenerator(seed: 1)
    let data = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 100, columns: 2, using: &rng)
    let run = try trainOnRing(smallRecipe(), on: data, steps: 40, checkpoints: 8, using: rng, count: count)
    #expect(run.steps == [5, 10, 15, 20, 25, 30, 35, 40])
    #expect(run.modes == Array(repeating: 2000, count: 8))
    #expect(run.snapshots.map(\.step) == [20, 40])
    #expect(run.snapshots.allSatisfy { $0.samples.rows == 600 })
    #expect(run.fooled == nil && run.fooledEarly == nil)
  }

  /// Fooling runs at the early step and at the end, from its own stream: the training and its
  /// measures are the same to the bit with and without it.
  @Test func foolingDoesNotDisturbTraining() throws {
    var rng = SeededGenerator(seed: 2)
    let data = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 100, columns: 2, using: &rng)
    var calls: [UInt64] = []
    let schedule = FoolingSchedule(earlyStep: 3) { d, stream in
      calls.append(stream.next())
      return FoolingExperiment().run(on: d, distancesToData: { _ in [] }, using: &stream)
    }
    let plain = try trainOnRing(smallRecipe(), on: data, steps: 12, checkpoints: 4, using: rng, count: count)
    let fooled = try trainOnRing(smallRecipe(), on: data, steps: 12, checkpoints: 4, using: rng,
                                 fooling: schedule, count: count)
    #expect(calls.count == 2 && calls[0] != calls[1])
    #expect(fooled.fooledEarly != nil && fooled.fooled != nil)
    #expect(plain.quality == fooled.quality)
    #expect(plain.quality.count == 4 && Set(plain.quality).count > 1)
    // The documented order of draws: G and D, the fixed noise, the fooling stream, the minibatches.
    var replay = rng
    let gan = smallRecipe().makeGAN(using: &replay)
    let noise = gan.noiseBatch(2000, using: &replay)
    var foolStream = replay.split()
    #expect(calls[0] == foolStream.next())
    var quality: [Double] = []
    try smallRecipe().train(gan, on: data, steps: 12, using: &replay) { step, g in
      if step % 3 == 0 { quality.append(count(g.generate(noise)).quality) }
    }
    #expect(quality == plain.quality)
  }
}
