import Math
import PropertyBased
import Testing

/// A random symmetric positive semi-definite d × d matrix B Bᵀ, with B of `rank` columns.
private func randomCovariance(_ d: Int, rank: Int? = nil, _ rng: inout SeededGenerator) -> [Double] {
  let r = rank ?? d
  let b = (0..<(d * r)).map { _ in rng.uniform(-1, 1) }
  var s = [Double](repeating: 0, count: d * d)
  for i in 0..<d { for j in 0..<d { for k in 0..<r { s[i * d + j] += b[i * r + k] * b[j * r + k] } } }
  return s
}

/// A random rotation (an orthogonal matrix) from the eigenvectors of a random symmetric matrix.
private func randomRotation(_ d: Int, _ rng: inout SeededGenerator) -> [Double] {
  SymmetricEigen(randomCovariance(d, &rng), n: d).vectors
}

private func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
  var sum = 0.0
  for (x, y) in zip(a, b) { sum += (x - y) * (x - y) }
  return sum
}

private func conjugate(_ s: [Double], by q: [Double], _ d: Int) -> [Double] {
  var qs = [Double](repeating: 0, count: d * d), result = qs
  for i in 0..<d { for j in 0..<d { for k in 0..<d { qs[i * d + j] += q[i * d + k] * s[k * d + j] } } }
  for i in 0..<d { for j in 0..<d { for k in 0..<d { result[i * d + j] += qs[i * d + k] * q[j * d + k] } } }
  return result
}

@Suite struct FrechetDistanceTests {
  @Test func eigenvectorsAndValuesRebuildTheMatrix() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...12), Gen.uint64()) { d, seed in
      var rng = SeededGenerator(seed: seed)
      let s = randomCovariance(d, &rng)
      let e = SymmetricEigen(s, n: d)
      let rebuilt = e.applying { $0 }
      #expect(zip(rebuilt, s).allSatisfy { abs($0 - $1) < 1e-9 * Double(d) })
      #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 <= $1 }, "ascending")
      let identity = conjugate((0..<(d * d)).map { $0 % (d + 1) == 0 ? 1 : 0 }, by: e.vectors, d)
      #expect(identity.enumerated().allSatisfy { abs($1 - ($0 % (d + 1) == 0 ? 1 : 0)) < 1e-9 }, "orthonormal")
    }
  }

  /// Diagonal covariances commute: d² = ‖μ₁ − μ₂‖² + Σ (σ₁ − σ₂)².
  @Test func diagonalGaussiansHaveTheClosedForm() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...10), Gen.uint64()) { d, seed in
      var rng = SeededGenerator(seed: seed)
      let (sa, sb) = ((0..<d).map { _ in rng.uniform(0.1, 3) }, (0..<d).map { _ in rng.uniform(0.1, 3) })
      let (ma, mb) = ((0..<d).map { _ in rng.uniform(-2, 2) }, (0..<d).map { _ in rng.uniform(-2, 2) })
      func diagonal(_ s: [Double]) -> [Double] { (0..<(d * d)).map { $0 % (d + 1) == 0 ? s[$0 / (d + 1)] * s[$0 / (d + 1)] : 0 } }
      let measured = frechetDistance(GaussianFit(mean: ma, covariance: diagonal(sa)), GaussianFit(mean: mb, covariance: diagonal(sb)))
      let meanPart: Double = squaredDistance(ma, mb)
      let expected = meanPart + squaredDistance(sa, sb)
      #expect(abs(measured - expected) < 1e-9 * max(1, expected), "\(measured) vs \(expected)")
    }
  }

  /// A distance: 0 from itself, symmetric, unchanged by a common rotation and translation, never
  /// negative (beyond rounding) — also for singular covariances (fewer samples than dimensions).
  @Test func itBehavesAsADistance() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...10), Gen.uint64()) { d, seed in
      var rng = SeededGenerator(seed: seed)
      let rankA = Int.random(in: 1...d, using: &rng)
      let a = GaussianFit(mean: (0..<d).map { _ in rng.uniform(-1, 1) }, covariance: randomCovariance(d, rank: rankA, &rng))
      let b = GaussianFit(mean: (0..<d).map { _ in rng.uniform(-1, 1) }, covariance: randomCovariance(d, &rng))
      let ab = frechetDistance(a, b)
      let scale = a.covariance.reduce(0) { $0 + abs($1) } + b.covariance.reduce(0) { $0 + abs($1) } + 1
      #expect(abs(frechetDistance(a, a)) < 1e-6 * scale)
      #expect(abs(ab - frechetDistance(b, a)) < 1e-6 * scale, "symmetric")
      #expect(ab > -1e-6 * scale)
      let q = randomRotation(d, &rng)
      let t = (0..<d).map { _ in rng.uniform(-5, 5) }
      func moved(_ g: GaussianFit) -> GaussianFit {
        let m = (0..<d).map { i in (0..<d).reduce(0) { $0 + q[i * d + $1] * g.mean[$1] } + t[i] }
        return GaussianFit(mean: m, covariance: conjugate(g.covariance, by: q, d))
      }
      #expect(abs(frechetDistance(moved(a), moved(b)) - ab) < 1e-6 * scale, "rotation and translation")
    }
  }

  @Test func aFitOfSamplesFindsTheirMeanAndCovariance() {
    let x = Tensor(rows: [[1, 2], [3, 6], [5, 4]])
    let fit = GaussianFit(x)
    #expect(fit.mean == [3, 4])
    #expect(fit.covariance == [4, 2, 2, 4])  // divided by n − 1 = 2
    let shifted = Tensor(rows: [[2, 2], [4, 6], [6, 4]])
    #expect(abs(frechetDistance(x, shifted) - 1) < 1e-9, "a shift by 1 in x₁ costs 1")
  }
}
