import Foundation

/// Losses as plain functions of a prediction and a target, each returning a scalar `Variable`
/// (the mean over all elements).

/// Binary cross-entropy on logits a with targets y ∈ [0, 1]:
/// mean of −[y log σ(a) + (1 − y) log(1 − σ(a))], computed stably as
/// max(a, 0) − a·y + log(1 + e^(−|a|)). Gradient: (σ(a) − y) / n.
///
/// This is the discriminator's loss of Goodfellow et al. 2014 (Eq. 1) with D = σ(a).
public func binaryCrossEntropy(logits: Variable, targets: Tensor) -> Variable {
  let a = logits.value
  precondition(a.shape == targets.shape, "binaryCrossEntropy: logits \(a.shape) and targets \(targets.shape) differ")
  let perElement = a.zipMap(targets) { ai, yi in max(ai, 0) - ai * yi + log1p(exp(-abs(ai))) }
  let n = Float(a.count)
  return Variable(Tensor(Float(perElement.mean())), parents: [logits]) { g in
    let scale = g.scalar / n
    return [a.zipMap(targets) { ai, yi in (sigmoid(ai) - yi) * scale }]
  }
}

/// Binary cross-entropy on probabilities p ∈ (0, 1) (PyTorch's `BCELoss`), for models whose
/// last layer is a sigmoid. Each log is clamped at −100, as PyTorch does, so p = 0 or 1 gives a
/// finite loss. Prefer `binaryCrossEntropy(logits:targets:)`, which is exact for large |a|.
public func binaryCrossEntropy(probabilities: Variable, targets: Tensor) -> Variable {
  let p = probabilities.value
  precondition(p.shape == targets.shape, "binaryCrossEntropy: probabilities \(p.shape) and targets \(targets.shape) differ")
  let perElement = p.zipMap(targets) { pi, yi in -(yi * max(log(pi), -100) + (1 - yi) * max(log(1 - pi), -100)) }
  let n = Float(p.count)
  return Variable(Tensor(Float(perElement.mean())), parents: [probabilities]) { g in
    let scale = g.scalar / n
    let eps: Float = 1e-12
    return [p.zipMap(targets) { pi, yi in (-(yi / max(pi, eps)) + (1 - yi) / max(1 - pi, eps)) * scale }]
  }
}

/// Mean squared error: mean of (prediction − target)². Gradient 2(prediction − target)/n.
public func meanSquaredError(_ prediction: Variable, _ target: Tensor) -> Variable {
  // BEGIN SOLUTION mean-squared-error
  // HINT: d = prediction − target; the value is the mean of d², and the pullback returns [d · 2g/n]
  let d = prediction.value - target
  let n = Float(d.count)
  return Variable(Tensor(Float((d * d).mean())), parents: [prediction]) { g in
    [d * (2 * g.scalar / n)]
  }
  // END SOLUTION
}
