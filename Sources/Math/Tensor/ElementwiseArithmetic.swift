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

  /// Adds `bias` (`[1, columns]` or `[columns]`) to every row of `self`, in place: a fresh
  /// matrix product takes its bias without a copy.
  public mutating func addRow(_ bias: Tensor) {
    let (r, c) = (rows, columns)
    precondition(bias.count == c, "addRow: row of \(bias.shape) does not fit rows of \(shape)")
    scalars.withUnsafeMutableBufferPointer { x in
      bias.scalars.withUnsafeBufferPointer { b in
        for i in 0..<r {
          for j in 0..<c { x[i * c + j] += b[j] }
        }
      }
    }
  }
}
