import Lessons
import Math
import PropertyBased
import Testing

@Suite struct FoolingTheDiscriminatorTests {
  /// The input gradient of a small network matches central differences of its logit.
  @Test func inputGradientMatchesFiniteDifferences() async {
    await propertyCheck(count: 20, input: Gen.uint64()) { seed in
      var rng = SeededGenerator(seed: seed)
      let d = Sequential.perceptron([2, 8, 1], hidden: .tanh, using: &rng)
      let x = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 3, columns: 2, using: &rng)
      let g = discriminatorInputGradient(d, at: x)
      let h: Float = 1e-2
      for i in 0..<3 {
        for j in 0..<2 {
          var (up, down) = (x, x)
          up[i, j] += h
          down[i, j] -= h
          let numeric = (d.evaluate(up)[i, 0] - d.evaluate(down)[i, 0]) / (2 * h)
          #expect(abs(g[i, j] - numeric) < 2e-3 + 1e-2 * abs(numeric))
        }
      }
      #expect(d.parameters.allSatisfy { $0.gradient == nil })
    }
  }

  /// A logistic D(x) = σ(x₁) is fooled by walking right: every point ends with D > 0.9.
  @Test func ascentReachesTheThreshold() {
    let d = Sequential(Linear(weight: Tensor(rows: [[1], [0]]), bias: Tensor(rows: [[0]])))
    let start = Tensor(rows: [[-3, 1], [0, 0], [5, -2]])
    let (end, steps) = foolDiscriminator(d, from: start, threshold: 0.9, stepSize: 0.5, maxSteps: 1000)
    #expect(d.evaluate(end).scalars.allSatisfy { sigmoid($0) > 0.9 })
    #expect(steps[2] == 0)
    #expect(end[2, 0] == 5 && end[0, 1] == 1)
  }
}
