import Lessons
import Math
import Testing

@Suite struct OptimizerChoiceTests {
  /// Adam's β₁ defaults to the paper's 0.9; the choice's settings reach the optimizer, which
  /// updates exactly the parameters it was made for.
  @Test func choicesMakeTheOptimizersTheyName() throws {
    let parameters = [Variable(Tensor(zeros: [2, 3]), requiresGradient: true)]
    let adam = try #require(OptimizerChoice.adam(learningRate: 0.01).makeOptimizer(for: parameters) as? Adam)
    #expect((adam.learningRate, adam.beta1) == (0.01, 0.9))
    #expect(adam.parameters.map(ObjectIdentifier.init) == parameters.map(ObjectIdentifier.init))
    let gan = try #require(OptimizerChoice.adam(learningRate: 2e-3, beta1: 0.5).makeOptimizer(for: parameters) as? Adam)
    #expect((gan.learningRate, gan.beta1) == (2e-3, 0.5))
    let sgd = try #require(OptimizerChoice.sgd(learningRate: 0.1, momentum: 0.5).makeOptimizer(for: parameters) as? SGD)
    #expect((sgd.learningRate, sgd.momentum) == (0.1, 0.5))
    #expect(try #require(OptimizerChoice.sgd(learningRate: 0.1).makeOptimizer(for: parameters) as? SGD).momentum == 0)
    let ramp = MomentumRamp(from: 0.5, to: 0.7, over: 10)
    let ramped = try #require(OptimizerChoice.sgdWithRamp(learningRate: 0.03, ramp: ramp).makeOptimizer(for: parameters) as? SGD)
    #expect((ramped.learningRate, ramped.momentum, ramped.ramp) == (0.03, 0.5, ramp))
  }
}
