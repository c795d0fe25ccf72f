import Math

/// The unrolled GAN of Metz et al. 2016 ("Unrolled Generative Adversarial Networks", §2; the paper
/// is not among the texts stored with the workbook, so its equations are not cited by number): the
/// generator is trained against the discriminator it would face after D has taken K more steps
/// against the generator's current samples, and the gradient passes through those K steps.
///
/// Write L(θ_G, θ_D) for the discriminator's loss, `discriminatorLoss` (for equal batches
/// L = −½ V, with V the value of Goodfellow et al.'s Eq. 1). From θ_D⁰ = θ_D, K plain gradient
/// steps of size η on L, that is, of ascent on V (Metz et al.'s unrolling, with a fixed step η^k = η):
///
///     θ_D^{k+1} = θ_D^k − η ∂L(θ_G, θ_D^k)/∂θ_D^k,
///
/// all on one real batch x and one noise batch z, so that θ_D^K is a function of θ_G and θ_D.
/// The generator minimises its usual loss ℓ (`generatorLoss`, minimax or non-saturating) at the
/// unrolled discriminator, the surrogate f_K(θ_G, θ_D) = ℓ(θ_G, θ_D^K(θ_G, θ_D)) (their f_K, with
/// ℓ in place of V where the recipe's cost is not the minimax one), descending df_K/dθ_G, which
/// has two terms:
///
///     df_K/dθ_G = ∂ℓ/∂θ_G + (dθ_D^K/dθ_G)ᵀ ∂ℓ/∂θ_D^K.
///
/// The second term is what makes G anticipate D's answer; dropping it leaves the first-order
/// gradient, G trained against a D that has looked ahead but without knowing why. D itself takes
/// its ordinary step: the unrolled parameters are copies, thrown away after G's step.

/// K and η of an unrolled generator step.
public struct Unrolling: Sendable, Equatable {
  /// K, the discriminator steps the generator looks ahead (Metz et al. use 5 on the ring of
  /// Gaussians). 0 gives the ordinary generator step.
  public var steps: Int
  /// η, the size of each plain gradient step of the unrolled discriminator on its loss.
  public var stepSize: Float
  /// The length c of the parameter perturbation ε λ in the finite-difference Hessian-vector
  /// products (`unrolledGeneratorGradient`), as a norm over all of D's parameters: ε = c / ‖λ‖.
  public var probeLength: Float

  public init(steps: Int, stepSize: Float, probeLength: Float = 1e-2) {
    precondition(steps >= 0, "Unrolling: K must be ≥ 0, got \(steps)")
    precondition(stepSize > 0, "Unrolling: η must be > 0, got \(stepSize)")
    precondition(probeLength > 0, "Unrolling: the probe length must be > 0, got \(probeLength)")
    (self.steps, self.stepSize, self.probeLength) = (steps, stepSize, probeLength)
  }
}

/// The generator's surrogate loss f_K = ℓ(θ_G, θ_D^K): its loss (`cost`) on G(z) judged by the
/// discriminator after K unrolled steps on the real batch `real` and on G(z). `gan` is left as it
/// was. G and D run in training mode throughout, as in the generator step.
public func unrolledGeneratorLoss(_ gan: GAN, real: Tensor, noise z: Tensor, conditions y: Tensor? = nil,
                                  cost: GeneratorCost, passes: DiscriminatorPasses = .stacked,
                                  unrolling: Unrolling) -> Double {
  let game = UnrolledGame(gan: gan, real: real, noise: z, conditions: y, passes: passes)
  let thetaK = game.unroll(unrolling).trajectory.last!
  return game.atDiscriminator(thetaK) {
    frozen(gan.generator.parameters + gan.discriminator.parameters) { Double(game.generatorLoss(cost).value.scalar) }
  }
}

