/// A matrix product whose every entry is summed in one stated order, so that a faster way of
/// computing it can be checked against it bit for bit.
extension Tensor {
  /// `op(a) · op(b)` (shapes as `matmul`), each entry summed over k = 0, 1, 2, … from zero, one
  /// fused multiply-add at a time (one rounding a term):
  ///   c[i, j] = (…((0 + a[i, 0]·b[0, j]) + a[i, 1]·b[1, j]) + …) + a[i, k−1]·b[k−1, j].
  ///
  /// `matmul` leaves the order of its sums to OpenBLAS, which does not say what it is. The
  /// convolutions use this product instead, so that their direct kernels, which never form the
  /// matrices, can give the same numbers (Kernels/OrderedProductInTiles.swift computes it fast).
  public static func orderedProduct(_ a: Tensor, _ b: Tensor, transposeA ta: Bool = false,
                                    transposeB tb: Bool = false) -> Tensor {
    let shape = ProductShape(a, b, transposeA: ta, transposeB: tb, product: "orderedProduct")
    let (m, n, k) = (shape.m, shape.n, shape.k)
    func left(_ i: Int, _ p: Int) -> Float { ta ? a.scalars[p * m + i] : a.scalars[i * k + p] }
    func right(_ p: Int, _ j: Int) -> Float { tb ? b.scalars[j * k + p] : b.scalars[p * n + j] }
    return Tensor(shape: [m, n]) { c in
      for i in 0..<m {
        for j in 0..<n {
          var sum: Float = 0
          for p in 0..<k { sum.addProduct(left(i, p), right(p, j)) }
          c[i * n + j] = sum
        }
      }
    }
  }
}
