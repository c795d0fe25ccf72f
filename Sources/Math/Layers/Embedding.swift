/// A learned vector for each class label: the label input of a conditional GAN (Mirza &
/// Osindero 2014), looked up as a row of a table instead of fed as a one-hot vector. Looking up
/// row y is the product onehot(y) · table, without the zeros.
///
/// Not a `Layer`: its input is a batch of labels, not a tensor. Its `parameters` (the table)
/// are for the optimizer like any layer's.
public struct Embedding {
  /// The table `[classes, dimensions]`: row y is the vector of label y.
  public let table: Variable

  /// A table of independent N(0, 1) draws, PyTorch's default for `nn.Embedding`.
  public init<G: RandomNumberGenerator>(classes: Int, dimensions: Int, using generator: inout G) {
    precondition(
      classes > 0 && dimensions > 0,
      "Embedding: needs classes > 0 and dimensions > 0, got \(classes) and \(dimensions)")
    let normal = Distribution1D.normal(mean: 0, sd: 1)
    table = Variable(
      normal.tensor(rows: classes, columns: dimensions, using: &generator), requiresGradient: true)
  }

  /// An embedding with the given table `[classes, dimensions]`.
  public init(table: Tensor) {
    precondition(
      table.rank == 2, "Embedding: the table must be [classes, dimensions], got \(table.shape)")
    self.table = Variable(table, requiresGradient: true)
  }

  /// The number of labels, 0..<classes.
  public var classes: Int { table.shape[0] }
  /// The length of each label's vector.
  public var dimensions: Int { table.shape[1] }

  /// The rows of the table for `labels`, in order: shape `[labels.count, dimensions]`.
  public func callAsFunction(_ labels: [Int]) -> Variable {
    for label in labels {
      precondition(
        label >= 0 && label < classes, "Embedding: label \(label) is outside 0..<\(classes)")
    }
    return table.gatheringRows(labels)
  }

  public var parameters: [Variable] { [table] }
}

extension Variable {
  /// The rows at `indices`, in that order, with repeats allowed. Row k of the output is row
  /// indices[k] of the input, so the gradient adds row k of G into row indices[k]: a row picked
  /// twice gets both rows of G, and a row never picked gets 0.
  public func gatheringRows(_ indices: [Int]) -> Variable {
    let shape = value.shape
    let c = value.columns
    return Variable(value.gatheringRows(indices), parents: [self]) { g in
      var gradient = Tensor(zeros: shape)
      gradient.scalars.withUnsafeMutableBufferPointer { target in
        g.scalars.withUnsafeBufferPointer { source in
          for (k, row) in indices.enumerated() {
            for j in 0..<c { target[row * c + j] += source[k * c + j] }
          }
        }
      }
      return [gradient]
    }
  }
}
