import Foundation
import Math
import PropertyBased
import Testing

/// Optimizers: exact single steps, and convergence on random convex quadratics
/// ½(θ − c)ᵀ A (θ − c) with A diagonal and positive.
@Suite struct OptimizerTests {
  /// A random quadratic: the parameter θ (started at random), the minimiser c and diag(A).
  struct Quadratic {
    let theta: Variable
    let center: Tensor
    let curvature: Tensor

    init(dimension: Int, using g: inout SeededGenerator) {
      theta = g.parameter(1, dimension, in: -5...5)
      center = g.tensor(1, dimension, in: -5...5)
      curvature = g.tensor(1, dimension, in: 0.5...5)
    }

    /// ½ Σ a_i (θ_i − c_i)², through the autodiff graph.
    func loss() -> Variable {
      0.5 * ((theta - Variable.constant(center)).squared() * Variable.constant(curvature)).sum()
    }

    /// max_i |θ_i − c_i|.
    var distance: Float { zip(theta.value.scalars, center.scalars).map { abs($0 - $1) }.max()! }

    func minimise(_ optimizer: inout some Optimizer, steps: Int) {
      for _ in 0..<steps {
        loss().backward()
        optimizer.step()
      }
    }
  }

  @Test func sgdConvergesOnAConvexQuadratic() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...10), Gen.uint64()) { dimension, seed in
      var g = SeededGenerator(seed: seed)
      let problem = Quadratic(dimension: dimension, using: &g)
      var sgd = SGD([problem.theta], learningRate: 0.3)  // contraction |1 − 0.3 a| ≤ 0.85
      problem.minimise(&sgd, steps: 200)
      #expect(problem.distance < 1e-3, "distance \(problem.distance)")
    }
  }

  @Test func sgdWithMomentumConvergesOnAConvexQuadratic() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...10), Gen.uint64()) { dimension, seed in
      var g = SeededGenerator(seed: seed)
      let problem = Quadratic(dimension: dimension, using: &g)
      var sgd = SGD([problem.theta], learningRate: 0.05, momentum: 0.9)
      problem.minimise(&sgd, steps: 600)
      #expect(problem.distance < 1e-3, "distance \(problem.distance)")
    }
  }

  @Test func adamConvergesOnAConvexQuadratic() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...10), Gen.uint64()) { dimension, seed in
      var g = SeededGenerator(seed: seed)
      let problem = Quadratic(dimension: dimension, using: &g)
      // With a constant learning rate Adam can circle the minimum at a distance of order η
      // (its steps are ≈ η·sign(g)); a tenfold smaller rate for the last stretch settles it.
      var adam = Adam([problem.theta], learningRate: 0.05)
      problem.minimise(&adam, steps: 1500)
      adam.learningRate = 0.005
      problem.minimise(&adam, steps: 1000)
      #expect(problem.distance < 1e-3, "distance \(problem.distance)")
    }
  }

  @Test func sgdStepIsMinusLearningRateTimesGradient() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let theta = g.parameter(r, c)
      let slope = g.tensor(r, c)
      let learningRate = Float(g.uniform(0.01, 1))
      let before = theta.value
      var sgd = SGD([theta], learningRate: learningRate)
      (theta * Variable.constant(slope)).sum().backward()  // gradient = slope
      sgd.step()
      #expect(allClose(theta.value, before - slope * learningRate))
      #expect(theta.gradient == nil)
    }
  }

  @Test func momentumAccumulatesVelocity() async {
    // With a constant gradient g, v_t = −η g (1 + μ + … + μ^(t−1)) and θ_t = θ_0 + Σ v.
    await propertyCheck(count: 20, input: Gen.double(in: 0...0.95), Gen.uint64()) { mu, seed in
      var g = SeededGenerator(seed: seed)
      let theta = g.parameter(1, 4)
      let slope = g.tensor(1, 4)
      let (eta, momentum) = (Float(0.1), Float(mu))
      let start = theta.value
      var sgd = SGD([theta], learningRate: eta, momentum: momentum)
      var displacement: Float = 0
      var velocity: Float = 0
      for _ in 0..<5 {
        (theta * Variable.constant(slope)).sum().backward()
        sgd.step()
        velocity = momentum * velocity - eta
        displacement += velocity
      }
      #expect(allClose(theta.value, start + slope * displacement, tolerance: 1e-5))
    }
  }

  @Test func adamStepsHaveTheSizeOfTheLearningRate() async {
    // Bias correction makes Adam's step η·g/(|g| + ε) while the gradient is constant: the first
    // step, and every later one, moves each coordinate by ≈ η against the sign of its gradient.
    await propertyCheck(count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let theta = g.parameter(r, c)
      let slope = g.tensorAwayFromZero(r, c, magnitude: 0.01...100)
      let learningRate = Float(g.uniform(1e-4, 0.1))
      var adam = Adam([theta], learningRate: learningRate)
      for step in 1...5 {
        let before = theta.value
        (theta * Variable.constant(slope)).sum().backward()
        adam.step()
        for i in 0..<theta.value.count {
          let moved = theta.value.scalars[i] - before.scalars[i]
          let expected = slope.scalars[i] > 0 ? -learningRate : learningRate
          #expect(
            abs(moved - expected) <= 1e-3 * learningRate + 2e-7 * max(1, abs(before.scalars[i])),
            "step \(step): moved \(moved), expected \(expected)")
        }
      }
      #expect(theta.gradient == nil)
    }
  }

  /// Gradients for `steps` steps: random in [−1, 1] for the first 20, after which the even lanes
  /// get exactly zero (like a dead ReLU's weights) and the odd ones stay random.
  static func gradients(count: Int, steps: Int, using g: inout SeededGenerator) -> [Tensor] {
    (0..<steps).map { step in
      var gradient = g.tensor(1, count, in: -1...1)
      if step >= 20 { for i in stride(from: 0, to: count, by: 2) { gradient[0, i] = 0 } }
      return gradient
    }
  }

  @Test func adamFollowsItsFormulaBitForBitWhileGradientsVanish() async {
    // After some 800 steps without gradient a lane's first moment is subnormal and Adam sets
    // it to zero; the parameters must still be those of the textbook update, bit for bit.
    await propertyCheck(count: 12, input: Gen.int(in: 1...20), Gen.uint64()) { count, seed in
      var g = SeededGenerator(seed: seed)
      let theta = g.parameter(1, count)
      let learningRate = Float(g.uniform(1e-4, 0.01))
      var adam = Adam([theta], learningRate: learningRate)
      var (expected, m, v) = (theta.value.scalars, [Float](repeating: 0, count: count), [Float](repeating: 0, count: count))
      let (b1, b2, eps) = (adam.beta1, adam.beta2, adam.epsilon)
      for (t, gradient) in Self.gradients(count: count, steps: 1200, using: &g).enumerated() {
        theta.gradient = gradient
        adam.step()
        let stepSize = learningRate / (1 - pow(b1, Float(t + 1)))
        let inverseRoot = 1 / (1 - pow(b2, Float(t + 1))).squareRoot()
        for i in 0..<count {
          let gi = gradient.scalars[i]
          m[i] = b1 * m[i] + (1 - b1) * gi
          v[i] = b2 * v[i] + (1 - b2) * gi * gi
          expected[i] -= stepSize * m[i] / (v[i].squareRoot() * inverseRoot + eps)
        }
      }
      #expect(theta.value.scalars == expected)
    }
  }

  @Test func momentumSGDFollowsItsFormulaBitForBitWhileGradientsVanish() async {
    // The velocity of a lane without gradient decays by μ per step into the subnormal range,
    // where SGD sets it to zero; the parameters must still be those of v ← μv − ηg, θ ← θ + v.
    await propertyCheck(count: 12, input: Gen.int(in: 1...20), Gen.double(in: 0.5...0.9), Gen.uint64()) {
      count, mu, seed in
      var g = SeededGenerator(seed: seed)
      let theta = g.parameter(1, count)
      let (learningRate, momentum) = (Float(g.uniform(1e-3, 0.1)), Float(mu))
      var sgd = SGD([theta], learningRate: learningRate, momentum: momentum)
      var (expected, velocity) = (theta.value.scalars, [Float](repeating: 0, count: count))
      for gradient in Self.gradients(count: count, steps: 1200, using: &g) {
        theta.gradient = gradient
        sgd.step()
        for i in 0..<count {
          velocity[i] = momentum * velocity[i] - learningRate * gradient.scalars[i]
          expected[i] += velocity[i]
        }
      }
      #expect(theta.value.scalars == expected)
    }
  }

  /// The ramp of the official MNIST configuration: μ = 0.5 at the first step, linear in the
  /// step, 0.7 from step `steps` on; SGD with the ramp takes v ← μ(t) v − η g at step t.
  @Test func momentumRampRisesLinearlyAndSGDFollowsIt() {
    let ramp = MomentumRamp(from: 0.5, to: 0.7, over: 4)
    let values = [0, 1, 2, 4, 9].map { ramp.momentum(atStep: $0) }
    #expect(zip(values, [0.5, 0.55, 0.6, 0.7, 0.7] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 }, "\(values)")
    var g = SeededGenerator(seed: 5)
    let theta = g.parameter(1, 3)
    var sgd = SGD([theta], learningRate: 0.1, ramp: ramp)
    var (expected, velocity) = (theta.value.scalars, [Float](repeating: 0, count: 3))
    for t in 0..<7 {
      let gradient = Tensor(shape: [1, 3], scalars: (0..<3).map { _ in Float(g.uniform(-1, 1)) })
      theta.gradient = gradient
      sgd.step()
      for i in 0..<3 {
        velocity[i] = ramp.momentum(atStep: t) * velocity[i] - 0.1 * gradient.scalars[i]
        expected[i] += velocity[i]
      }
      #expect(sgd.momentum == ramp.momentum(atStep: t))
    }
    #expect(theta.value.scalars == expected)
    #expect(sgd.steps == 7)
  }

  @Test func parametersWithoutAGradientAreLeftAlone() {
    var g = SeededGenerator(seed: 11)
    let (used, unused) = (g.parameter(2, 2), g.parameter(2, 2))
    let before = unused.value
    var sgd = SGD([used, unused], learningRate: 0.1, momentum: 0.9)
    var adam = Adam([used, unused])
    for _ in 0..<3 {
      used.squared().sum().backward()
      sgd.step()
      used.squared().sum().backward()
      adam.step()
    }
    #expect(unused.value == before)
    #expect(sgd.parameters.count == 2 && adam.parameters[1] === unused)
  }
}
