/// The element-wise passes of the fused affine node (`FusedAffineLayer`), eight lanes at a
/// time. Each gives the numbers of the readable operations one after another, bit for bit.
extension Tensor {
  /// Adds `bias` (`[1, columns]` or `[columns]`) to every row and applies the leaky ReLU with
  /// `slope`, in place and in one pass: z = x + b, then z where z > 0 and slope · z elsewhere,
  /// then times `mask` element by element when there is one (dropout). The numbers of
  /// `addRow`, `Variable.leakyRelu` and `Dropout` one after another.
  mutating func addRowAndRectify(_ bias: Tensor, slope: Float, mask: Tensor? = nil) {
    let (r, c) = (rows, columns)
    precondition(bias.count == c, "addRow: row of \(bias.shape) does not fit rows of \(shape)")
    precondition(mask == nil || mask!.shape == shape, "addRowAndRectify: mask \(mask!.shape) differs from \(shape)")
    guard count > 0 else { return }
    let (zero, slopes) = (SIMD8<Float>(), SIMD8<Float>(repeating: slope))
    // Without a mask, the multiplications by it are left out (not made by ones: same numbers,
    // but a pass over memory for nothing).
    scalars.withUnsafeMutableBufferPointer { target in
      bias.scalars.withUnsafeBufferPointer { source in
        Tensor.withScalarsIfAny(of: mask) { m in
          let (x, b) = (target.baseAddress!, source.baseAddress!)
          for i in 0..<r {
            let row = x + i * c
            let maskRow = m.map { $0 + i * c }
            var j = 0
            while j + 8 <= c {
              let z = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Float>.self)
                + UnsafeRawPointer(b + j).loadUnaligned(as: SIMD8<Float>.self)
              var y = (slopes * z).replacing(with: z, where: z .> zero)
              if let maskRow { y *= UnsafeRawPointer(maskRow + j).loadUnaligned(as: SIMD8<Float>.self) }
              UnsafeMutableRawPointer(row + j).storeBytes(of: y, as: SIMD8<Float>.self)
              j += 8
            }
            while j < c {
              let z = row[j] + b[j]
              row[j] = z > 0 ? z : slope * z
              if let maskRow { row[j] *= maskRow[j] }
              j += 1
            }
          }
        }
      }
    }
  }

  /// Element by element, `self` where `x` > 0 and `slope · self` elsewhere, with `self` first
  /// multiplied by `mask` when there is one: the pullback of dropout then the leaky ReLU, when
  /// `x` is the output of both (where the mask dropped an element, x is 0 and the gradient
  /// 0 · g, so either branch gives the same ±0).
  func selectingWherePositive(_ x: Tensor, slope: Float, mask: Tensor? = nil) -> Tensor {
    precondition(shape == x.shape, "leakyRelu: gradient \(shape) and input \(x.shape) differ")
    precondition(mask == nil || mask!.shape == shape, "leakyRelu: mask \(mask!.shape) differs from \(shape)")
    let n = count
    return scalars.withUnsafeBufferPointer { source in
      x.scalars.withUnsafeBufferPointer { sign in
        Tensor.withScalarsIfAny(of: mask) { m in
          Tensor(shape: shape) { target in
            guard n > 0 else { return }
            let (a, s, y) = (source.baseAddress!, sign.baseAddress!, target.baseAddress!)
            let (zero, slopes) = (SIMD8<Float>(), SIMD8<Float>(repeating: slope))
            var i = 0
            while i + 8 <= n {
              var ai = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
              if let m { ai *= UnsafeRawPointer(m + i).loadUnaligned(as: SIMD8<Float>.self) }
              let positive = UnsafeRawPointer(s + i).loadUnaligned(as: SIMD8<Float>.self) .> zero
              UnsafeMutableRawPointer(y + i).storeBytes(of: (slopes * ai).replacing(with: ai, where: positive), as: SIMD8<Float>.self)
              i += 8
            }
            while i < n {
              let ai = m.map { a[i] * $0[i] } ?? a[i]
              y[i] = s[i] > 0 ? ai : slope * ai
              i += 1
            }
          }
        }
      }
    }
  }

  /// Calls `body` with the address of `tensor`'s elements, or with nil when there is no tensor
  /// (an optional operand of a fused pass, such as a dropout mask).
  @inline(__always)
  static func withScalarsIfAny<Result>(of tensor: Tensor?, _ body: (UnsafePointer<Float>?) -> Result) -> Result {
    guard let tensor else { return body(nil) }
    return tensor.scalars.withUnsafeBufferPointer { body($0.baseAddress) }
  }
}
