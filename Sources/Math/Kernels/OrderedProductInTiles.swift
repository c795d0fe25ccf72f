/// `Tensor.orderedProduct` at the speed of OpenBLAS on the convolutions' products, bit for bit
/// (`OrderedProductInTilesTests`).
///
/// The result is computed in tiles of up to 4 rows × 64 columns: 16 columns a vector, one
/// accumulator a row and vector, and for each k one broadcast of a[i, k] per row and one load of
/// b's row k per vector. Every entry still adds its terms one fused multiply-add at a time, in
/// the order k = 0, 1, 2, …: the vector lanes are other entries, never other terms. b is read
/// by rows, so bᵀ is first copied (the smaller operand, or the product computed transposed).
extension Tensor {
  static func orderedProductInTiles(_ a: Tensor, _ b: Tensor, transposeA ta: Bool = false,
                                    transposeB tb: Bool = false) -> Tensor {
    let shape = ProductShape(a, b, transposeA: ta, transposeB: tb, product: "orderedProduct")
    let (m, n, k) = (shape.m, shape.n, shape.k)
    guard m > 0 && n > 0 && k > 0 else { return Tensor(zeros: [m, n]) }  // a sum of no terms is 0
    if tb {
      // (op(a) · bᵀ)ᵀ = b · op(a)ᵀ: each entry the same sum, in the same order.
      if ta { return orderedProductInTiles(b, a).transposed() }
      return n <= m ? orderedProductInTiles(a, b.transposed()) : orderedProductInTiles(b, a.transposed()).transposed()
    }
    return a.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        Tensor(shape: [m, n]) { pc in
          guard let a = pa.baseAddress, let b = pb.baseAddress, let c = pc.baseAddress else { return }
          let left = Operand(start: a, rowStride: ta ? 1 : k, depthStride: ta ? m : 1)
          productInTiles(m: m, n: n, k: k, left, b, c)
        }
      }
    }
  }
}

/// a[i, p] at `start + i · rowStride + p · depthStride`.
private struct Operand {
  let start: UnsafePointer<Float>
  let rowStride: Int
  let depthStride: Int
}

private func productInTiles(m: Int, n: Int, k: Int, _ a: Operand, _ b: UnsafePointer<Float>,
                            _ c: UnsafeMutablePointer<Float>) {
  let vectors = n / 16
  var j = 0
  while j < 16 * vectors {
    let width = min(4, vectors - j / 16)
    var i = 0
    while i < m {
      let height = min(4, m - i)
      let rows = Operand(start: a.start + i * a.rowStride, rowStride: a.rowStride, depthStride: a.depthStride)
      switch (height, width) {
      case (4, 4): tile(4, 4, rows, b + j, n, c + i * n + j, k)
      case (4, 3): tile(4, 3, rows, b + j, n, c + i * n + j, k)
      case (4, 2): tile(4, 2, rows, b + j, n, c + i * n + j, k)
      case (4, _): tile(4, 1, rows, b + j, n, c + i * n + j, k)
      case (3, let w): tile(3, w, rows, b + j, n, c + i * n + j, k)
      case (2, let w): tile(2, w, rows, b + j, n, c + i * n + j, k)
      default: tile(1, width, rows, b + j, n, c + i * n + j, k)
      }
      i += height
    }
    j += 16 * width
  }
  // The last n mod 16 columns, one entry at a time.
  for i in 0..<m {
    for jj in (16 * vectors)..<n {
      var sum: Float = 0
      for p in 0..<k { sum.addProduct(a.start[i * a.rowStride + p * a.depthStride], b[p * n + jj]) }
      c[i * n + jj] = sum
    }
  }
}

/// Rows `0..<height` (≤ 4) and vectors `0..<width` (≤ 4) of 16 columns of the result (b and c
/// have n columns), each entry summed over all of k.
@inline(__always)
private func tile(_ height: Int, _ width: Int, _ a: Operand, _ b: UnsafePointer<Float>, _ n: Int,
                  _ c: UnsafeMutablePointer<Float>, _ k: Int) {
  var sums = InlineArray<16, SIMD16<Float>>(repeating: .zero)
  var (left, right) = (a.start, b)
  for _ in 0..<k {
    var row = InlineArray<4, SIMD16<Float>>(repeating: .zero)
    for v in 0..<width { row[v] = UnsafeRawPointer(right + 16 * v).loadUnaligned(as: SIMD16<Float>.self) }
    for r in 0..<height {
      let x = SIMD16<Float>(repeating: left[r * a.rowStride])
      for v in 0..<width { sums[4 * r + v] = sums[4 * r + v].addingProduct(x, row[v]) }
    }
    left += a.depthStride
    right += n
  }
  for r in 0..<height {
    for v in 0..<width {
      UnsafeMutableRawPointer(c + r * n + 16 * v).storeBytes(of: sums[4 * r + v], as: SIMD16<Float>.self)
    }
  }
}
