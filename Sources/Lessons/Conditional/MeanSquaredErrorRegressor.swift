import Math

/// The non-adversarial baseline: a network f trained to minimise the mean squared error
/// E‖f(y) − x‖² between its prediction for input y and the target x.
///
/// For each input y the minimiser is the conditional mean: E[‖c − x‖² | y] = ‖c − E[x|y]‖² +
/// E[‖x − E[x|y]‖² | y] is smallest at c = E[x | y]. When x given y has two modes, that mean lies
/// between them — "a pixel-wise average of possible solutions" (course slides).
public struct MeanSquaredErrorRegressor {
  public let network: Sequential

  public init(network: Sequential) { self.network = network }

  /// f(y) for a batch of inputs, in evaluation mode.
  public func predict(_ y: Tensor) -> Tensor { network.evaluate(y) }
}

/// One gradient step on the mean squared error of a minibatch. Returns the loss before the step.
@discardableResult
public func regressionStep(_ model: MeanSquaredErrorRegressor, optimizer: inout some Optimizer,
                           inputs y: Tensor, targets x: Tensor) -> Double {
  let loss = withGradients { meanSquaredError(model.network(Variable(y), training: true), x) }
  optimizer.step()
  return Double(loss)
}

/// The conditional mean the MSE regressor converges to, for a target that is one of `outcomes`
/// with the given `probabilities`: Σ pₖ xₖ (element-wise for images).
public func conditionalMean(of outcomes: [[Float]], probabilities: [Double]) -> [Float] {
  precondition(outcomes.count == probabilities.count && !outcomes.isEmpty,
               "conditionalMean: \(outcomes.count) outcomes, \(probabilities.count) probabilities")
  var mean = [Float](repeating: 0, count: outcomes[0].count)
  for (x, p) in zip(outcomes, probabilities) {
    precondition(x.count == mean.count, "conditionalMean: outcomes of \(mean.count) and \(x.count) values")
    for i in mean.indices { mean[i] += Float(p) * x[i] }
  }
  return mean
}
