import Foundation

/// Adam (Kingma & Ba 2015, Algorithm 1): running averages of the gradient and of its square,
/// corrected for their start at zero, give every coordinate its own step size.
///
/// At step t, for each coordinate with gradient g:
///
///     m ← β₁ m + (1 − β₁) g              (first moment)
///     v ← β₂ v + (1 − β₂) g²             (second moment)
///     m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)
///     θ ← θ − η m̂ / (√v̂ + ε)
///
/// Moments that decay below the normal range are set to zero (`flushingSubnormal`).
public struct Adam: Optimizer {
  public let parameters: [Variable]
  public var learningRate: Float
  public let beta1: Float
  public let beta2: Float
  public let epsilon: Float
  private var firstMoment: [Tensor]
  private var secondMoment: [Tensor]
  private var steps = 0

  public init(_ parameters: [Variable], learningRate: Float = 0.001, beta1: Float = 0.9,
              beta2: Float = 0.999, epsilon: Float = 1e-8) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    firstMoment = parameters.map { Tensor(zeros: $0.shape) }
    secondMoment = parameters.map { Tensor(zeros: $0.shape) }
  }

  /// Step t = 1, 2, …: `Rule.update` on every coordinate of every parameter with a gradient.
  public mutating func step() {
    steps += 1
    let rule = Rule(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, step: steps)
    for (i, p) in parameters.enumerated() {
      guard let g = p.gradient else { continue }
      // `rule.update` on each coordinate, eight at a time (Kernels/AdamKernel.swift).
      rule.updateAll(&p.value, firstMoment: &firstMoment[i], secondMoment: &secondMoment[i], gradient: g)
      p.gradient = nil
    }
  }
}

extension Adam {
  /// Algorithm 1's update of one coordinate at step t, in the order of operations Adam uses.
  ///
  /// The bias corrections are folded into two constants of the step: with
  /// a = η / (1 − β₁ᵗ) and r = 1 / √(1 − β₂ᵗ),
  ///
  ///     θ − η m̂ / (√v̂ + ε) = θ − a m / (√v · r + ε),
  ///
  /// since m̂ = m / (1 − β₁ᵗ) and √v̂ = √v · r. (Equal in exact arithmetic; in `Float` this
  /// order is the definition, and the fast pass follows it bit for bit.)
  public struct Rule: Sendable {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    /// a = η / (1 − β₁ᵗ).
    public let stepSize: Float
    /// r = 1 / √(1 − β₂ᵗ).
    public let inverseRootCorrection: Float

    /// The rule of step `step` (t ≥ 1).
    public init(learningRate: Float, beta1: Float, beta2: Float, epsilon: Float, step: Int) {
      precondition(step >= 1, "Adam.Rule: steps count from 1, got \(step)")
      self.beta1 = beta1
      self.beta2 = beta2
      self.epsilon = epsilon
      stepSize = learningRate / (1 - pow(beta1, Float(step)))
      inverseRootCorrection = 1 / (1 - pow(beta2, Float(step))).squareRoot()
    }

    /// Updates the parameter θ and its moments m and v for the gradient g.
    @inline(__always)
    public func update(_ theta: inout Float, firstMoment m: inout Float, secondMoment v: inout Float,
                       gradient g: Float) {
      m = flushingSubnormal(beta1 * m + (1 - beta1) * g)
      v = flushingSubnormal(beta2 * v + (1 - beta2) * g * g)
      theta -= stepSize * m / (v.squareRoot() * inverseRootCorrection + epsilon)
    }
  }
}
