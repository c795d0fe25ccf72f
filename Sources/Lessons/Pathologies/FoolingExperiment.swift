import Math

/// The fooling experiment of chapter 4 (course slides: "the discriminator get fooled does not
/// mean the fake is good"): from points D rejects, climb log D(x) with `foolDiscriminator` and
/// ask how far the points that fooled D lie from the data.
public struct FoolingExperiment: Sendable {
  /// Candidate start points drawn from N(0, `candidateSpread`² I), two columns.
  public var candidates = 2000
  public var candidateSpread = 1.5
  /// At most this many of the candidates D rejects (D(x) < 0.5), the first in draw order.
  public var maxStarts = 200
  /// A point has fooled D when D(x) > `threshold`.
  public var threshold = 0.9
  public var stepSize: Float = 0.05
  public var maxSteps = 2000
  /// D is also evaluated on a `mapSide` × `mapSide` grid of cell centres over `mapRange`².
  public var mapSide = 60
  public var mapRange = -5.0...5.0

  public init() {}

  /// Runs the experiment on `discriminator` (rows independent; its output is a logit).
  /// `distancesToData(points)` gives each row's distance to the nearest real point. Draws only
  /// the candidates from `rng`.
  public func run(on discriminator: Sequential, distancesToData: (Tensor) -> [Double],
                  using rng: inout SeededGenerator) -> Fooling {
    let candidatePoints = Distribution1D.normal(mean: 0, sd: candidateSpread).tensor(rows: candidates, columns: 2, using: &rng)
    let before = discriminator.evaluate(candidatePoints).scalars.map { sigmoid(Double($0)) }
    let start = candidatePoints.gatheringRows(Array(before.indices.filter { before[$0] < 0.5 }.prefix(maxStarts)))
    let grid = (0..<(mapSide * mapSide)).map { k -> [Float] in
      let step = (mapRange.upperBound - mapRange.lowerBound) / Double(mapSide)
      return [Float(mapRange.lowerBound + (Double(k % mapSide) + 0.5) * step),
              Float(mapRange.lowerBound + (Double(k / mapSide) + 0.5) * step)]
    }
    let map = discriminator.evaluate(Tensor(rows: grid)).scalars.map { sigmoid(Double($0)) }
    guard start.rows > 0 else { return Fooling(start: start, end: start, share: 0, distance: .nan, discriminatorMap: map) }
    let (end, _) = foolDiscriminator(discriminator, from: start, threshold: threshold, stepSize: stepSize, maxSteps: maxSteps)
    let verdicts = discriminator.evaluate(end).scalars.map { sigmoid(Double($0)) }
    let fooledPoints = end.gatheringRows(verdicts.indices.filter { verdicts[$0] > threshold })
    let distances = distancesToData(fooledPoints)
    return Fooling(start: start, end: end, share: Double(fooledPoints.rows) / Double(end.rows),
                   distance: distances.isEmpty ? .nan : Statistics.quantile(distances, 0.5),
                   discriminatorMap: map)
  }
}

/// What one fooling experiment found.
public struct Fooling: Sendable {
  /// The rejected start points `[n, 2]`, n ≤ `maxStarts`, and where the ascent left them.
  public var start: Tensor
  public var end: Tensor
  /// The share of start points that ended with D(x) > threshold (0 when there were none).
  public var share: Double
  /// The median distance to the data of the points that fooled D; NaN when none did.
  public var distance: Double
  /// D(x) on the grid, row-major from the lower-left cell (x₁ varies fastest).
  public var discriminatorMap: [Double]
}
