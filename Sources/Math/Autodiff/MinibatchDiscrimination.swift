import Foundation

/// The differentiable pieces of minibatch discrimination (Salimans et al. 2016, §3.2).
extension Variable {
  /// Minibatch features: each row i of this `[n, kernels · c]` matrix holds the rows of
  /// M_i ∈ ℝ^{kernels × c}; the result `[n, kernels]` is
  ///
  ///     o(x_i)_b = Σ_j exp(−‖M_{i,b} − M_{j,b}‖₁)    (Salimans et al. 2016, §3.2)
  ///
  /// summed over every row j of the batch, itself included (a term equal to 1). A sample whose
  /// features sit close to the others' gets large values: the discriminator can see that a
  /// batch lacks diversity. With c_b(i, j) = exp(−‖M_{i,b} − M_{j,b}‖₁) and G = ∂L/∂o:
  /// ∂L/∂M_{k,b,d} = −Σ_j (G_{k,b} + G_{j,b}) c_b(k, j) sign(M_{k,b,d} − M_{j,b,d}).
  /// The L1 norm has a kink where two entries are equal; its derivative there is taken as 0.
  public func minibatchSimilarity(kernels: Int) -> Variable {
    let m = value
    let n = m.rows
    precondition(m.rank == 2 && kernels > 0 && m.columns % kernels == 0,
                 "minibatchSimilarity: input \(m.shape) does not split into \(kernels) kernels")
    let c = m.columns / kernels
    let width = m.columns
    var kernel = [Float](repeating: 0, count: n * n * kernels)  // c_b(i, j) at (i·n + j)·kernels + b
    var out = [Float](repeating: 0, count: n * kernels)
    m.scalars.withUnsafeBufferPointer { x in
      for i in 0..<n {
        for j in i..<n {
          for b in 0..<kernels {
            var distance: Float = 0
            for d in 0..<c { distance += abs(x[i * width + b * c + d] - x[j * width + b * c + d]) }
            let value = Foundation.exp(-distance)
            kernel[(i * n + j) * kernels + b] = value
            kernel[(j * n + i) * kernels + b] = value
            out[i * kernels + b] += value
            if j != i { out[j * kernels + b] += value }
          }
        }
      }
    }
    return Variable(Tensor(shape: [n, kernels], scalars: out), parents: [self]) { g in
      var grad = [Float](repeating: 0, count: n * width)
      m.scalars.withUnsafeBufferPointer { x in
        for k in 0..<n {
          for j in 0..<n where j != k {
            for b in 0..<kernels {
              let weight = (g.scalars[k * kernels + b] + g.scalars[j * kernels + b]) * kernel[(k * n + j) * kernels + b]
              for d in 0..<c {
                let difference = x[k * width + b * c + d] - x[j * width + b * c + d]
                let sign: Float = difference > 0 ? 1 : (difference < 0 ? -1 : 0)
                grad[k * width + b * c + d] -= weight * sign
              }
            }
          }
        }
      }
      return [Tensor(shape: m.shape, scalars: grad)]
    }
  }
}