/// df_K/dθ_G, the gradient of the unrolled surrogate loss (`unrolledGeneratorLoss`) with respect
/// to G's parameters, by reverse accumulation over the K unrolled steps.
///
/// With λ_K = ∂ℓ/∂θ_D^K, going back from k = K − 1 to 0, each step θ_D^{k+1} = θ_D^k − η ∇_D L
/// passes back
///
///     g_G ← g_G − η H_GD λ_{k+1},     λ_k = λ_{k+1} − η H_DD λ_{k+1},
///
/// where H_GD λ and H_DD λ are the two blocks of the Hessian of L at (θ_G, θ_D^k) times λ_{k+1}
/// (Metz et al.'s ascent on V has the opposite signs with V's Hessian), starting
/// from g_G = ∂ℓ/∂θ_G at θ_D^K. Both blocks come from one central difference of the full gradient
/// of L, with respect to G's and D's parameters, at θ_D^k ± ε λ_{k+1}:
///
///     [H_GD λ; H_DD λ] ≈ (∇L(θ_G, θ_D^k + ε λ) − ∇L(θ_G, θ_D^k − ε λ)) / 2ε,   ε = c / ‖λ‖.
///
/// This is the finite-difference Hessian-vector product of DARTS (Liu et al. 2019), an
/// approximation with an error of O(ε²) where L is smooth. It is used because the workbook's
/// autodiff is first-order reverse mode (a pullback maps tensors, not graphs), so it cannot
/// differentiate a gradient again.
///
/// A ReLU discriminator is not smooth: a rectifier that switches between θ_D^k − ελ and
/// θ_D^k + ελ puts a jump of the gradient, divided by 2ε, into the difference, and the
/// unrolled steps amplify it. But D is linear between switches, so at almost every θ_D its
/// Hessian is that of the same network with each rectifier's gate (1 where its input is
/// positive, else 0, or the leaky slope) fixed as it was at θ_D^k. The difference is taken with
/// those gates held (the ReLU and leaky-ReLU layers among D's top-level layers; other layers as
/// they are), which makes it a derivative again, with the O(ε²) error of the smooth loss.
///
/// The probe has length c = `unrolling.probeLength` (0.01 by default: a perturbation of norm
/// 0.01 over all of D's parameters). In Float the difference of two gradients carries a rounding
/// error of about 10⁻⁷|g|/ε, so c cannot be much shorter. `UnrolledDiscriminatorTests` measures
/// the whole gradient against central differences of f_K itself, on tiny networks with K = 5
/// and η = 1 (when written): a relative error of 1·10⁻² at c = 0.3 and 1·10⁻³ at c = 0.1 (the
/// O(ε²) term), below 2·10⁻⁴ at c = 0.01 and 0.001 (the floor of the test's own differences),
/// and rising again at c = 10⁻⁴ (rounding).
///
/// Returns the loss ℓ at θ_D^K, the gradient df_K/dθ_G and, for comparison, the first-order
/// gradient ∂ℓ/∂θ_G at θ_D^K without the path through θ_D^K, each in the order of
/// `gan.generator.parameters`. `gan` is left as it was, with no gradients.
public func unrolledGeneratorGradient(_ gan: GAN, real: Tensor, noise z: Tensor, conditions y: Tensor? = nil,
                                      cost: GeneratorCost, passes: DiscriminatorPasses = .stacked,
                                      unrolling: Unrolling) -> (loss: Double, gradient: [Tensor], firstOrder: [Tensor]) {
  let game = UnrolledGame(gan: gan, real: real, noise: z, conditions: y, passes: passes)
  let (trajectory, gates) = game.unroll(unrolling)
  let (loss, firstOrder, adjoint) = game.atDiscriminator(trajectory.last!) {
    let loss = game.generatorLoss(cost)
    loss.backward()
    return (Double(loss.value.scalar), game.takeGradients(gan.generator), game.takeGradients(gan.discriminator))
  }
  var gradient = firstOrder
  var lambda = adjoint
  let eta = unrolling.stepSize
  for k in stride(from: unrolling.steps - 1, through: 0, by: -1) {
    let norm = euclideanNorm(lambda)
    guard norm > 0 else { break }
    let epsilon = unrolling.probeLength / norm
    let plus = game.lossGradients(at: zip(trajectory[k], lambda).map { $0 + epsilon * $1 }, gates: gates[k])
    let minus = game.lossGradients(at: zip(trajectory[k], lambda).map { $0 - epsilon * $1 }, gates: gates[k])
    let scale = eta / (2 * epsilon)
    for i in gradient.indices { gradient[i] = gradient[i] - scale * (plus.generator[i] - minus.generator[i]) }
    for i in lambda.indices { lambda[i] = lambda[i] - scale * (plus.discriminator[i] - minus.discriminator[i]) }
  }
  return (loss, gradient, firstOrder)
}

