import Math

/// Dying ReLUs (tutorial paper §VI, "ReLU vs. Leaky ReLU"): a unit whose pre-activation is
/// ≤ 0 for every input outputs 0 and passes back no gradient; nothing can revive it.

/// The hidden units of `network`: for every ReLU or leaky-ReLU layer, its input (the
/// pre-activations) on `probe`, one `[rows, units]` matrix per layer.
public func hiddenPreActivations(of network: Sequential, probe: Tensor) -> [Tensor] {
  let outputs = network.activations(probe)
  return network.layers.indices.compactMap { i in
    guard i > 0, let activation = network.layers[i] as? Activation else { return nil }
    switch activation.kind {
    case .relu, .leakyRelu: return outputs[i - 1]
    default: return nil
    }
  }
}

/// Whether each column (unit) of `preActivations` `[rows, units]` is ≤ 0 on every row.
public func inactiveUnits(_ preActivations: Tensor) -> [Bool] {
  (0..<preActivations.columns).map { j in
    (0..<preActivations.rows).allSatisfy { preActivations[$0, j] <= 0 }
  }
}

/// The share of hidden units of `network` that output exactly 0 for every row of `probe`: dead
/// units. A ReLU unit is dead when its pre-activation is ≤ 0 on the whole probe; a leaky ReLU
/// outputs slope · x ≠ 0 there, so it is dead only if its pre-activation is exactly 0 everywhere.
public func deadUnitFraction(of network: Sequential, probe: Tensor) -> Double {
  let outputs = network.activations(probe)
  var (dead, total) = (0, 0)
  for i in network.layers.indices {
    guard let activation = network.layers[i] as? Activation else { continue }
    switch activation.kind {
    case .relu, .leakyRelu: break
    default: continue
    }
    let h = outputs[i]
    for j in 0..<h.columns {
      total += 1
      if (0..<h.rows).allSatisfy({ h[$0, j] == 0 }) { dead += 1 }
    }
  }
  return total == 0 ? 0 : Double(dead) / Double(total)
}

/// The share of hidden units whose pre-activation is ≤ 0 on every row of `probe`: the units
/// a ReLU would have killed. Under a leaky ReLU they still pass slope · gradient and can recover.
public func inactiveUnitFraction(of network: Sequential, probe: Tensor) -> Double {
  let flags = hiddenPreActivations(of: network, probe: probe).flatMap(inactiveUnits)
  return flags.isEmpty ? 0 : Double(flags.filter { $0 }.count) / Double(flags.count)
}

/// The share of rows of `x` at which D's logit has a zero gradient with respect to the input:
/// samples from which the generator learns nothing ("if the gradients are all zeros the network
/// will not learn anything"). `discriminator` must treat rows independently.
public func zeroInputGradientFraction(of discriminator: Sequential, at x: Tensor) -> Double {
  let g = discriminatorInputGradient(discriminator, at: x)
  let zero = (0..<g.rows).filter { i in (0..<g.columns).allSatisfy { g[i, $0] == 0 } }.count
  return Double(zero) / Double(max(g.rows, 1))
}
