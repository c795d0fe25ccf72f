import CBLAS

/// A way to compute a matrix product other than one `cblas_sgemm` call, for the shapes where it
/// gives the same bits and may be faster: OpenBLAS's small-matrix kernel, which takes products
/// of up to about 10⁶ multiply-adds without copying ("packing") the operands into blocks, can
/// beat the packed product on pieces of a product just above that size, and is slower with bᵀ
/// than without. Which way is faster differs between processors: `MatrixProductPlanner` times
/// both on the running machine. bench/PERFORMANCE.md has the measurements behind the rules.
enum TunedProduct {
  /// One call per block of `rows` rows of the result.
  case rowBlocks(rows: Int)
  /// a · bᵀ as a · (bᵀ) from a transposed copy of b, in blocks of `rows` rows.
  case transposedCopy(rows: Int)

  /// The tuned way for `shape`, or nil where there is none: OpenBLAS on more than one thread
  /// (the small kernel uses one, a whole product can use them all), a core without the small
  /// kernel, or a shape outside the rules' ranges.
  init?(_ shape: ProductShape) {
    guard BLAS.threadCount == 1 else { return nil }
    let (m, n, k) = (shape.m, shape.n, shape.k)
    if shape.transposeB, !shape.transposeA, TunedProduct.transposesBFirst(m: m, n: n, k: k) {
      self = .transposedCopy(rows: TunedProduct.rowsPerCall(m: m, n: n, k: k, transposeB: false))
      return
    }
    let rows = TunedProduct.rowsPerCall(m: m, n: n, k: k, transposeB: shape.transposeB)
    guard rows < m else { return nil }
    self = .rowBlocks(rows: rows)
  }

  /// op(a) · op(b) this way; the bits of `Tensor.productInOneCall` (`TunedProductTests`).
  func product(_ a: Tensor, _ b: Tensor, _ shape: ProductShape) -> Tensor {
    switch self {
    case let .rowBlocks(rows):
      Tensor.productInRowBlocks(a, b, shape, rowsPerCall: rows)
    case let .transposedCopy(rows):
      Tensor.productInRowBlocks(a, b.transposed(), ProductShape(m: shape.m, n: shape.n, k: shape.k,
                                transposeA: false, transposeB: false), rowsPerCall: rows)
    }
  }

  /// Rows of the result per `cblas_sgemm` call: blocks of at most 2¹⁹ multiply-adds, in
  /// multiples of 16 rows, for products of 2¹⁹ to 2²¹ multiply-adds without bᵀ; m (one call)
  /// for all others.
  ///
  /// Splitting must change no number, and it does not when every size is a whole number of
  /// the kernels' 16-wide tiles: each element of the result is then the same sum in the same
  /// order, one multiply-add per term from the first up, whichever kernel computes it. It does
  /// change the last bit of some elements when m or n is not a multiple of 16 (the kernels
  /// handle the leftover lanes differently) or when k is over 320 (OpenBLAS then splits the sum
  /// itself), so such products stay whole; so do those with k over 256, beyond what the tests
  /// cover.
  static func rowsPerCall(m: Int, n: Int, k: Int, transposeB: Bool) -> Int {
    let limit = 1 << 19
    guard hasSmallMatrixKernel, !transposeB, k <= 256, m % 16 == 0, n % 16 == 0, m >= 32,
          m * n * k > limit, m * n * k <= 4 * limit else { return m }
    return max(16, limit / (n * k) / 16 * 16)
  }

  /// Whether a · bᵀ (a `[m, k]`, b `[n, k]`) may be computed as a · (bᵀ) from a transposed copy
  /// of b: for products of 2¹⁷ to 2²¹ multiply-adds, m and n whole numbers of 16-wide tiles,
  /// n ≥ 128 and k ≤ 256. Within these limits 10,000 random shapes gave the same bits both
  /// ways; with n of 64 or less, some last bits differed.
  static func transposesBFirst(m: Int, n: Int, k: Int) -> Bool {
    hasSmallMatrixKernel && m % 16 == 0 && n % 16 == 0 && n >= 128 && k <= 256
      && m * n * k > 1 << 17 && m * n * k <= 1 << 21
  }

  /// Whether the OpenBLAS core in use has the small-matrix kernel: its AVX-512 cores
  /// (SkylakeX, Cooperlake, Sapphire Rapids).
  static let hasSmallMatrixKernel: Bool = {
    ["skylakex", "cooperlake", "sapphirerapids"].contains(BLAS.coreName.lowercased())
  }()
}

extension Tensor {
  /// op(a) · op(b) by one `cblas_sgemm` call per block of `rows` rows of the result (the last
  /// block may be shorter).
  static func productInRowBlocks(_ a: Tensor, _ b: Tensor, _ shape: ProductShape, rowsPerCall rows: Int) -> Tensor {
    precondition(rows > 0, "productInRowBlocks: rows per call must be positive, got \(rows)")
    let (m, n, k, ta, tb) = (shape.m, shape.n, shape.k, shape.transposeA, shape.transposeB)
    return a.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        Tensor(shape: [m, n]) { pc in
          for first in stride(from: 0, to: m, by: rows) {
            // Rows `first...` of op(a): rows of a, or columns of a when it is transposed.
            let blockA = pa.baseAddress! + (ta ? first : first * k)
            cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                        Int32(min(rows, m - first)), Int32(n), Int32(k), 1, blockA, Int32(a.shape[1]),
                        pb.baseAddress, Int32(b.shape[1]), 0, pc.baseAddress! + first * n, Int32(n))
          }
        }
      }
    }
  }
}
