/// Matrices side by side: the input of a conditional GAN's networks, [z | y] for G and
/// [y | x] for D (Mirza & Osindero 2014; tutorial paper §IV).
extension Tensor {
  /// Matrices placed side by side along the second axis; all must have the same number of rows.
  /// Shapes `[n, c₁]`, `[n, c₂]`, … give `[n, c₁ + c₂ + …]`.
  public static func concatenatingColumns(_ parts: [Tensor]) -> Tensor {
    precondition(!parts.isEmpty, "concatenatingColumns: nothing to concatenate")
    let n = parts[0].rows
    precondition(parts.allSatisfy { $0.rows == n }, "concatenatingColumns: row counts \(parts.map(\.shape)) differ")
    let widths = parts.map(\.columns)
    let total = widths.reduce(0, +)
    return Tensor(shape: [n, total]) { out in
      var offset = 0
      for (part, c) in zip(parts, widths) {
        part.scalars.withUnsafeBufferPointer { source in
          for i in 0..<n {
            for j in 0..<c { out[i * total + offset + j] = source[i * c + j] }
          }
        }
        offset += c
      }
    }
  }

  /// Columns `range` of a matrix, shape `[rows, range.count]`.
  public func columns(_ range: Range<Int>) -> Tensor {
    let (n, c) = (rows, columns)
    precondition(range.lowerBound >= 0 && range.upperBound <= c, "columns: \(range) outside 0..<\(c)")
    let w = range.count
    return Tensor(shape: [n, w]) { out in
      scalars.withUnsafeBufferPointer { source in
        for i in 0..<n {
          for j in 0..<w { out[i * w + j] = source[i * c + range.lowerBound + j] }
        }
      }
    }
  }
}

extension Variable {
  /// Matrices side by side (a part with more axes, such as an image batch, joins as its rows
  /// flattened). The gradient of each part is its block of columns of the output's gradient,
  /// in the part's shape: ∂L/∂Aₖ = G[:, offsetₖ ..< offsetₖ + cₖ].
  public static func concatenatingColumns(_ parts: [Variable]) -> Variable {
    let widths = parts.map(\.value.columns)
    return Variable(Tensor.concatenatingColumns(parts.map(\.value)), parents: parts) { g in
      var start = 0
      return zip(parts, widths).map { part, c in
        defer { start += c }
        return part.requiresGradient ? g.columns(start..<(start + c)).reshaped(part.shape) : nil
      }
    }
  }
}
