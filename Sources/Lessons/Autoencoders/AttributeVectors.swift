import Math

/// The attribute vector of the course slides (after Larsen et al. 2016, §4.1): "For each
/// attribute, compute the mean vector for images with the attribute and the mean vector for
/// images without the attribute, and take their difference." `codes` holds one latent code a
/// row (an encoder's means), `has[i]` says whether image i has the attribute; the result is
/// mean(codes with) − mean(codes without), `[1, latent]`. Added to a code it should add the
/// attribute, subtracted remove it, if the latent space has a direction for it.
public func attributeVector(codes: Tensor, has: [Bool]) -> Tensor {
  precondition(codes.rank == 2 && codes.rows == has.count,
               "attributeVector: \(codes.shape) codes and \(has.count) labels")
  let withCount = has.filter { $0 }.count
  precondition(withCount > 0 && withCount < has.count,
               "attributeVector: needs images with and without the attribute, got \(withCount) of \(has.count) with it")
  // BEGIN SOLUTION attribute-vector
  // HINT: the mean of the rows with the attribute minus the mean of the rows without it, accumulated in Double, as a [1, latent] tensor
  let latent = codes.columns
  var with = [Double](repeating: 0, count: latent)
  var without = [Double](repeating: 0, count: latent)
  for i in 0..<codes.rows {
    for j in 0..<latent {
      if has[i] { with[j] += Double(codes[i, j]) } else { without[j] += Double(codes[i, j]) }
    }
  }
  let (n1, n0) = (Double(withCount), Double(has.count - withCount))
  return Tensor(shape: [1, latent], scalars: (0..<latent).map { Float(with[$0] / n1 - without[$0] / n0) })
  // END SOLUTION
}

/// `codes` with `scale` times `vector` (`[1, latent]`) added to every row: +1 adds an attribute
/// vector, −1 takes it away.
public func shifting(_ codes: Tensor, by vector: Tensor, scale: Float = 1) -> Tensor {
  precondition(vector.shape == [1, codes.columns], "shifting: vector \(vector.shape) for codes \(codes.shape)")
  var shifted = codes
  for i in 0..<codes.rows {
    for j in 0..<codes.columns { shifted[i, j] += scale * vector[0, j] }
  }
  return shifted
}