/// One unrolled generator update: descend df_K/dθ_G (`unrolledGeneratorGradient`) with G's
/// optimizer. D's parameters are left as they were, and D takes its own ordinary step in the
/// trainer, as in Metz et al. With K = 0 this is `generatorStep`. Returns ℓ at θ_D^K.
@discardableResult
public func unrolledGeneratorStep(_ gan: GAN, optimizer: inout some Optimizer, real: Tensor, noise z: Tensor,
                                  conditions y: Tensor? = nil, cost: GeneratorCost,
                                  passes: DiscriminatorPasses = .stacked, unrolling: Unrolling) -> Double {
  let (loss, gradient, _) = unrolledGeneratorGradient(gan, real: real, noise: z, conditions: y, cost: cost,
                                                      passes: passes, unrolling: unrolling)
  for (p, g) in zip(gan.generator.parameters, gradient) { p.gradient = g }
  optimizer.step()
  return loss
}

/// √(Σ x²) over every element of `tensors`, in Double.
func euclideanNorm(_ tensors: [Tensor]) -> Float {
  Float(tensors.reduce(0.0) { sum, t in t.scalars.reduce(sum) { $0 + Double($1) * Double($1) } }.squareRoot())
}

/// The fixed batches of one unrolled generator step, and the passes it makes through G and D.
private struct UnrolledGame {
  let gan: GAN
  let real: Tensor
  let noise: Tensor
  let conditions: Tensor?
  let passes: DiscriminatorPasses

  /// θ_D⁰ … θ_D^K: D's parameters now, then after each plain step on L with G(z) held fixed;
  /// and for k < K the gates of D's rectifiers at θ_D^k.
  func unroll(_ unrolling: Unrolling) -> (trajectory: [[Tensor]], gates: [RectifierGates]) {
    var trajectory = [gan.discriminator.parameters.map(\.value)]
    var gates: [RectifierGates] = []
    guard unrolling.steps > 0 else { return (trajectory, gates) }
    let fake = frozen(gan.generator.parameters) { samples().value }
    for _ in 0..<unrolling.steps {
      let recorded = RectifierGates()
      let gradient = atDiscriminator(trajectory.last!) {
        discriminatorLoss(fake: Variable(fake), gates: recorded).backward()
        return takeGradients(gan.discriminator)
      }
      gates.append(recorded)
      trajectory.append(zip(trajectory.last!, gradient).map { $0 - unrolling.stepSize * $1 })
    }
    return (trajectory, gates)
  }

  /// ∇L with respect to G's and D's parameters, with D's parameters set to `theta` and its
  /// rectifiers' gates held as `gates` recorded them.
  func lossGradients(at theta: [Tensor], gates: RectifierGates) -> (generator: [Tensor], discriminator: [Tensor]) {
    gates.replay()
    return atDiscriminator(theta) {
      discriminatorLoss(fake: samples(), gates: gates).backward()
      return (takeGradients(gan.generator), takeGradients(gan.discriminator))
    }
  }

