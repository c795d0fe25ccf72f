import CBLAS

/// Matrix products through OpenBLAS `cblas_sgemm`: the only place the core calls BLAS.
extension Tensor {
  /// `op(a) · op(b)` for matrices, where `op` transposes when asked.
  ///
  /// Shapes: `op(a)` is `[m, k]`, `op(b)` is `[k, n]`, the result `[m, n]`.
  public static func matmul(_ a: Tensor, _ b: Tensor, transposeA ta: Bool = false,
                            transposeB tb: Bool = false) -> Tensor {
    precondition(a.rank == 2 && b.rank == 2, "matmul: needs matrices, got shapes \(a.shape) and \(b.shape)")
    let (m, k) = ta ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = tb ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    precondition(k == k2, "matmul: inner sizes differ: \(ta ? "aᵀ" : "a") \(a.shape) · \(tb ? "bᵀ" : "b") \(b.shape)")
    guard m > 0 && n > 0 && k > 0 else { return Tensor(zeros: [m, n]) }
    // β = 0: BLAS overwrites C without reading it, so C need not be zeroed first.
    return a.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        Tensor(shape: [m, n]) { pc in
          cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                      Int32(m), Int32(n), Int32(k), 1, pa.baseAddress, Int32(a.shape[1]),
                      pb.baseAddress, Int32(b.shape[1]), 0, pc.baseAddress, Int32(n))
        }
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
}
