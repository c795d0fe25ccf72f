import CBLAS

/// Matrix products through OpenBLAS `cblas_sgemm`: the only place the core calls BLAS.
extension Tensor {
  /// `op(a) · op(b)` for matrices, where `op` transposes when asked.
  ///
  /// Shapes: `op(a)` is `[m, k]`, `op(b)` is `[k, n]`, the result `[m, n]`.
  ///
  /// A product is computed by one `cblas_sgemm` call per block of `rowsPerCall` rows of the
  /// result; by default, `BLAS.rowsPerCall(m:n:k:transposeB:)` rows when OpenBLAS runs on one
  /// thread, and all of them in one call otherwise. By default too, on one thread, a · bᵀ is
  /// computed as a · (bᵀ) from a transposed copy of b where `BLAS.transposesBFirst(m:n:k:)`
  /// says so. Either way the numbers are those of one call.
  public static func matmul(_ a: Tensor, _ b: Tensor, transposeA ta: Bool = false,
                            transposeB tb: Bool = false, rowsPerCall: Int? = nil) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2, "matmul: needs matrices, got shapes \(a.shape) and \(b.shape)")
    let (m, k) = ta ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = tb ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    precondition(k == k2, "matmul: inner sizes differ: \(ta ? "aᵀ" : "a") \(a.shape) · \(tb ? "bᵀ" : "b") \(b.shape)")
    precondition((rowsPerCall ?? 1) > 0, "matmul: rowsPerCall must be positive, got \(rowsPerCall ?? 0)")
    guard m > 0 && n > 0 && k > 0 else { return Tensor(zeros: [m, n]) }
    let oneThread = openblas_get_num_threads() == 1
    if rowsPerCall == nil, oneThread, tb, !ta, BLAS.transposesBFirst(m: m, n: n, k: k) {
      return matmul(a, b.transposed())
    }
    let rows = rowsPerCall ?? (oneThread ? BLAS.rowsPerCall(m: m, n: n, k: k, transposeB: tb) : m)
    // β = 0: BLAS overwrites C without reading it, so C need not be zeroed first.
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

extension Tensor {
  /// The transpose of a matrix: element (i, j) of the result is element (j, i) of this one.
  public func transposed() -> Tensor {
    precondition(rank == 2, "transposed: needs a matrix, got shape \(shape)")
    let (rows, columns) = (shape[0], shape[1])
    guard rows > 0 && columns > 0 else { return Tensor(zeros: [columns, rows]) }
    return scalars.withUnsafeBufferPointer { source in
      Tensor(shape: [columns, rows]) { result in
        cblas_somatcopy(CblasRowMajor, CblasTrans, Int32(rows), Int32(columns), 1, source.baseAddress,
                        Int32(columns), result.baseAddress, Int32(rows))
      }
    }
  }
}

/// Settings of the BLAS library behind `Tensor.matmul`.
public enum BLAS {
  /// Sets how many threads OpenBLAS uses. One thread is fastest for the workbook's small
  /// matrices and lets independent trainings run side by side on the machine's cores.
  public static func setThreadCount(_ count: Int) {
    openblas_set_num_threads(Int32(max(1, count)))
  }

  /// Rows of the result per `cblas_sgemm` call in `Tensor.matmul`: all of them, except for
  /// products that OpenBLAS's small-matrix kernel can take in pieces but not whole.
  ///
  /// OpenBLAS's AVX-512 cores (SkylakeX, Cooperlake, Sapphire Rapids) have a kernel for small
  /// products that skips the copying ("packing") of the operands into blocks, used up to about
  /// 10⁶ multiply-adds; a larger product is packed. For the workbook's products just above
  /// that size, packing costs more than it saves: in the sine GAN of chapter 3, its 64 × 256 ·
  /// 256 × 128 layer took 51 µs in one call and 40 µs in four calls of 16 rows, and its
  /// 32-row product 24.7 µs against 18.7 µs in two calls; the whole recipe trained about 5 %
  /// faster. Products with bᵀ are left whole: the small kernel is slower for them.
  ///
  /// Splitting must change no number, and it does not when every size is a whole number of
  /// the kernels' 16-wide tiles: each element of the result is then the same sum in the same
  /// order, one multiply-add per term from the first up, whichever kernel computes it. It does
  /// change the last bit of some elements when m or n is not a multiple of 16 (the kernels
  /// handle the leftover lanes differently) or when k is over 320 (OpenBLAS then splits the sum
  /// itself), so such products stay whole; so do those with k over 256, beyond what the test
  /// covers. `TensorTests` checks the split bit for bit over random shapes.
  ///
  /// Only products of up to 2²¹ multiply-adds are split: larger ones are faster whole (a
  /// 256 × 256 · 256 × 256 product took 401 µs in one call and 604 µs in 16-row blocks). And
  /// only when OpenBLAS runs on one thread, as the chapters run it: the small kernel uses one
  /// thread, while a whole product can use them all (`Tensor.matmul` checks that; this
  /// function gives the rows per call for one thread).
  public static func rowsPerCall(m: Int, n: Int, k: Int, transposeB: Bool) -> Int {
    // Blocks of at most 2¹⁹ multiply-adds, in multiples of 16 rows.
    let limit = 1 << 19
    guard hasSmallMatrixKernel, !transposeB, k <= 256, m % 16 == 0, n % 16 == 0, m >= 32,
          m * n * k > limit, m * n * k <= 4 * limit else { return m }
    return max(16, limit / (n * k) / 16 * 16)
  }

  /// Whether `Tensor.matmul` computes a · bᵀ (a of shape [m, k], b of shape [n, k]) on one
  /// thread as a · (bᵀ), from a transposed copy of b, rather than in one call with bᵀ.
  ///
  /// OpenBLAS's small-matrix kernel is slower with bᵀ than without: in the sine GAN of chapter
  /// 3, the gradient of a 64-row batch through its 256 × 128 layer, G · Wᵀ, took 49–57 µs in one
  /// call, against 5–6 µs to transpose W and 40–45 µs for the product in row blocks
  /// (`rowsPerCall(m:n:k:transposeB:)`). Its four such products went from about 105 µs a step
  /// to 90 µs, and the whole recipe trained 3.8 % faster. Over 80 random shapes of this rule's
  /// range the copy and the product were faster in 72, and at worst 1.25 times slower. The rule
  /// applies from 2¹⁷ to 2²¹ multiply-adds, the range measured.
  ///
  /// The numbers must not change, and they do not when m and n are whole numbers of 16-wide
  /// tiles, n is at least 128 and k at most 256: then 10,000 random shapes gave the same bits
  /// both ways. With n of 64 or less, 83 of 3,000 shapes differed in some last bit, so those
  /// products stay as they are. `TensorTests` checks the rule bit for bit over random shapes.
  public static func transposesBFirst(m: Int, n: Int, k: Int) -> Bool {
    hasSmallMatrixKernel && m % 16 == 0 && n % 16 == 0 && n >= 128 && k <= 256
      && m * n * k > 1 << 17 && m * n * k <= 1 << 21
  }

  /// Whether the OpenBLAS core in use has the small-matrix kernel (chosen at load time for the
  /// processor).
  public static let hasSmallMatrixKernel: Bool = {
    let core = String(cString: openblas_get_corename()).lowercased()
    return ["skylakex", "cooperlake", "sapphirerapids"].contains(core)
  }()
}
