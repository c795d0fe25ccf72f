import Lessons
import Math
import Testing

@Suite struct DeadUnitsTests {
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
}
