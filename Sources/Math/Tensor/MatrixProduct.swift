import CBLAS

/// Matrix products through OpenBLAS `cblas_sgemm`: the only place the core calls BLAS.
extension Tensor {
  /// `op(a) · op(b)` for matrices, where `op` transposes when asked.
  ///
  /// Shapes: `op(a)` is `[m, k]`, `op(b)` is `[k, n]`, the result `[m, n]`.
  ///
  /// The result is that of one `cblas_sgemm` call (`productInOneCall`), bit for bit. For the
  /// few shapes where OpenBLAS may be faster in pieces (one thread, sizes in whole 16-wide
  /// tiles; `TunedProduct`), the faster of the two ways on this machine is found by timing
  /// both during the first products of that shape (`MatrixProductPlanner`); both give the same
  /// numbers.
  public static func matmul(_ a: Tensor, _ b: Tensor, transposeA ta: Bool = false,
                            transposeB tb: Bool = false) -> Tensor {
    let shape = ProductShape(a, b, transposeA: ta, transposeB: tb, product: "matmul")
    guard shape.m > 0 && shape.n > 0 && shape.k > 0 else { return Tensor(zeros: [shape.m, shape.n]) }
    guard let tuned = TunedProduct(shape) else { return productInOneCall(a, b, shape) }
    return MatrixProductPlanner.shared.product(
      shape, oneCall: { productInOneCall(a, b, shape) }, tuned: { tuned.product(a, b, shape) })
  }

  /// `op(a) · op(b)` in one `cblas_sgemm` call: C ← 1 · op(A) op(B) + 0 · C, row-major.
  static func productInOneCall(_ a: Tensor, _ b: Tensor, _ shape: ProductShape) -> Tensor {
    let (m, n, k) = (shape.m, shape.n, shape.k)
    // β = 0: BLAS overwrites C without reading it, so C need not be zeroed first.
    return a.scalars.withUnsafeBufferPointer { pa in
      b.scalars.withUnsafeBufferPointer { pb in
        Tensor(shape: [m, n]) { pc in
          cblas_sgemm(CblasRowMajor, shape.transposeA ? CblasTrans : CblasNoTrans,
                      shape.transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                      pa.baseAddress, Int32(a.shape[1]), pb.baseAddress, Int32(b.shape[1]), 0,
                      pc.baseAddress, Int32(n))
        }
      }
    }
  }
}

/// The sizes of a product op(a) · op(b): op(a) `[m, k]`, op(b) `[k, n]`, and which operands are
/// transposed.
struct ProductShape: Hashable, Sendable {
  let m: Int
  let n: Int
  let k: Int
  let transposeA: Bool
  let transposeB: Bool
}

extension ProductShape {
  /// The sizes of op(a) · op(b), after checking that a and b are matrices whose inner sizes
  /// agree; `product` names the function in the message when they are not.
  init(_ a: Tensor, _ b: Tensor, transposeA ta: Bool, transposeB tb: Bool, product: String) {
    precondition(a.rank == 2 && b.rank == 2, "\(product): needs matrices, got shapes \(a.shape) and \(b.shape)")
    let (m, k) = ta ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = tb ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    precondition(k == k2, "\(product): inner sizes differ: \(ta ? "aᵀ" : "a") \(a.shape) · \(tb ? "bᵀ" : "b") \(b.shape)")
    self.init(m: m, n: n, k: k, transposeA: ta, transposeB: tb)
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

/// The BLAS library behind `Tensor.matmul`: OpenBLAS.
public enum BLAS {
  /// Sets how many threads OpenBLAS uses (at least one). One thread is fastest for the
  /// workbook's small matrices and lets independent trainings run side by side on the
  /// machine's cores.
  public static func setThreadCount(_ count: Int) {
    openblas_set_num_threads(Int32(max(1, count)))
  }

  /// How many threads OpenBLAS uses.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }

  /// The name of the OpenBLAS core in use, chosen when the library loads for the processor it
  /// runs on (e.g. "SkylakeX", "Haswell", "Zen").
  public static var coreName: String { String(cString: openblas_get_corename()) }
}
