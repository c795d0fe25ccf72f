/// A Gaussian fitted to a set of feature vectors: their mean and covariance (divided by n − 1).
public struct GaussianFit: Sendable {
  public let mean: [Double]
  /// The d × d covariance, row-major.
  public let covariance: [Double]
  public var dimension: Int { mean.count }

  public init(mean: [Double], covariance: [Double]) {
    precondition(covariance.count == mean.count * mean.count,
                 "GaussianFit: a covariance of \(covariance.count) numbers for \(mean.count) dimensions")
    self.mean = mean
    self.covariance = covariance
  }

  /// The fit to the rows of `features` `[n, d]` (n ≥ 2).
  public init(_ features: Tensor) {
    let (n, d) = (features.rows, features.columns)
    precondition(n >= 2, "GaussianFit: needs at least two rows, got \(n)")
    var mean = [Double](repeating: 0, count: d)
    for i in 0..<n { for j in 0..<d { mean[j] += Double(features.scalars[i * d + j]) } }
    mean = mean.map { $0 / Double(n) }
    var covariance = [Double](repeating: 0, count: d * d)
    var centred = [Double](repeating: 0, count: d)
    for i in 0..<n {
      for j in 0..<d { centred[j] = Double(features.scalars[i * d + j]) - mean[j] }
      for j in 0..<d { for k in j..<d { covariance[j * d + k] += centred[j] * centred[k] } }
    }
    for j in 0..<d {
      for k in j..<d {
        covariance[j * d + k] /= Double(n - 1)
        covariance[k * d + j] = covariance[j * d + k]
      }
    }
    self.init(mean: mean, covariance: covariance)
  }
}

/// The Fréchet (2-Wasserstein) distance between two Gaussians, in its squared form as FID
/// reports it (Heusel et al. 2017; Dowson & Landau 1982):
///
///     d² = ‖μ₁ − μ₂‖² + tr(Σ₁) + tr(Σ₂) − 2 tr((Σ₁^½ Σ₂ Σ₁^½)^½)
///
/// The square roots come from symmetric eigendecompositions (`SymmetricEigen`); eigenvalues
/// that rounding makes slightly negative count as 0. FID computes it in the features of an
/// ImageNet network; the workbook in the penultimate features of its Fashion-MNIST classifier.
/// The value depends on how many images each fit saw, so compare only fits of equal sizes.
public func frechetDistance(_ a: GaussianFit, _ b: GaussianFit) -> Double {
  precondition(a.dimension == b.dimension, "frechetDistance: \(a.dimension) against \(b.dimension) dimensions")
  let d = a.dimension
  let rootA = SymmetricEigen(a.covariance, n: d).applying { $0 > 0 ? $0.squareRoot() : 0 }
  // Σ₁^½ Σ₂ Σ₁^½, symmetric.
  func product(_ x: [Double], _ y: [Double]) -> [Double] {
    var z = [Double](repeating: 0, count: d * d)
    for i in 0..<d { for k in 0..<d where x[i * d + k] != 0 { for j in 0..<d { z[i * d + j] += x[i * d + k] * y[k * d + j] } } }
    return z
  }
  let middle = product(product(rootA, b.covariance), rootA)
  let traceOfRoot = SymmetricEigen(middle, n: d).values.reduce(0) { $0 + ($1 > 0 ? $1.squareRoot() : 0) }
  let meanTerm = zip(a.mean, b.mean).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
  let traces = (0..<d).reduce(0) { $0 + a.covariance[$1 * d + $1] + b.covariance[$1 * d + $1] }
  return meanTerm + traces - 2 * traceOfRoot
}

/// The Fréchet distance between Gaussians fitted to the rows of two feature matrices.
public func frechetDistance(_ a: Tensor, _ b: Tensor) -> Double {
  frechetDistance(GaussianFit(a), GaussianFit(b))
}
