@testable import Math
import PropertyBased
import Testing

/// Kernels/AdamKernel.swift: the fused pass against the readable rule, `Adam.Rule.update`,
/// coordinate by coordinate.
@Suite struct AdamKernelTests {
  static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

  /// `updateAll` leaves every parameter and moment with the bits of `update`, over 1,200 steps
  /// and sizes with and without lanes left after the blocks of eight. After step 20 the even
  /// coordinates get zero gradients (like a dead ReLU's weights), so their moments decay into
  /// the subnormal range, where both flush them.
  @Test func fusedPassIsTheRuleOnEveryCoordinate() async {
    await propertyCheck(count: 12, input: Gen.int(in: 1...40), Gen.uint64()) { count, seed in
      var g = SeededGenerator(seed: seed)
      let learningRate = Float(g.uniform(1e-4, 0.01))
      let (beta1, beta2) = (Float(g.uniform(0.5, 0.9)), Float(g.uniform(0.9, 0.999)))
      var theta = g.tensor(1, count)
      var (m, v) = (Tensor(zeros: [1, count]), Tensor(zeros: [1, count]))
      var (thetaByRule, mByRule, vByRule) = (theta.scalars, m.scalars, v.scalars)
      for step in 1...1200 {
        var gradient = g.tensor(1, count, in: -1...1)
        if step > 20 { for i in stride(from: 0, to: count, by: 2) { gradient[0, i] = 0 } }
        let rule = Adam.Rule(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: 1e-8, step: step)
        rule.updateAll(&theta, firstMoment: &m, secondMoment: &v, gradient: gradient)
        for i in 0..<count {
          rule.update(&thetaByRule[i], firstMoment: &mByRule[i], secondMoment: &vByRule[i], gradient: gradient[0, i])
        }
      }
      #expect(Self.bits(theta.scalars) == Self.bits(thetaByRule))
      #expect(Self.bits(m.scalars) == Self.bits(mByRule))
      #expect(Self.bits(v.scalars) == Self.bits(vByRule))
    }
  }

  /// `Adam.step` is `Rule` of steps 1, 2, … on each parameter with a gradient.
  @Test func stepAppliesTheRuleOfItsStepCount() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...20), Gen.uint64()) { count, seed in
      var g = SeededGenerator(seed: seed)
      let theta = g.parameter(1, count)
      var adam = Adam([theta], learningRate: 0.01, beta1: 0.8, beta2: 0.99)
      var (expected, m, v) = (theta.value.scalars, [Float](repeating: 0, count: count), [Float](repeating: 0, count: count))
      for step in 1...5 {
        let gradient = g.tensor(1, count)
        theta.gradient = gradient
        adam.step()
        let rule = Adam.Rule(learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: adam.epsilon, step: step)
        for i in 0..<count { rule.update(&expected[i], firstMoment: &m[i], secondMoment: &v[i], gradient: gradient[0, i]) }
      }
      #expect(Self.bits(theta.value.scalars) == Self.bits(expected))
    }
  }
}
