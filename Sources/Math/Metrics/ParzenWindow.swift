import Foundation

/// A Gaussian Parzen window (a kernel density estimate): the average of isotropic Gaussians of
/// width σ, one on each centre c₁ … c_k (rows of d values: generated images, flattened). The log
/// density of a point x is
///
///     log p(x) = logsumexp_j(−‖x − c_j‖² / (2σ²)) − log k − (d/2) log(2πσ²)
///
/// Goodfellow et al. 2014, §5, scored their GANs this way: "we estimate probability of the test
/// set data under p_g by fitting a Gaussian Parzen window to the samples generated with G and
/// reporting the log-likelihood under this distribution. The σ parameter of the Gaussians was
/// obtained by cross validation on the validation set" (`bestSigma`).
///
/// A caveat comes with the number (Theis, van den Oord & Bethge 2015, "A note on the evaluation
/// of generative models", §3.2): in more than a few dimensions the estimate is far from the
/// model's true log-likelihood, and it can rank a poor model above a good one. The k-means
/// centres of the training data, which are not samples of the data distribution at all, score
/// higher than true samples (shown in `ParzenWindowTests`).
///
/// Numerics: the squared distances come from one matrix product per block of points, through
/// ‖x − c‖² = ‖x‖² + ‖c‖² − 2 x·c (clamped at 0), after moving the origin to the centres' mean
/// (distances do not change; the norms, and with them the cancellation, get smaller). The
/// products are Float (BLAS); the norms, the distances and the log-sum-exp are Double, the latter
/// stable (the largest exponent is taken out first), so a point far from every centre gets its
/// finite log density rather than −∞. What rounding remains is that of the Float products, about
/// 10⁻⁷ (‖x‖² + ‖c‖²) in a squared distance, divided by 2σ² in the log density.
public struct ParzenWindow: Sendable {
  /// The k centres, `[k, …]`; each row (flattened) is one point of d values.
  public let centres: Tensor
  /// The width σ of every Gaussian, in the data's units.
  public let sigma: Double

  /// The centres' mean, and the centres moved by it (`[k, d]`) with their squared norms.
  private let origin: [Float]
  private let movedCentres: Tensor
  private let movedNorms: [Double]

  /// A window of width `sigma` > 0 on the rows of `centres` (at least one).
  public init(centres: Tensor, sigma: Double) {
    precondition(centres.rows > 0, "ParzenWindow: no centres")
    precondition(
      sigma > 0 && sigma.isFinite, "ParzenWindow: σ must be positive and finite, got \(sigma)")
    self.centres = centres
    self.sigma = sigma
    let (k, d) = (centres.rows, centres.columns)
    var mean = [Double](repeating: 0, count: d)
    for i in 0..<k { for j in 0..<d { mean[j] += Double(centres.scalars[i * d + j]) } }
    origin = mean.map { Float($0 / Double(k)) }
    movedCentres = ParzenWindow.moving(centres, by: origin)
    movedNorms = ParzenWindow.squaredNorms(movedCentres)
  }

  /// The number of values in a point (the columns of `centres`).
  public var dimension: Int { centres.columns }

  /// log p(x) for each row x of `points` `[n, …]` (rows of `dimension` values), in nats.
  /// `blockSize` rows share one matrix product.
  public func logLikelihoods(_ points: Tensor, blockSize: Int = 256) -> [Double] {
    var result: [Double] = []
    result.reserveCapacity(points.rows)
    let k = centres.rows
    forEachBlockOfSquaredDistances(points, blockSize: blockSize) { distances, rows in
      for i in 0..<rows {
        result.append(
          logDensity(squaredDistances: distances[(i * k)..<((i + 1) * k)], sigma: sigma))
      }
    }
    return result
  }

  /// The mean of `logLikelihoods(points)`: the number Goodfellow et al. report (on the test set).
  public func meanLogLikelihood(_ points: Tensor) -> Double {
    precondition(points.rows > 0, "meanLogLikelihood: no points")
    return logLikelihoods(points).reduce(0, +) / Double(points.rows)
  }

