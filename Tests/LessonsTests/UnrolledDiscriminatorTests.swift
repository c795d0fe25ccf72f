import Lessons
import Math
import Testing

/// The unrolled generator step of Metz et al. 2016: its gradient is the derivative of f_K, the
/// generator's loss at the discriminator unrolled K steps ahead, through the unrolled steps; the
/// first-order gradient, which ignores that path, is not; K = 0 is the ordinary generator step.
@Suite struct UnrolledDiscriminatorTests {
  /// A tiny GAN: G 2 → 4 → 2 with tanh, D 2 → 5 → 1 with tanh or ReLU.
  func tinyGAN(seed: UInt64, discriminatorActivation: Activation = .tanh) -> GAN {
    var rng = SeededGenerator(seed: seed)
    return GAN(generator: .perceptron([2, 4, 2], hidden: .tanh, using: &rng),
               discriminator: .perceptron([2, 5, 1], hidden: discriminatorActivation, using: &rng), noiseDimension: 2)
  }

  /// The batches of one generator step: 8 real points and 8 noise vectors.
  func batches(seed: UInt64, gan: GAN) -> (real: Tensor, noise: Tensor) {
    var rng = SeededGenerator(seed: seed &+ 100)
    return (pointBatch(8, using: &rng), gan.noiseBatch(8, using: &rng))
  }

  /// Central differences of f_K = `unrolledGeneratorLoss` in every parameter of G, each
  /// perturbed by ±h and the K unrolled steps recomputed; the loss is a Float, so the error is
  /// about 10⁻⁷/h.
  func numericGradient(_ gan: GAN, real: Tensor, noise: Tensor, cost: GeneratorCost, unrolling: Unrolling,
                       h: Float = 1e-2) -> [Tensor] {
    func f() -> Double { unrolledGeneratorLoss(gan, real: real, noise: noise, cost: cost, unrolling: unrolling) }
    return gan.generator.parameters.map { p in
      var gradient = Tensor(zeros: p.shape)
      for i in 0..<p.value.count {
        let x = p.value.scalars[i]
        let (up, down) = (x + h, x - h)
        p.value = p.value.replacing(i, with: up)
        let fUp = f()
        p.value = p.value.replacing(i, with: down)
        let fDown = f()
        p.value = p.value.replacing(i, with: x)
        gradient = gradient.replacing(i, with: Float((fUp - fDown) / Double(up - down)))
      }
      return gradient
    }
  }

  /// ‖a − b‖ / ‖b‖ over all of G's parameters.
  func relativeError(_ a: [Tensor], _ b: [Tensor]) -> Double {
    let difference = zip(a, b).map { $0 - $1 }
    return Double(norm(difference) / norm(b))
  }

  func norm(_ tensors: [Tensor]) -> Float {
    Float(tensors.reduce(0.0) { s, t in t.scalars.reduce(s) { $0 + Double($1) * Double($1) } }.squareRoot())
  }

