import Lessons
import Math
import PropertyBased
import Testing

/// The MSE regressor converges to the conditional mean.
@Suite struct MeanSquaredErrorRegressorTests {
  /// The regressor trained on targets ±a (probability ½) for a constant input lands at the mean.
  @Test func regressorConvergesToTheConditionalMean() async {
    await propertyCheck(count: 5, input: Gen.double(in: 0.5...2), Gen.uint64()) { a, seed in
      var rng = SeededGenerator(seed: seed)
      let n = 256
      let inputs = Tensor(column: [Double](repeating: 0.3, count: n))
      let targets = Tensor(column: (0..<n).map { $0 % 2 == 0 ? a : -a })
      var recipe = MultimodalPredictionRecipe(conditionWidth: 1, targetWidth: 1, hidden: [8], noiseDimension: 1)
      recipe.regressorOptimizer = .adam(learningRate: 0.01)
      let model = try recipe.trainRegressor(conditions: inputs, targets: targets, epochs: 60, using: &rng)
      let expected = conditionalMean(of: [[Float(a)], [Float(-a)]], probabilities: [0.5, 0.5])[0]
      #expect(abs(model.predict(Tensor(column: [0.3])).scalar - expected) < 0.05)
    }
  }

  @Test func conditionalMeanWeighsTheOutcomes() {
    #expect(conditionalMean(of: [[1, 0], [0, 1]], probabilities: [0.25, 0.75]) == [0.25, 0.75])
  }
}