  /// ℓ on G(z) as D judges it now, with its graph.
  func generatorLoss(_ cost: GeneratorCost) -> Variable {
    let logits = gan.discriminator(discriminatorInput(conditions: conditions, samples: samples()), training: true)
    return Lessons.generatorLoss(fakeLogits: logits, cost: cost)
  }

  /// G(z), or G(z, y), in training mode, with its graph.
  private func samples() -> Variable {
    gan.generator(Variable(generatorInput(noise: noise, conditions: conditions)), training: true)
  }

  /// L on the real batch and on `fake`, with D's passes as in `discriminatorStep` and D's
  /// rectifiers gated by `gates`.
  private func discriminatorLoss(fake: Variable, gates: RectifierGates) -> Variable {
    let realInput = discriminatorInput(conditions: conditions, samples: Variable(real))
    let fakeInput = discriminatorInput(conditions: conditions, samples: fake)
    switch passes {
    case .stacked:
      let logits = discriminatorLogits(Variable.concatenatingRows([realInput, fakeInput]), gates: gates)
      return Lessons.discriminatorLoss(realLogits: logits.rows(0..<real.rows),
                                       fakeLogits: logits.rows(real.rows..<(real.rows + noise.rows)))
    case .separate:
      return Lessons.discriminatorLoss(realLogits: discriminatorLogits(realInput, gates: gates),
                                       fakeLogits: discriminatorLogits(fakeInput, gates: gates))
    }
  }

  /// D's logits in training mode, layer by layer, each ReLU or leaky ReLU replaced by its gate.
  private func discriminatorLogits(_ x: Variable, gates: RectifierGates) -> Variable {
    gan.discriminator.layers.reduce(x) { h, layer in
      if let activation = layer as? Activation, let slope = activation.rectifierSlope {
        return gates.gate(h, slope: slope)
      }
      return layer(h, training: true)
    }
  }

  /// Runs `body` with D's parameters set to `theta`, then puts the current ones back.
  func atDiscriminator<Result>(_ theta: [Tensor], _ body: () -> Result) -> Result {
    let parameters = gan.discriminator.parameters
    let saved = parameters.map(\.value)
    zip(parameters, theta).forEach { $0.value = $1 }
    defer { zip(parameters, saved).forEach { $0.value = $1 } }
    return body()
  }

  /// The gradients `network`'s parameters hold (zero where none arrived), which are cleared.
  func takeGradients(_ network: Sequential) -> [Tensor] {
    network.parameters.map { p in
      defer { p.zeroGradient() }
      return p.gradient ?? Tensor(zeros: p.shape)
    }
  }
}

/// The gates of a discriminator's rectifiers on one set of batches: recorded on the first pass
/// (1 where a rectifier's input is positive, else its slope: 0 for a ReLU), then replayed, pass
/// by pass and layer by layer in the same order, so that D is the same linear map on each row
/// wherever its parameters are moved.
final class RectifierGates {
  private var gates: [Tensor] = []
  private var next = 0
  private var recording = true

  /// The rectifier's output on `x`: x times its gate, which is recorded or replayed. Recorded,
  /// the value is the rectifier's, and so is the gradient.
  func gate(_ x: Variable, slope: Float) -> Variable {
    if recording {
      gates.append(x.value.map { $0 > 0 ? 1 : slope })
      return x * Variable(gates[gates.count - 1])
    }
    precondition(next < gates.count && gates[next].shape == x.shape,
                 "RectifierGates: replayed on a pass that differs from the recorded one")
    defer { next += 1 }
    return x * Variable(gates[next])
  }

  /// From now on, replays the recorded gates from the first.
  func replay() {
    recording = false
    next = 0
  }
}

extension Activation {
  /// The slope for negative inputs of a ReLU (0) or a leaky ReLU; nil for the smooth ones.
  var rectifierSlope: Float? {
    switch kind {
    case .relu: 0
    case let .leakyRelu(slope): slope
    case .tanh, .sigmoid: nil
    }
  }
}
