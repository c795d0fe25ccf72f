import Foundation

/// A dense, row-major array of `Float` with a shape: the value every computation passes around.
///
/// `Tensor` is a value: copies share storage until one of them is mutated (copy-on-write,
/// inherited from `Array`). Shapes are checked with preconditions that print both shapes.
public struct Tensor: Equatable, Sendable {
  /// The extent of each axis, outermost first; `[]` is a scalar.
  public private(set) var shape: [Int]
  /// The elements in row-major order; `scalars.count == shape.product`. Set only inside the
  /// core, so the count cannot drift from the shape; elements of a matrix are written through
  /// `self[row, column]`.
  public internal(set) var scalars: [Float]

  /// A tensor of the given shape holding `scalars` in row-major order.
  public init(shape: [Int], scalars: [Float]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative extent in shape \(shape)")
    precondition(
      scalars.count == shape.reduce(1, *),
      "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
    self.shape = shape
    self.scalars = scalars
  }

  /// A tensor of the given shape whose elements `initialize` writes, every one of them, into
  /// uninitialised memory (one allocation, no zero-filling first).
  @inlinable
  public init(shape: [Int], initializingWith initialize: (UnsafeMutableBufferPointer<Float>) -> Void) {
    let count = shape.reduce(1, *)
    self.init(shape: shape, scalars: [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
      initialize(buffer)
      initialized = count
    })
  }

  /// A tensor of the given shape with every element equal to `value`.
  public init(repeating value: Float, shape: [Int]) {
    self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
  }

  /// A tensor of zeros.
  public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

  /// A scalar (rank-0) tensor.
  public init(_ value: Float) { self.init(shape: [], scalars: [value]) }

  /// A matrix from rows of equal length.
  public init(rows: [[Float]]) {
    let columns = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == columns }, "Tensor(rows:): rows differ in length")
    self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
  }

  /// A column vector `[n, 1]` from Doubles (the usual way 1D data enters a model).
  public init(column values: [Double]) {
    self.init(shape: [values.count, 1], scalars: values.map { Float($0) })
  }

  /// The number of elements.
  public var count: Int { scalars.count }
  /// The number of axes.
  public var rank: Int { shape.count }
  /// The extent of the first axis (the batch, for a matrix).
  public var rows: Int { shape.first ?? 1 }
  /// The number of elements in one row: the product of all axes but the first.
  public var columns: Int { shape.count <= 1 ? 1 : shape.dropFirst().reduce(1, *) }

  /// The element at `(row, column)` of a matrix.
  public subscript(row: Int, column: Int) -> Float {
    get { scalars[row * columns + column] }
    set { scalars[row * columns + column] = newValue }
  }

  /// The same elements under a new shape with the same number of elements.
  public func reshaped(_ newShape: [Int]) -> Tensor {
    Tensor(shape: newShape, scalars: scalars)
  }

  /// The element of a one-element tensor.
  public var scalar: Float {
    precondition(count == 1, "Tensor.scalar: shape \(shape) has \(count) elements, not 1")
    return scalars[0]
  }

  /// Row `i` of a matrix as Doubles.
  public func row(_ i: Int) -> [Double] {
    let c = columns
    return scalars[(i * c)..<((i + 1) * c)].map(Double.init)
  }

  /// Column `j` of a matrix as Doubles.
  public func column(_ j: Int) -> [Double] {
    let c = columns
    return (0..<rows).map { Double(scalars[$0 * c + j]) }
  }

  /// Rows `range` of a matrix (or of any tensor, along its first axis).
  public func rows(_ range: Range<Int>) -> Tensor {
    let c = columns
    var newShape = shape
    newShape[0] = range.count
    return Tensor(shape: newShape, scalars: Array(scalars[(range.lowerBound * c)..<(range.upperBound * c)]))
  }

  /// The rows at `indices`, in that order (a minibatch).
  public func gatheringRows(_ indices: [Int]) -> Tensor {
    let c = columns
    var out = [Float](repeating: 0, count: indices.count * c)
    scalars.withUnsafeBufferPointer { source in
      out.withUnsafeMutableBufferPointer { target in
        for (k, i) in indices.enumerated() {
          precondition(i >= 0 && i < rows, "gatheringRows: index \(i) outside 0..<\(rows)")
          for j in 0..<c { target[k * c + j] = source[i * c + j] }
        }
      }
    }
    var newShape = shape
    newShape[0] = indices.count
    return Tensor(shape: newShape, scalars: out)
  }

  /// Matrices stacked along the first axis; all must have the same row length.
  public static func concatenatingRows(_ parts: [Tensor]) -> Tensor {
    precondition(!parts.isEmpty, "concatenatingRows: nothing to concatenate")
    let c = parts[0].columns
    precondition(parts.allSatisfy { $0.columns == c }, "concatenatingRows: row lengths \(parts.map(\.shape)) differ")
    var newShape = parts[0].shape
    newShape[0] = parts.reduce(0) { $0 + $1.rows }
    return Tensor(shape: newShape, scalars: parts.flatMap(\.scalars))
  }

  /// True when every element is finite (no NaN, no infinity).
  public var isFinite: Bool { scalars.allSatisfy(\.isFinite) }
}

extension Tensor: CustomStringConvertible {
  public var description: String {
    let shown = scalars.prefix(8).map { String(format: "%.4g", Double($0)) }.joined(separator: ", ")
    return "Tensor(shape: \(shape), [\(shown)\(count > 8 ? ", …" : "")])"
  }
}
