/// The nearest reference of each query, in Euclidean distance between rows (flattened images,
/// say): Goodfellow et al.'s check that a GAN's samples are not copies of training images.
public struct NearestNeighbour: Sendable, Equatable {
  /// The row of the nearest reference.
  public let index: Int
  /// The Euclidean distance to it, computed in Double from the two rows (0 exactly for a copy).
  public let distance: Double
}

/// For each row of `queries` `[n, …]`, its nearest row of `references` `[m, …]`.
///
/// All distances come from one matrix product per block of queries, through
/// ‖q − r‖² = ‖q‖² + ‖r‖² − 2 q·r; the nearest candidate's distance is then recomputed directly
/// in Double, so a copy reports 0 and the reported distance carries no cancellation error. (A
/// reference whose Float distance rounds within a hair of the nearest's could be chosen in its
/// place; its distance is then as small to within that rounding.)
public func nearestNeighbours(of queries: Tensor, in references: Tensor, blockSize: Int = 512) -> [NearestNeighbour] {
  let d = queries.columns
  precondition(references.columns == d, "nearestNeighbours: queries of \(d) values, references of \(references.columns)")
  precondition(references.rows > 0, "nearestNeighbours: no references")
  let refs = references.reshaped([references.rows, d])
  let referenceNorms = (0..<refs.rows).map { i in
    refs.scalars[(i * d)..<((i + 1) * d)].reduce(Float(0)) { $0 + $1 * $1 }
  }
  var result: [NearestNeighbour] = []
  result.reserveCapacity(queries.rows)
  for start in stride(from: 0, to: queries.rows, by: blockSize) {
    let block = queries.rows(start..<min(start + blockSize, queries.rows)).reshaped([min(blockSize, queries.rows - start), d])
    let products = Tensor.matmul(block, refs, transposeB: true)
    for i in 0..<block.rows {
      // ‖q‖² is the same for every reference: the nearest minimises ‖r‖² − 2 q·r.
      var (best, bestScore) = (0, Float.infinity)
      for j in 0..<refs.rows {
        let score = referenceNorms[j] - 2 * products.scalars[i * refs.rows + j]
        if score < bestScore { (best, bestScore) = (j, score) }
      }
      var squared = 0.0
      for k in 0..<d {
        let difference = Double(block.scalars[i * d + k]) - Double(refs.scalars[best * d + k])
        squared += difference * difference
      }
      result.append(NearestNeighbour(index: best, distance: squared.squareRoot()))
    }
  }
  return result
}
