import Foundation
import Lessons
import Math
import Testing

@Suite struct EarlySaturationTests {
  /// Eight tight clusters on a circle of radius 2, far from where an untrained G puts its samples.
  func ring(using rng: inout SeededGenerator) -> Tensor {
    let noise = Distribution1D.normal(mean: 0, sd: 0.02).tensor(rows: 400, columns: 2, using: &rng)
    return Tensor(rows: (0..<400).map { i in
      let angle = 2 * Double.pi * Double(i % 8) / 8
      return [Float(2 * cos(angle)) + noise[i, 0], Float(2 * sin(angle)) + noise[i, 1]]
    })
  }

  /// Without pretraining the pair is the recipe's fresh pair; with it, D rejects G's samples.
  @Test func pretrainingMakesDConfident() {
    var rng = SeededGenerator(seed: 6)
    let data = ring(using: &rng)
    let recipe = RingGANRecipe()
    var fresh = rng
    let expected = recipe.makeGAN(using: &fresh)
    let (untouched, after) = confidentStart(recipe, data: data, pretraining: 0, stream: rng)
    #expect(checksum(untouched.discriminator.parameters) == checksum(expected.discriminator.parameters))
    var (a, b) = (after, fresh)
    #expect(a.next() == b.next())
    let (confident, confidentRng) = confidentStart(recipe, data: data, pretraining: 300, stream: rng)
    var probeRng = confidentRng
    let probe = confident.noiseBatch(200, using: &probeRng)
    #expect(Statistics.mean(confident.discriminate(confident.generate(probe))) < 0.05)
    #expect(Statistics.mean(untouched.discriminate(untouched.generate(probe))) > 0.2)
  }

  /// Both costs start from the same pair: one curve of steps + 1 values each, the same first value.
  @Test func bothCostsShareTheStart() throws {
    var rng = SeededGenerator(seed: 6)
    let data = ring(using: &rng)
    var recipe = RingGANRecipe()
    recipe.training.optimizer = .sgd(learningRate: 0.05, momentum: 0.5)
    let (curves, dBefore) = try earlyTrainingCurves(recipe, data: data, pretraining: 10, steps: 5, stream: rng) {
      Double($0.column(0).reduce(0, +))
    }
    #expect(curves.count == GeneratorCost.allCases.count)
    #expect(curves.values.allSatisfy { $0.count == 6 })
    #expect(curves[.minimax]![0] == curves[.nonSaturating]![0])
    #expect(curves[.minimax]![5] != curves[.nonSaturating]![5])
    #expect((0...1).contains(dBefore))
  }
}
