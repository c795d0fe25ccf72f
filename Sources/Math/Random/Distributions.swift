import Foundation

/// Samplers for the distributions the texts use: uniform and normal noise priors, Student-t
/// (the heavy-tailed prior of lecture 6), Gamma (for Student-t), categorical and mixtures.
extension RandomNumberGenerator {
  /// A uniform draw from [0, 1) with 53 random bits.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform draw from [low, high).
  public mutating func uniform(_ low: Double, _ high: Double) -> Double {
    low + (high - low) * uniform()
  }

  /// A draw from N(mean, sd²) by the Box–Muller transform.
  public mutating func normal(mean: Double = 0, sd: Double = 1) -> Double {
    var u = uniform()
    while u <= 0 { u = uniform() }
    let v = uniform()
    return mean + sd * (-2 * Foundation.log(u)).squareRoot() * cos(2 * .pi * v)
  }

  /// A draw from Gamma(shape k, scale 1) by Marsaglia & Tsang (2000); k > 0.
  public mutating func gamma(shape k: Double) -> Double {
    precondition(k > 0, "gamma: shape must be positive, got \(k)")
    if k < 1 { return gamma(shape: k + 1) * pow(uniform() + .leastNonzeroMagnitude, 1 / k) }
    let d = k - 1.0 / 3, c = 1 / (9 * d).squareRoot()
    while true {
      let x = normal()
      let v = pow(1 + c * x, 3)
      if v <= 0 { continue }
      let u = uniform()
      if Foundation.log(u) < 0.5 * x * x + d - d * v + d * Foundation.log(v) { return d * v }
    }
  }

  /// A draw from Student's t with ν degrees of freedom: Z / √(χ²_ν / ν).
  public mutating func studentT(degreesOfFreedom nu: Double) -> Double {
    let chiSquare = 2 * gamma(shape: nu / 2)
    return normal() / (chiSquare / nu).squareRoot()
  }

  /// An index drawn with probability proportional to `weights` (non-negative, positive sum).
  public mutating func categorical(_ weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    precondition(total > 0 && weights.allSatisfy { $0 >= 0 }, "categorical: weights \(weights) must be ≥ 0 with a positive sum")
    var u = uniform() * total
    for (i, w) in weights.enumerated() {
      u -= w
      if u < 0 { return i }
    }
    return weights.lastIndex { $0 > 0 }!
  }

  /// A random permutation of 0..<n (Fisher–Yates): the same draws and swaps as the standard
  /// library's `shuffle(using:)`, written out because that generic function, called from code
  /// generic over the generator, allocated memory at every swap (two thousand times an epoch
  /// in chapter 3).
  public mutating func permutation(_ n: Int) -> [Int] {
    var p = Array(0..<n)
    var remaining = n
    var i = 0
    while remaining > 1 {
      let j = i + Int.random(in: 0..<remaining, using: &self)
      p.swapAt(i, j)
      remaining -= 1
      i += 1
    }
    return p
  }
}

/// A one-dimensional distribution that can be sampled; the noise priors and data sets of the
/// 1D and 2D chapters are built from these.
public enum Distribution1D: Sendable, Equatable {
  case uniform(low: Double, high: Double)
  case normal(mean: Double, sd: Double)
  case studentT(degreesOfFreedom: Double)
  /// A mixture of normals with the given weights.
  case normalMixture(weights: [Double], means: [Double], sds: [Double])

  /// One draw.
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
    switch self {
    case let .uniform(low, high): generator.uniform(low, high)
    case let .normal(mean, sd): generator.normal(mean: mean, sd: sd)
    case let .studentT(nu): generator.studentT(degreesOfFreedom: nu)
    case let .normalMixture(weights, means, sds):
      { let i = generator.categorical(weights); return generator.normal(mean: means[i], sd: sds[i]) }()
    }
  }

  /// `count` draws.
  public func sample<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> [Double] {
    (0..<count).map { _ in sample(using: &generator) }
  }

  /// A `[rows, columns]` tensor of independent draws (a batch of noise vectors z).
  public func tensor<G: RandomNumberGenerator>(rows: Int, columns: Int, using generator: inout G) -> Tensor {
    var scalars = [Float](repeating: 0, count: rows * columns)
    for i in scalars.indices { scalars[i] = Float(sample(using: &generator)) }
    return Tensor(shape: [rows, columns], scalars: scalars)
  }

  /// The density at x.
  public func density(_ x: Double) -> Double {
    switch self {
    case let .uniform(low, high): (x >= low && x < high) ? 1 / (high - low) : 0
    case let .normal(mean, sd): normalDensity(x, mean: mean, sd: sd)
    case let .studentT(nu):
      Foundation.exp(lgamma((nu + 1) / 2) - lgamma(nu / 2)) / (nu * .pi).squareRoot()
        * pow(1 + x * x / nu, -(nu + 1) / 2)
    case let .normalMixture(weights, means, sds):
      zip(weights, zip(means, sds)).reduce(0) { $0 + $1.0 * normalDensity(x, mean: $1.1.0, sd: $1.1.1) }
        / weights.reduce(0, +)
    }
  }

  /// The mean (nil where it does not exist).
  public var mean: Double? {
    switch self {
    case let .uniform(low, high): (low + high) / 2
    case let .normal(mean, _): mean
    case let .studentT(nu): nu > 1 ? 0 : nil
    case let .normalMixture(weights, means, _): zip(weights, means).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
    }
  }

  /// The variance (nil where it does not exist).
  public var variance: Double? {
    switch self {
    case let .uniform(low, high): (high - low) * (high - low) / 12
    case let .normal(_, sd): sd * sd
    case let .studentT(nu): nu > 2 ? nu / (nu - 2) : nil
    case let .normalMixture(weights, means, sds):
      {
        let total = weights.reduce(0, +)
        let m = zip(weights, means).reduce(0) { $0 + $1.0 * $1.1 } / total
        return zip(weights, zip(means, sds)).reduce(0) { $0 + $1.0 * ($1.1.1 * $1.1.1 + ($1.1.0 - m) * ($1.1.0 - m)) } / total
      }()
    }
  }
}

/// The normal density N(x; mean, sd²).
public func normalDensity(_ x: Double, mean: Double = 0, sd: Double = 1) -> Double {
  let u = (x - mean) / sd
  return Foundation.exp(-0.5 * u * u) / (sd * (2 * Double.pi).squareRoot())
}
