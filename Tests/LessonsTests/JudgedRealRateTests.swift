import Lessons
import Math
import Testing
import Workbook

/// The judge takes unseen real images for real as often as unseen real images passed off as
/// samples (it cannot tell them apart), and almost never takes noise for real.
@Suite struct JudgedRealRateTests {
  @Test func realImagesPassAndNoiseDoesNot() throws {
    guard let data = try? FashionMNIST.load(.test) else {
      Issue.record("Fashion-MNIST is not installed (make setup installs dataset-fashion-mnist)")
      return
    }
    var rng = SeededGenerator(seed: 5)
    let real = data.tensor(at: 0..<1000)
    let moreReal = data.tensor(at: 1000..<2000)
    let noise = Distribution1D.uniform(low: -1, high: 1).tensor(rows: 1000, columns: 784, using: &rng).reshaped([1000, 1, 28, 28])
    let realAsSamples = try JudgedRealRate.measure(real: real, samples: moreReal, epochs: 2, using: &rng)
    let noiseAsSamples = try JudgedRealRate.measure(real: real, samples: noise, epochs: 2, using: &rng)
    #expect(abs(realAsSamples.samples - realAsSamples.real) < 0.2,
            "real images as samples: \(realAsSamples.samples) judged real against \(realAsSamples.real)")
    #expect(noiseAsSamples.samples < 0.02 && noiseAsSamples.real > 0.95,
            "noise: \(noiseAsSamples.samples) judged real, real images \(noiseAsSamples.real)")
  }
}
