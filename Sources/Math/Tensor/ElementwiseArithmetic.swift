/// Element-wise arithmetic on tensors of equal shape, and with scalars. Loops run over unsafe
/// buffers: no allocation per element, one allocation per result.
extension Tensor {
  /// A new tensor with `transform` applied to every element.
  @inlinable
  public func map(_ transform: (Float) -> Float) -> Tensor {
    scalars.withUnsafeBufferPointer { source in
      Tensor(shape: shape) { target in
        for i in 0..<source.count { target[i] = transform(source[i]) }
      }
    }
  }

  /// A new tensor combining `self` and `other` element by element; shapes must match.
  @inlinable
  public func zipMap(_ other: Tensor, _ combine: (Float, Float) -> Float) -> Tensor {
    precondition(shape == other.shape, "element-wise operation: shapes \(shape) and \(other.shape) differ")
    return scalars.withUnsafeBufferPointer { a in
      other.scalars.withUnsafeBufferPointer { b in
        Tensor(shape: shape) { target in
          for i in 0..<a.count { target[i] = combine(a[i], b[i]) }
        }
      }
    }
  }

  public static func + (a: Tensor, b: Tensor) -> Tensor { a.zipMap(b, +) }
  public static func - (a: Tensor, b: Tensor) -> Tensor { a.zipMap(b, -) }
  public static func * (a: Tensor, b: Tensor) -> Tensor { a.zipMap(b, *) }
  public static func * (a: Tensor, s: Float) -> Tensor { a.map { $0 * s } }
  public static func * (s: Float, a: Tensor) -> Tensor { a.map { $0 * s } }
  public static prefix func - (a: Tensor) -> Tensor { a.map { -$0 } }

  /// Adds `other` into `self` element by element (gradient accumulation).
  public mutating func add(_ other: Tensor) {
    precondition(shape == other.shape, "add: shapes \(shape) and \(other.shape) differ")
    scalars.withUnsafeMutableBufferPointer { target in
      other.scalars.withUnsafeBufferPointer { source in
        for i in target.indices { target[i] += source[i] }
      }
    }
  }

  /// The sum of all elements, accumulated in Double.
  public func sum() -> Double {
    scalars.withUnsafeBufferPointer { b in b.reduce(0.0) { $0 + Double($1) } }
  }

  /// The mean of all elements.
  public func mean() -> Double { count == 0 ? .nan : sum() / Double(count) }

  /// Column sums of a matrix: shape `[1, columns]` (the gradient of a broadcast bias). Each
  /// column is summed from the first row to the last, eight columns at a time.
  public func sumOverRows() -> Tensor {
    let (r, c) = (rows, columns)
    guard r > 0 && c > 0 else { return Tensor(zeros: [1, c]) }
    return scalars.withUnsafeBufferPointer { source in
      Tensor(shape: [1, c]) { target in
        let (x, sums) = (source.baseAddress!, target.baseAddress!)
        var j = 0
        while j + 8 <= c {
          var sum = SIMD8<Float>()
          for i in 0..<r { sum += UnsafeRawPointer(x + i * c + j).loadUnaligned(as: SIMD8<Float>.self) }
          UnsafeMutableRawPointer(sums + j).storeBytes(of: sum, as: SIMD8<Float>.self)
          j += 8
        }
        while j < c {
          var sum: Float = 0
          for i in 0..<r { sum += x[i * c + j] }
          sums[j] = sum
          j += 1
        }
      }
    }
  }

  /// `self + bias` with `bias` of shape `[1, columns]` (or `[columns]`) added to every row.
  public func addingRow(_ bias: Tensor) -> Tensor {
    var out = self
    out.addRow(bias)
    return out
  }

  /// Adds `bias` (`[1, columns]` or `[columns]`) to every row and applies the leaky ReLU with
  /// `slope`, in place and in one pass: z = x + b, then z where z > 0 and slope · z elsewhere,
  /// then times `mask` element by element when there is one (dropout). The same numbers as
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

  /// Calls `body` with the address of `tensor`'s elements, or with nil when there is no tensor
  /// (an optional operand of a fused pass, such as a dropout mask).
  @inline(__always)
  static func withScalarsIfAny<Result>(of tensor: Tensor?, _ body: (UnsafePointer<Float>?) -> Result) -> Result {
    guard let tensor else { return body(nil) }
    return tensor.scalars.withUnsafeBufferPointer { body($0.baseAddress) }
  }

  /// Adds `bias` (`[1, columns]` or `[columns]`) to every row of `self`, in place: a fresh
  /// matrix product takes its bias without a copy. (A leaky ReLU with slope 1 is exactly the
  /// identity: 1 · z = z.)
  public mutating func addRow(_ bias: Tensor) {
    addRowAndRectify(bias, slope: 1)
  }
}
