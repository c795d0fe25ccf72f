import CBLAS

/// The eigenvalues and eigenvectors of a real symmetric matrix, S = V diag(λ) Vᵀ, from LAPACK's
/// `dsyev` (through OpenBLAS): the only place the core calls LAPACK.
public struct SymmetricEigen: Sendable {
  /// The eigenvalues, in ascending order.
  public let values: [Double]
  /// The eigenvectors as the columns of an n × n row-major matrix: column j belongs to values[j].
  public let vectors: [Double]
  public let n: Int

  /// The decomposition of the symmetric n × n matrix `matrix` (row-major; only its lower
  /// triangle is read).
  public init(_ matrix: [Double], n: Int) {
    precondition(matrix.count == n * n, "SymmetricEigen: \(matrix.count) numbers are not a \(n) × \(n) matrix")
    guard n > 0 else {
      (values, vectors, self.n) = ([], [], 0)
      return
    }
    // LAPACK is column-major: the row-major lower triangle is its upper triangle.
    var a = matrix
    var w = [Double](repeating: 0, count: n)
    var (size, info, lwork) = (Int32(n), Int32(0), Int32(-1))
    var query = 0.0
    dsyev_("V", "U", &size, &a, &size, &w, &query, &lwork, &info, 1, 1)
    lwork = Int32(query)
    var work = [Double](repeating: 0, count: Int(lwork))
    dsyev_("V", "U", &size, &a, &size, &w, &work, &lwork, &info, 1, 1)
    precondition(info == 0, "SymmetricEigen: LAPACK dsyev failed (info \(info)) on a \(n) × \(n) matrix")
    // a holds the eigenvectors as columns, column-major: row-major, that is the transpose.
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n { v[i * n + j] = a[j * n + i] } }
    (values, vectors, self.n) = (w, v, n)
  }

  /// V diag(f(λ)) Vᵀ: the function f applied to the matrix (f = √ gives the square root of a
  /// positive semi-definite matrix).
  public func applying(_ f: (Double) -> Double) -> [Double] {
    let fl = values.map(f)
    var result = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in i..<n {
        var sum = 0.0
        for k in 0..<n { sum += vectors[i * n + k] * fl[k] * vectors[j * n + k] }
        (result[i * n + j], result[j * n + i]) = (sum, sum)
      }
    }
    return result
  }
}