  /// The σ of `candidates` under which the Parzen window on `centres` gives `validation` the
  /// highest mean log-likelihood, with that mean: Goodfellow et al.'s cross-validation of σ.
  /// The squared distances are computed once and shared by all candidates.
  public static func bestSigma(
    centres: Tensor, validation: Tensor, candidates: [Double] = defaultSigmas
  ) -> (sigma: Double, meanLogLikelihood: Double) {
    precondition(!candidates.isEmpty, "bestSigma: no candidate σ")
    precondition(validation.rows > 0, "bestSigma: no validation points")
    let window = ParzenWindow(centres: centres, sigma: candidates[0])
    var sums = [Double](repeating: 0, count: candidates.count)
    window.forEachBlockOfSquaredDistances(validation, blockSize: 256) { distances, rows in
      let k = centres.rows
      for i in 0..<rows {
        let row = distances[(i * k)..<((i + 1) * k)]
        for (c, sigma) in candidates.enumerated() {
          sums[c] += window.logDensity(squaredDistances: row, sigma: sigma)
        }
      }
    }
    let best = sums.indices.max { sums[$0] < sums[$1] }!
    return (candidates[best], sums[best] / Double(validation.rows))
  }

  /// The default candidates for `bestSigma`: 20 values of σ log-spaced from 0.01 to 1
  /// (0.01 · 100^(i/19), i = 0 … 19; neighbours a factor 1.27 apart), in the data's units. The
  /// workbook scales images to [−1, 1], a range of 2: the grid runs from 1/200 of a pixel's
  /// range to half of it. Data on another scale needs its own grid.
  public static let defaultSigmas: [Double] = (0..<20).map { 0.01 * pow(100, Double($0) / 19) }

  /// log p(x) from the squared distances from x to every centre, for a window of width `sigma`.
  private func logDensity(squaredDistances: ArraySlice<Double>, sigma: Double) -> Double {
    let scale = -1 / (2 * sigma * sigma)
    let largest = squaredDistances.min()! * scale
    var sum = 0.0
    for distance in squaredDistances { sum += exp(distance * scale - largest) }
    let k = Double(squaredDistances.count)
    let d = Double(dimension)
    return largest + log(sum) - log(k) - d / 2 * log(2 * Double.pi * sigma * sigma)
  }

  /// Calls `body` with the squared distances `[rows, k]` (row-major) from each block of rows
  /// of `points` to every centre, block after block.
  private func forEachBlockOfSquaredDistances(
    _ points: Tensor, blockSize: Int,
    _ body: (_ distances: [Double], _ rows: Int) -> Void
  ) {
    let d = dimension
    precondition(
      points.columns == d, "ParzenWindow: points of \(points.columns) values, centres of \(d)")
    precondition(blockSize > 0, "ParzenWindow: block size must be positive, got \(blockSize)")
    let k = centres.rows
    for start in stride(from: 0, to: points.rows, by: blockSize) {
      let rows = min(blockSize, points.rows - start)
      let block = ParzenWindow.moving(
        points.rows(start..<(start + rows)).reshaped([rows, d]), by: origin)
      let norms = ParzenWindow.squaredNorms(block)
      let products = Tensor.matmul(block, movedCentres, transposeB: true)
      var distances = [Double](repeating: 0, count: rows * k)
      for i in 0..<rows {
        for j in 0..<k {
          let squared = norms[i] + movedNorms[j] - 2 * Double(products.scalars[i * k + j])
          distances[i * k + j] = max(0, squared)
        }
      }
      body(distances, rows)
    }
  }

  /// The rows of `points` (flattened to `[n, d]`) minus `origin`.
  private static func moving(_ points: Tensor, by origin: [Float]) -> Tensor {
    let d = origin.count
    var scalars = points.scalars
    for i in scalars.indices { scalars[i] -= origin[i % d] }
    return Tensor(shape: [points.rows, d], scalars: scalars)
  }

  /// ‖row‖² of each row of a matrix, accumulated in Double.
  private static func squaredNorms(_ matrix: Tensor) -> [Double] {
    let d = matrix.columns
    return (0..<matrix.rows).map { i in
      var sum = 0.0
      for j in 0..<d {
        sum += Double(matrix.scalars[i * d + j]) * Double(matrix.scalars[i * d + j])
      }
      return sum
    }
  }
}
