import Math

/// `body` applied to the rows of `data` `size` at a time, the results stacked in order: a
/// trained network evaluated on a whole data set without holding every activation at once.
func evaluatedInBatches(_ data: Tensor, size: Int, _ body: (Tensor) -> Tensor) -> Tensor {
  precondition(size > 0, "evaluatedInBatches: batch size must be positive, got \(size)")
  return Tensor.concatenatingRows(stride(from: 0, to: data.rows, by: size).map { start in
    body(data.rows(start..<min(start + size, data.rows)))
  })
}
