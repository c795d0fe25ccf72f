import Foundation
import Math

/// The two generator costs of Goodfellow et al. 2014 §3 as functions of D(G(z)) for one sample,
/// in Double, for plots and for the exact numbers of the saturation argument. The training code
/// uses `generatorLoss(fakeLogits:cost:)`, which computes the same functions on logits.

/// The generator's cost J at D(G(z)) = `d` ∈ (0, 1): log(1 − d) for the minimax game (G
/// minimises it), −log d for the non-saturating cost ("maximize log D(G(z))").
public func generatorCost(discriminatorOutput d: Double, cost: GeneratorCost) -> Double {
  switch cost {
  case .minimax: log1p(-d)
  case .nonSaturating: -log(d)
  }
}

/// ∂J/∂a, the slope of the generator's cost in D's logit a, where D(G(z)) = σ(a) = `d`:
/// −σ(a) for log(1 − σ(a)) and −(1 − σ(a)) for −log σ(a). Where D confidently rejects the
/// samples (d → 0) the first vanishes and the second tends to −1: the minimax cost saturates.
public func generatorCostSlope(discriminatorOutput d: Double, cost: GeneratorCost) -> Double {
  switch cost {
  case .minimax: -d
  case .nonSaturating: -(1 - d)
  }
}

/// The logit a with σ(a) = d: log(d / (1 − d)).
public func logit(_ d: Double) -> Double { log(d / (1 - d)) }
