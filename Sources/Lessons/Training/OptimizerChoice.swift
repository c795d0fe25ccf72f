import Math

/// An optimizer and its settings, as data: what a recipe names, so that every network it trains
/// gets a fresh optimizer of the same kind (`makeOptimizer(for:)`).
public enum OptimizerChoice: Sendable, Equatable {
  /// Adam (Kingma & Ba 2015) with learning rate η and first-moment decay β₁. β₁ = 0.9 is the
  /// paper's default; adversarial training often uses 0.5 (Radford et al. 2015).
  case adam(learningRate: Float, beta1: Float = 0.9)
  /// Stochastic gradient descent with heavy-ball momentum μ, as in Algorithm 1 of Goodfellow et
  /// al. 2014.
  case sgd(learningRate: Float, momentum: Float = 0)
  /// Stochastic gradient descent whose momentum follows a ramp, as in the official MNIST
  /// configuration of Goodfellow et al. 2014 (μ from 0.5 to 0.7).
  case sgdWithRamp(learningRate: Float, ramp: MomentumRamp)

  /// A fresh optimizer of this kind for `parameters` (zero moments or velocity).
  public func makeOptimizer(for parameters: [Variable]) -> any Optimizer {
    switch self {
    case let .adam(learningRate, beta1): Adam(parameters, learningRate: learningRate, beta1: beta1)
    case let .sgd(learningRate, momentum): SGD(parameters, learningRate: learningRate, momentum: momentum)
    case let .sgdWithRamp(learningRate, ramp): SGD(parameters, learningRate: learningRate, ramp: ramp)
    }
  }
}
