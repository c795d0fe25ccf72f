/// Stochastic gradient descent with (heavy-ball) momentum, as in Algorithm 1 of Goodfellow et
/// al. 2014: v ← μ v − η g, θ ← θ + v. A velocity that decays below the normal range is set to
/// zero (`flushingSubnormals`).
public struct SGD: Optimizer {
  public let parameters: [Variable]
  public var learningRate: Float
  public var momentum: Float
  private var velocity: [Tensor]

  public init(_ parameters: [Variable], learningRate: Float, momentum: Float = 0) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.momentum = momentum
    self.velocity = parameters.map { Tensor(zeros: $0.shape) }
  }

  public mutating func step() {
    for (i, p) in parameters.enumerated() {
      guard let g = p.gradient else { continue }
      let (mu, eta) = (momentum, learningRate)
      velocity[i] = velocity[i].zipMap(g) { v, gi in flushingSubnormal(mu * v - eta * gi) }
      p.value.add(velocity[i])
      p.gradient = nil
    }
  }
}
