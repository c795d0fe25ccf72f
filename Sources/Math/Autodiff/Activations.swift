import Foundation

/// Differentiable element-wise nonlinearities.
extension Variable {
  /// max(0, x). The derivative at 0 is taken as 0.
  public func relu() -> Variable { leakyRelu(slope: 0) }

  /// x for x > 0, slope·x otherwise (Maas et al. 2013; slope 0 is the ReLU). The derivative
  /// is 1 where x > 0 and `slope` elsewhere.
  public func leakyRelu(slope: Float = 0.2) -> Variable {
    let x = value
    return Variable(x.map { Math.leakyRelu($0, slope: slope) }, parents: [self]) { g in
      [g.zipMap(x) { gi, xi in xi > 0 ? gi : slope * gi }]
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

/// x for x > 0, slope·x otherwise: the leaky ReLU (the ReLU for slope 0).
@inlinable
public func leakyRelu(_ x: Float, slope: Float) -> Float {
  x > 0 ? x : slope * x
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
