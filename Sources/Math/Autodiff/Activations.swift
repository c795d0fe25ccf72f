import Foundation

/// Differentiable element-wise nonlinearities.
extension Variable {
  /// max(0, x). The derivative at 0 is taken as 0.
  public func relu() -> Variable { leakyRelu(slope: 0) }

  /// x for x > 0, slope·x otherwise (Maas et al. 2013; slope 0 is the ReLU).
  public func leakyRelu(slope: Float = 0.2) -> Variable {
    let x = value
    return Variable(x.selectingWherePositive(x, slope: slope), parents: [self]) { g in
      [g.selectingWherePositive(x, slope: slope)]
    }
  }

  /// The logistic function σ(x) = 1 / (1 + e^(−x)); σ' = σ(1 − σ).
  public func sigmoid() -> Variable {
    let y = value.map(Math.sigmoid)
    return Variable(y, parents: [self]) { g in [g.zipMap(y) { gi, yi in gi * yi * (1 - yi) }] }
  }

  /// tanh(x); tanh' = 1 − tanh².
  public func tanh() -> Variable {
    let y = value.map { Foundation.tanh($0) }
    return Variable(y, parents: [self]) { g in [g.zipMap(y) { gi, yi in gi * (1 - yi * yi) }] }
  }

  /// The natural logarithm (inputs must be positive).
  public func log() -> Variable {
    let x = value
    return Variable(x.map { Foundation.log($0) }, parents: [self]) { g in [g.zipMap(x) { $0 / $1 }] }
  }

  /// The exponential.
  public func exp() -> Variable {
    let y = value.map { Foundation.exp($0) }
    return Variable(y, parents: [self]) { g in [g * y] }
  }
}

/// σ(x) = 1 / (1 + e^(−x)), computed without overflow for large |x|.
@inlinable
public func sigmoid(_ x: Float) -> Float {
  x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}

/// σ(x) in Double.
@inlinable
public func sigmoid(_ x: Double) -> Double {
  x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}

extension Tensor {
  /// Element by element, `self` where `x` > 0 and `slope · self` elsewhere: the leaky ReLU
  /// (`self` = x) and its pullback (`self` = the gradient). With a `mask`, `self` is first
  /// multiplied by it: the pullback of dropout then the leaky ReLU, when `x` is the output of
  /// both (where the mask dropped an element, x is 0 and the gradient 0 · g, so either branch
  /// gives the same ±0). Eight lanes at a time: these passes run over every hidden unit of every
  /// step.
  func selectingWherePositive(_ x: Tensor, slope: Float, mask: Tensor? = nil) -> Tensor {
    precondition(shape == x.shape, "leakyRelu: gradient \(shape) and input \(x.shape) differ")
    precondition(mask == nil || mask!.shape == shape, "leakyRelu: mask \(mask!.shape) differs from \(shape)")
    let n = count
    return scalars.withUnsafeBufferPointer { source in
      x.scalars.withUnsafeBufferPointer { sign in
        Tensor.withScalarsIfAny(of: mask) { m in
          Tensor(shape: shape) { target in
            guard n > 0 else { return }
            let (a, s, y) = (source.baseAddress!, sign.baseAddress!, target.baseAddress!)
            let (zero, slopes) = (SIMD8<Float>(), SIMD8<Float>(repeating: slope))
            var i = 0
            while i + 8 <= n {
              var ai = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
              if let m { ai *= UnsafeRawPointer(m + i).loadUnaligned(as: SIMD8<Float>.self) }
              let positive = UnsafeRawPointer(s + i).loadUnaligned(as: SIMD8<Float>.self) .> zero
              UnsafeMutableRawPointer(y + i).storeBytes(of: (slopes * ai).replacing(with: ai, where: positive), as: SIMD8<Float>.self)
              i += 8
            }
            while i < n {
              let ai = m.map { a[i] * $0[i] } ?? a[i]
              y[i] = s[i] > 0 ? ai : slope * ai
              i += 1
            }
          }
        }
      }
    }
  }
}
