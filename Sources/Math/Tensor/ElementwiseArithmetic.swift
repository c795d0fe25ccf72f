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

  /// Column sums of a matrix: shape `[1, columns]` (the gradient of a broadcast bias).
  public func sumOverRows() -> Tensor {
    let c = columns
    var out = [Float](repeating: 0, count: c)
    scalars.withUnsafeBufferPointer { source in
      out.withUnsafeMutableBufferPointer { target in
        for i in 0..<rows {
          for j in 0..<c { target[j] += source[i * c + j] }
        }
      }
    }
    return Tensor(shape: [1, c], scalars: out)
  }

  /// `self + bias` with `bias` of shape `[1, columns]` (or `[columns]`) added to every row.
  public func addingRow(_ bias: Tensor) -> Tensor {
    let c = columns
    precondition(bias.count == c, "addingRow: row of \(bias.shape) does not fit rows of \(shape)")
    var out = self
    out.scalars.withUnsafeMutableBufferPointer { target in
      bias.scalars.withUnsafeBufferPointer { b in
        for i in 0..<rows {
          for j in 0..<c { target[i * c + j] += b[j] }
        }
      }
    }
    return out
  }
}
