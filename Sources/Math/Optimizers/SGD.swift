/// Stochastic gradient descent with (heavy-ball) momentum, as in Algorithm 1 of Goodfellow et
/// al. 2014: v ← μ v − η g, θ ← θ + v. A velocity that decays below the normal range is set to
/// zero (`flushingSubnormals`). With a `MomentumRamp`, μ follows the ramp step by step instead
/// of staying fixed.
public struct SGD: Optimizer {
  public let parameters: [Variable]
  public var learningRate: Float
  /// μ of the next step (set by `ramp` before each step when there is one).
  public var momentum: Float
  /// A schedule for μ, or nil for a fixed μ.
  public var ramp: MomentumRamp?
  /// Steps taken so far.
  public private(set) var steps = 0
  private var velocity: [Tensor]

  public init(_ parameters: [Variable], learningRate: Float, momentum: Float = 0) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.momentum = momentum
    self.velocity = parameters.map { Tensor(zeros: $0.shape) }
  }

  /// SGD whose momentum follows `ramp` (its μ at step 0 first).
  public init(_ parameters: [Variable], learningRate: Float, ramp: MomentumRamp) {
    self.init(parameters, learningRate: learningRate, momentum: ramp.momentum(atStep: 0))
    self.ramp = ramp
  }

  public mutating func step() {
    if let ramp { momentum = ramp.momentum(atStep: steps) }
    steps += 1
    for (i, p) in parameters.enumerated() {
      guard let g = p.gradient else { continue }
      let (mu, eta) = (momentum, learningRate)
      velocity[i] = velocity[i].zipMap(g) { v, gi in flushingSubnormal(mu * v - eta * gi) }
      p.value.add(velocity[i])
      p.gradient = nil
    }
  }
}

/// A momentum that rises linearly from `initial` to `final` over the first `steps` steps and
/// then stays at `final`: μ(t) = initial + (final − initial)·min(t / steps, 1).
///
/// The official MNIST configuration of Goodfellow et al. 2014 (pylearn2's `MomentumAdjustor`
/// with start 1, saturate 250, final_momentum 0.7, from an initial 0.5) raises μ from 0.5 to 0.7
/// over its first 250 epochs, epoch by epoch; here the ramp is counted in optimizer steps.
public struct MomentumRamp: Sendable, Equatable {
  public var initial: Float
  public var final: Float
  /// Steps until μ reaches `final` (≥ 1).
  public var steps: Int

  public init(from initial: Float, to final: Float, over steps: Int) {
    precondition(steps >= 1, "MomentumRamp: steps must be ≥ 1, got \(steps)")
    (self.initial, self.final, self.steps) = (initial, final, steps)
  }

  /// μ at step `t` (0 for the first step).
  public func momentum(atStep t: Int) -> Float {
    initial + (final - initial) * Float(min(Double(t) / Double(steps), 1))
  }
}
