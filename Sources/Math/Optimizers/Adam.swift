import Foundation

/// Adam (Kingma & Ba 2015, Algorithm 1) with bias-corrected moment estimates:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − η m̂ / (√v̂ + ε).
/// Moments that decay below the normal range are set to zero (`flushingSubnormals`).
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
      // One fused pass over θ, m, v and g, eight lanes at a time.
      let n = g.count
      p.value.scalars.withUnsafeMutableBufferPointer { thetaBuffer in
        firstMoment[i].scalars.withUnsafeMutableBufferPointer { mBuffer in
          secondMoment[i].scalars.withUnsafeMutableBufferPointer { vBuffer in
            g.scalars.withUnsafeBufferPointer { gBuffer in
              let (theta, m, v, g) = (thetaBuffer.baseAddress!, mBuffer.baseAddress!, vBuffer.baseAddress!, gBuffer.baseAddress!)
              let inverseRoot = 1 / rootCorrection2
              var j = 0
              while j + 8 <= n {
                let gj = UnsafeRawPointer(g + j).loadUnaligned(as: SIMD8<Float>.self)
                let mj = flushingSubnormals(b1 * UnsafeRawPointer(m + j).loadUnaligned(as: SIMD8<Float>.self) + (1 - b1) * gj)
                let vj = flushingSubnormals(b2 * UnsafeRawPointer(v + j).loadUnaligned(as: SIMD8<Float>.self) + (1 - b2) * gj * gj)
                let t = UnsafeRawPointer(theta + j).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(m + j).storeBytes(of: mj, as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(v + j).storeBytes(of: vj, as: SIMD8<Float>.self)
                let update = stepSize * mj / (laneSquareRoot(vj) * inverseRoot + eps)
                UnsafeMutableRawPointer(theta + j).storeBytes(of: t - update, as: SIMD8<Float>.self)
                j += 8
              }
              while j < n {
                let gj = g[j]
                m[j] = flushingSubnormal(b1 * m[j] + (1 - b1) * gj)
                v[j] = flushingSubnormal(b2 * v[j] + (1 - b2) * gj * gj)
                theta[j] -= stepSize * m[j] / (v[j].squareRoot() * inverseRoot + eps)
                j += 1
              }
            }
          }
        }
      }
      p.gradient = nil
    }
  }
}
