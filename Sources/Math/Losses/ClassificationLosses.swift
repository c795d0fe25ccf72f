import Foundation

/// Losses of a classifier (the auxiliary classifier of an AC-GAN) and the L1 distance of
/// image-to-image translation (pix2pix), each a scalar `Variable`: the mean over the batch.

/// Softmax cross-entropy: the mean over the batch of −log softmax(a)[y], for logits a
/// `[batch, classes]` and one label y ∈ 0..<classes per row.
///
/// Computed stably from the log-sum-exp with the row's maximum taken out,
/// −log softmax(a)[y] = max(a) + log Σₖ e^(aₖ − max(a)) − a_y, so logits of any size give a
/// finite loss (every exponent is ≤ 0, and the largest is 0). Gradient:
/// (softmax(a) − onehot(y)) / batch.
public func softmaxCrossEntropy(logits: Variable, labels: [Int]) -> Variable {
  let a = logits.value
  precondition(a.rank == 2, "softmaxCrossEntropy: logits must be [batch, classes], got \(a.shape)")
  let (batch, classes) = (a.rows, a.columns)
  precondition(
    labels.count == batch,
    "softmaxCrossEntropy: logits \(a.shape) need \(batch) labels, got \(labels.count)")
  for label in labels {
    precondition(
      label >= 0 && label < classes, "softmaxCrossEntropy: label \(label) is outside 0..<\(classes)"
    )
  }
  var softmax = Tensor(zeros: a.shape)
  var total = 0.0
  a.scalars.withUnsafeBufferPointer { a in
    softmax.scalars.withUnsafeMutableBufferPointer { p in
      for i in 0..<batch {
        let row = (i * classes)..<((i + 1) * classes)
        let largest = a[row].max()!
        var sumOfExponentials = 0.0
        for k in row { sumOfExponentials += Foundation.exp(Double(a[k] - largest)) }
        let logSumExp = Double(largest) + Foundation.log(sumOfExponentials)
        for k in row { p[k] = Float(Foundation.exp(Double(a[k]) - logSumExp)) }
        total += logSumExp - Double(a[i * classes + labels[i]])
      }
    }
  }
  return Variable(Tensor(Float(total / Double(batch))), parents: [logits]) { g in
    let scale = g.scalar / Float(batch)
    var gradient = softmax
    for (i, label) in labels.enumerated() { gradient.scalars[i * classes + label] -= 1 }
    return [gradient * scale]
  }
}

/// The L1 loss: mean of |prediction − target| over all n elements. Gradient
/// sign(prediction − target) / n, taken as 0 where the two are equal (the kink of |·|).
public func l1Loss(_ prediction: Variable, _ target: Tensor) -> Variable {
  precondition(
    prediction.shape == target.shape,
    "l1Loss: prediction \(prediction.shape) and target \(target.shape) differ")
  let d = prediction.value - target
  let n = Float(d.count)
  return Variable(Tensor(Float(d.map { abs($0) }.mean())), parents: [prediction]) { g in
    let scale = g.scalar / n
    return [d.map { $0 > 0 ? scale : ($0 < 0 ? -scale : 0) }]
  }
}
