import Lessons
import Math
import PropertyBased
import Testing

@Suite struct SaturationTests {
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
}
