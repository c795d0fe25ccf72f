import Math

/// The losses of the adversarial game, each a small function of the discriminator's logits.

/// The discriminator's loss: the negative of its objective in Eq. 1 of Goodfellow et al. 2014,
/// −½ [mean log D(x) + mean log(1 − D(G(z)))], with labels 1 for real and 0 for generated
/// samples. Equals binary cross-entropy over the real and fake batches stacked together.
public func discriminatorLoss(realLogits: Variable, fakeLogits: Variable) -> Variable {
  let real = binaryCrossEntropy(logits: realLogits, targets: Tensor(repeating: 1, shape: realLogits.shape))
  let fake = binaryCrossEntropy(logits: fakeLogits, targets: Tensor(repeating: 0, shape: fakeLogits.shape))
  let (m, n) = (Float(realLogits.value.count), Float(fakeLogits.value.count))
  return (m / (m + n)) * real + (n / (m + n)) * fake
}

/// Which cost the generator minimises (Goodfellow et al. 2014, §3).
public enum GeneratorCost: String, Sendable, CaseIterable {
  /// log(1 − D(G(z))), the minimax game as written. It saturates when D rejects the samples
  /// confidently: its gradient in the logit is −D(G(z)), which vanishes as D(G(z)) → 0.
  case minimax
  /// −log D(G(z)), "maximize log D(G(z))": the same fixed point, with strong gradients early
  /// in learning (gradient in the logit −(1 − D(G(z)))). Lecture 6 trains with this one.
  case nonSaturating
}

/// The generator's loss for a batch of discriminator logits on generated samples.
public func generatorLoss(fakeLogits: Variable, cost: GeneratorCost) -> Variable {
  switch cost {
  case .minimax:
    // log(1 − σ(a)) = −BCE(a, 0): minimising it is minimising −BCE.
    -binaryCrossEntropy(logits: fakeLogits, targets: Tensor(zeros: fakeLogits.shape))
  case .nonSaturating:
    nonSaturatingGeneratorLoss(fakeLogits: fakeLogits)
  }
}

/// The non-saturating cost −log D(G(z)) = −log σ(a), the mean over a batch of logits a of D on
/// generated samples (Goodfellow et al. 2014, §3: "maximize log D(G(z))"). Its gradient in each
/// logit is −(1 − σ(a)) / n: strongest where D rejects the samples, which is where the minimax
/// cost log(1 − σ(a)) has almost none.
public func nonSaturatingGeneratorLoss(fakeLogits: Variable) -> Variable {
  // BEGIN SOLUTION non-saturating-cost
  // HINT: −log σ(a) is the binary cross-entropy of the logits against the label "real" (1)
  binaryCrossEntropy(logits: fakeLogits, targets: Tensor(repeating: 1, shape: fakeLogits.shape))
  // END SOLUTION
}