  /// The claim of the reverse accumulation: for K = 2 … 5, four seeds, both costs, and a smooth
  /// (tanh) and a ReLU discriminator, df_K/dθ_G matches central differences of f_K to a relative
  /// error below 10⁻³, and the first-order gradient (∂ℓ/∂θ_G at θ_D^K) misses them by more than
  /// ten times that: the test tells the path through θ_D^K from its absence. (Measured when
  /// written: 2·10⁻⁵ to 9·10⁻⁵ with tanh, 1·10⁻⁴ to 5.3·10⁻⁴ with ReLU, where the differences of
  /// f_K need a shorter step, h = 10⁻³, so as not to cross a rectifier's kink, and carry more
  /// rounding; 0.036 to 0.69 for the first-order gradient.) η = 1 makes D's unrolled steps large
  /// enough for the path through them to matter on these tiny networks.
  @Test(arguments: [2, 3, 4, 5], [false, true])
  func gradientThroughTheUnrolledStepsMatchesFiniteDifferences(k: Int, relu: Bool) {
    let unrolling = Unrolling(steps: k, stepSize: 1)
    let tolerance = 1e-3
    for seed: UInt64 in 1...4 {
      let gan = tinyGAN(seed: seed, discriminatorActivation: relu ? .relu : .tanh)
      let (real, noise) = batches(seed: seed, gan: gan)
      for cost in GeneratorCost.allCases {
        let (_, gradient, firstOrder) = unrolledGeneratorGradient(gan, real: real, noise: noise, cost: cost, unrolling: unrolling)
        let numeric = numericGradient(gan, real: real, noise: noise, cost: cost, unrolling: unrolling, h: relu ? 1e-3 : 1e-2)
        let (full, first) = (relativeError(gradient, numeric), relativeError(firstOrder, numeric))
        #expect(full < tolerance, "K = \(k), \(relu ? "ReLU" : "tanh") D, seed \(seed), \(cost): df_K/dθ_G off by \(full)")
        #expect(first > 10 * tolerance,
                "K = \(k), \(relu ? "ReLU" : "tanh") D, seed \(seed), \(cost): the first-order gradient is within \(first)")
      }
    }
  }

  /// Holding D's rectifier gates is what makes the Hessian-vector product of a ReLU D a
  /// derivative: with a probe long enough to switch rectifiers on these tiny networks (c = 0.1),
  /// df_K/dθ_G still matches central differences of f_K within 1 % (measured when written:
  /// 2·10⁻³ at worst, the O(ε²) of the smooth loss; with the rectifiers left free to switch,
  /// 0.37 to 0.45).
  @Test func heldGatesMakeTheReLUDifferenceADerivative() {
    let unrolling = Unrolling(steps: 5, stepSize: 1, probeLength: 0.1)
    for seed: UInt64 in 1...4 {
      let gan = tinyGAN(seed: seed, discriminatorActivation: .relu)
      let (real, noise) = batches(seed: seed, gan: gan)
      let gradient = unrolledGeneratorGradient(gan, real: real, noise: noise, cost: .nonSaturating, unrolling: unrolling).gradient
      let numeric = numericGradient(gan, real: real, noise: noise, cost: .nonSaturating, unrolling: unrolling, h: 1e-3)
      let error = relativeError(gradient, numeric)
      #expect(error < 1e-2, "seed \(seed): df_K/dθ_G off by \(error) with a long probe")
    }
  }

  /// With K = 0 there is nothing to unroll: the gradient is the first-order one, and the step is
  /// `generatorStep`'s, bit for bit.
  @Test func noUnrollingIsTheOrdinaryGeneratorStep() {
    for cost in GeneratorCost.allCases {
      let (a, b) = (tinyGAN(seed: 7), tinyGAN(seed: 7))
      let (real, noise) = batches(seed: 7, gan: a)
      let none = Unrolling(steps: 0, stepSize: 1)
      let (_, gradient, firstOrder) = unrolledGeneratorGradient(a, real: real, noise: noise, cost: cost, unrolling: none)
      #expect(gradient.map(\.scalars) == firstOrder.map(\.scalars))
      var (optimizerA, optimizerB) = (SGD(a.generator.parameters, learningRate: 0.1), SGD(b.generator.parameters, learningRate: 0.1))
      let lossA = unrolledGeneratorStep(a, optimizer: &optimizerA, real: real, noise: noise, cost: cost, unrolling: none)
      let lossB = generatorStep(b, optimizer: &optimizerB, noise: noise, cost: cost)
      #expect(lossA == lossB)
      #expect(a.generator.parameters.map(\.value.scalars) == b.generator.parameters.map(\.value.scalars))
      #expect(a.generator.parameters.map(\.value.scalars) != tinyGAN(seed: 7).generator.parameters.map(\.value.scalars))
    }
  }

  /// The unrolled step moves G only: D's parameters are as before, and no gradient is left.
  @Test func theUnrolledStepLeavesTheDiscriminatorAlone() {
    let gan = tinyGAN(seed: 3)
    let (real, noise) = batches(seed: 3, gan: gan)
    let (dBefore, gBefore) = (gan.discriminator.parameters.map(\.value), gan.generator.parameters.map(\.value))
    var optimizer = SGD(gan.generator.parameters, learningRate: 0.1)
    unrolledGeneratorStep(gan, optimizer: &optimizer, real: real, noise: noise, cost: .nonSaturating,
                          unrolling: Unrolling(steps: 5, stepSize: 1))
    #expect(gan.discriminator.parameters.map(\.value) == dBefore)
    #expect(gan.generator.parameters.map(\.value) != gBefore)
    #expect((gan.generator.parameters + gan.discriminator.parameters).allSatisfy { $0.gradient == nil })
  }

  /// In the trainer, unrolling changes G's step and nothing else: the random stream is drawn
  /// as in the ordinary training (so a chapter's variants stay paired), K = 0 trains bit for bit
  /// as without unrolling, and K = 5 trains differently.
  @Test func theTrainerDrawsTheSameStreamAndKZeroIsThePlainTraining() throws {
    func trained(_ unrolling: Unrolling?) throws -> (parameters: [[Float]], next: UInt64) {
      var recipe = RingGANRecipe()
      recipe.generatorWidths = [8]
      recipe.discriminatorWidths = [8]
      recipe.unrolling = unrolling
      var rng = SeededGenerator(seed: 11)
      let data = pointBatch(64, using: &rng)
      let gan = recipe.makeGAN(using: &rng)
      try recipe.train(gan, on: data, steps: 10, using: &rng)
      return ((gan.generator.parameters + gan.discriminator.parameters).map(\.value.scalars), rng.next())
    }
    let (plain, none, five) = (try trained(nil), try trained(Unrolling(steps: 0, stepSize: 0.5)),
                               try trained(Unrolling(steps: 5, stepSize: 0.5)))
    #expect(none.parameters == plain.parameters)
    #expect(five.parameters != plain.parameters)
    #expect(Set([plain.next, none.next, five.next]).count == 1)
  }
}

extension Tensor {
  /// A copy with element `i` (in row-major order) set to `value`.
  fileprivate func replacing(_ i: Int, with value: Float) -> Tensor {
    var scalars = self.scalars
    scalars[i] = value
    return Tensor(shape: shape, scalars: scalars)
  }
}
