import Foundation

/// Adam (Kingma & Ba 2015, Algorithm 1) with bias-corrected moment estimates:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η m̂ / (√v̂ + ε).
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

  public mutating func step() {
    steps += 1
    let (b1, b2, eps) = (beta1, beta2, epsilon)
    let correction1 = 1 - pow(b1, Float(steps))
    let correction2 = 1 - pow(b2, Float(steps))
    let stepSize = learningRate / correction1
    let rootCorrection2 = correction2.squareRoot()
    for (i, p) in parameters.enumerated() {
      guard let g = p.gradient else { continue }
      // One fused pass over θ, m, v and g.
      p.value.scalars.withUnsafeMutableBufferPointer { theta in
        firstMoment[i].scalars.withUnsafeMutableBufferPointer { m in
          secondMoment[i].scalars.withUnsafeMutableBufferPointer { v in
            g.scalars.withUnsafeBufferPointer { g in
              for j in theta.indices {
                m[j] = b1 * m[j] + (1 - b1) * g[j]
                v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j]
                theta[j] -= stepSize * m[j] / (v[j].squareRoot() / rootCorrection2 + eps)
              }
            }
          }
        }
      }
      p.gradient = nil
    }
  }
}
