import Foundation
import Lessons
import Math
import PropertyBased
import Testing

@Suite struct PathologiesTests {
  // MARK: Saturation

  /// The Double slopes agree with back-propagation through `generatorLoss` for every D.
  @Test func costSlopesMatchBackPropagation() async {
    await propertyCheck(input: Gen.double(in: 0.001...0.999)) { d in
      for cost in GeneratorCost.allCases {
        let a = Variable(Tensor(shape: [1, 1], scalars: [Float(logit(d))]), requiresGradient: true)
        generatorLoss(fakeLogits: a, cost: cost).backward()
        #expect(abs(Double(a.gradient!.scalar) - generatorCostSlope(discriminatorOutput: d, cost: cost)) < 1e-5)
        let value = Double(generatorLoss(fakeLogits: Variable(a.value), cost: cost).value.scalar)
        #expect(abs(value - generatorCost(discriminatorOutput: d, cost: cost)) < 1e-4 * max(1, abs(value)))
      }
    }
  }

  /// Goodfellow et al. 2014 §3: at D = 0.01 the slopes are 0.01 and 0.99.
  @Test func theRatioAtDEqualsOnePercentIs99() {
    let ratio = generatorCostSlope(discriminatorOutput: 0.01, cost: .nonSaturating)
      / generatorCostSlope(discriminatorOutput: 0.01, cost: .minimax)
    #expect(abs(ratio - 99) < 1e-9)
  }

  // MARK: Dead units

  /// A layer whose bias pushes every pre-activation below zero is dead under ReLU, alive under
  /// leaky ReLU, and counted as inactive under both.
  @Test func deadUnitsAreCountedOnAProbeBatch() {
    let first = Linear(weight: Tensor(rows: [[1, 0, 0], [0, 1, 0]]), bias: Tensor(rows: [[0.5, -10, 0.5]]))
    let probe = Tensor(rows: [[1, 1], [-0.2, 2], [0.3, -1]])
    for (activation, dead) in [(Activation.relu, 1.0 / 3), (Activation.leakyRelu(slope: 0.2), 0)] {
      let network = Sequential(first, activation, Linear(weight: Tensor(rows: [[1], [1], [1]]), bias: Tensor(rows: [[0]])))
      #expect(abs(deadUnitFraction(of: network, probe: probe) - dead) < 1e-12)
      #expect(abs(inactiveUnitFraction(of: network, probe: probe) - 1.0 / 3) < 1e-12)
    }
  }

  /// Where every hidden ReLU is off, D's logit is flat in x: the generator gets no gradient.
  @Test func aDeadDiscriminatorPassesNoGradient() {
    let d = Sequential(Linear(weight: Tensor(rows: [[1], [1]]), bias: Tensor(rows: [[-100]])), Activation.relu,
                       Linear(weight: Tensor(rows: [[2]]), bias: Tensor(rows: [[0]])))
    #expect(zeroInputGradientFraction(of: d, at: Tensor(rows: [[1, 2], [0, 0]])) == 1)
    let alive = Sequential(Linear(weight: Tensor(rows: [[1], [1]]), bias: Tensor(rows: [[-100]])), Activation.leakyRelu(slope: 0.2),
                           Linear(weight: Tensor(rows: [[2]]), bias: Tensor(rows: [[0]])))
    #expect(zeroInputGradientFraction(of: alive, at: Tensor(rows: [[1, 2], [0, 0]])) == 0)
  }

  // MARK: Fooling D

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

  // MARK: Minibatch discrimination

  /// The layer appends `kernels` columns, and its tensor T gets a gradient.
  @Test func minibatchDiscriminationAppendsKernelColumns() {
    var rng = SeededGenerator(seed: 4)
    let layer = MinibatchDiscrimination(inputs: 5, kernels: 3, kernelDimension: 2, using: &rng)
    let x = Variable(Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 7, columns: 5, using: &rng))
    let y = layer(x, training: true)
    #expect(y.shape == [7, 8])
    #expect(layer.outputs == 8)
    y.sum().backward()
    #expect(layer.tensor.gradient?.shape == [5, 6])
  }

  /// A short run of the ring recipe with minibatch discrimination stays finite.
  @Test func ringRecipeTrains() throws {
    var rng = SeededGenerator(seed: 9)
    var recipe = RingGANRecipe()
    recipe.minibatchDiscrimination = (kernels: 4, dimension: 3)
    let gan = recipe.makeGAN(using: &rng)
    let data = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 100, columns: 2, using: &rng)
    var count = 0
    try recipe.train(gan, on: data, steps: 20, using: &rng) { _, _ in count += 1 }
    #expect(count == 20)
    #expect(gan.sample(10, using: &rng).isFinite)
  }
}
