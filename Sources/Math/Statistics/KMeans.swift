/// k-means clustering of the rows of a matrix (points of d values: flattened images, say):
/// k centres and an assignment of every point to one of them that make the inertia
///
///     Σᵢ ‖xᵢ − c_{a(i)}‖²
///
/// small. Lloyd's algorithm (Lloyd 1982) alternates two steps, neither of which can raise the
/// inertia: move each centre to the mean of its points, then assign each point to its nearest
/// centre. It stops after `iterations` such steps, or earlier once the assignments stop
/// changing (a fixed point: the next step would change nothing). The result is a local minimum
/// that depends on the start; k-means++ seeding (Arthur & Vassilvitskii 2007) makes a poor one
/// unlikely.
///
/// Numerics: the nearest centres come from `nearestNeighbours`, one matrix product per block of
/// points (Float), and the means are accumulated in Double and stored as Float, so "never
/// raises" holds up to that rounding (a near-tie may go to a centre a hair farther away).
///
/// The workbook uses k-means centres as the "model" of Theis, van den Oord & Bethge 2015, §3.2,
/// whose Parzen-window log-likelihood beats that of true samples (`ParzenWindow`).
public struct KMeans: Sendable {
  /// The k centres, `[k, d]`.
  public let centres: Tensor
  /// For each point, the row of its centre: the nearest of `centres`.
  public let assignments: [Int]
  /// Σᵢ ‖xᵢ − c_{a(i)}‖², in Double.
  public let inertia: Double
  /// How many Lloyd steps were taken (fewer than asked when the assignments stopped changing).
  public let iterations: Int

  /// k-means of the rows of `points` `[n, …]` (n ≥ k ≥ 1): k-means++ seeds drawn with `rng`,
  /// then at most `iterations` Lloyd steps.
  public static func fit(
    _ points: Tensor, k: Int, iterations: Int = 50,
    using rng: inout some RandomNumberGenerator
  ) -> KMeans {
    fit(points, startingFrom: plusPlusSeeds(points, k: k, using: &rng), iterations: iterations)
  }

  /// Lloyd's algorithm from the given centres `[k, …]`: assign every point to its nearest
  /// centre, then at most `iterations` times move each centre to the mean of its points and
  /// reassign. A centre left without points keeps its previous place (it may win points back
  /// later).
  public static func fit(
    _ points: Tensor, startingFrom initialCentres: Tensor, iterations: Int = 50
  ) -> KMeans {
    let d = points.columns
    precondition(
      initialCentres.columns == d,
      "KMeans: points of \(d) values, centres of \(initialCentres.columns)")
    precondition(iterations >= 0, "KMeans: iterations must be ≥ 0, got \(iterations)")
    var centres = initialCentres.reshaped([initialCentres.rows, d])
    var nearest = nearestNeighbours(of: points, in: centres)
    var steps = 0
    while steps < iterations {
      centres = means(of: points, assignments: nearest.map(\.index), keeping: centres)
      let next = nearestNeighbours(of: points, in: centres)
      steps += 1
      let unchanged = next.map(\.index) == nearest.map(\.index)
      nearest = next
      if unchanged { break }
    }
    return KMeans(
      centres: centres, assignments: nearest.map(\.index),
      inertia: nearest.reduce(0) { $0 + $1.distance * $1.distance }, iterations: steps)
  }

  /// The row of the nearest centre for each row of `points`: the clusters of new points.
  public func nearestCentres(of points: Tensor) -> [Int] {
    nearestNeighbours(of: points, in: centres).map(\.index)
  }

  /// k rows of `points` chosen by k-means++ (Arthur & Vassilvitskii 2007): the first uniformly,
  /// each next one with probability proportional to D(x)², its squared distance to the nearest
  /// row chosen so far, so the seeds spread over the data. (When every point already sits on a
  /// seed, the data has fewer than k distinct rows, and the next seed is drawn uniformly.)
  public static func plusPlusSeeds(
    _ points: Tensor, k: Int, using rng: inout some RandomNumberGenerator
  ) -> Tensor {
    let (n, d) = (points.rows, points.columns)
    precondition(k >= 1 && k <= n, "KMeans: k must be in 1...\(n) (the number of points), got \(k)")
    func squaredDistance(_ i: Int, _ j: Int) -> Double {
      var sum = 0.0
      for c in 0..<d {
        let difference = Double(points.scalars[i * d + c]) - Double(points.scalars[j * d + c])
        sum += difference * difference
      }
      return sum
    }
    var chosen = [Int.random(in: 0..<n, using: &rng)]
    var nearestSquared = (0..<n).map { squaredDistance($0, chosen[0]) }
    while chosen.count < k {
      let next =
        nearestSquared.contains { $0 > 0 }
        ? rng.categorical(nearestSquared) : Int.random(in: 0..<n, using: &rng)
      chosen.append(next)
      for i in 0..<n { nearestSquared[i] = min(nearestSquared[i], squaredDistance(i, next)) }
    }
    return points.gatheringRows(chosen).reshaped([k, d])
  }

  /// The mean of each cluster's points, accumulated in Double; an empty cluster keeps its row of
  /// `previous`.
  private static func means(of points: Tensor, assignments: [Int], keeping previous: Tensor)
    -> Tensor
  {
    let (k, d) = (previous.rows, points.columns)
    var sums = [Double](repeating: 0, count: k * d)
    var counts = [Int](repeating: 0, count: k)
    for (i, cluster) in assignments.enumerated() {
      counts[cluster] += 1
      for c in 0..<d { sums[cluster * d + c] += Double(points.scalars[i * d + c]) }
    }
    var scalars = previous.scalars
    for cluster in 0..<k where counts[cluster] > 0 {
      for c in 0..<d {
        scalars[cluster * d + c] = Float(sums[cluster * d + c] / Double(counts[cluster]))
      }
    }
    return Tensor(shape: [k, d], scalars: scalars)
  }
}
