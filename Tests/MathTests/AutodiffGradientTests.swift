import Foundation
import Math
import PropertyBased
import Testing

/// Every differentiable operation of Sources/Math/Autodiff against central differences, over
/// random shapes and values (see GradientCheck.swift), and the bookkeeping of `backward()`.
@Suite struct AutodiffGradientTests {
  // MARK: Arithmetic.swift

  @Test func addition() async {
    await expectGradientsMatch { r, c, g in
      let (a, b) = (g.parameter(r, c), g.parameter(r, c))
      return ([a, b], { a + b })
    }
  }

  @Test func subtraction() async {
    await expectGradientsMatch { r, c, g in
      let (a, b) = (g.parameter(r, c), g.parameter(r, c))
      return ([a, b], { a - b })
    }
  }

  @Test func elementwiseProduct() async {
    await expectGradientsMatch { r, c, g in
      let (a, b) = (g.parameter(r, c), g.parameter(r, c))
      return ([a, b], { a * b })
    }
  }

  @Test func scalarMultiple() async {
    await expectGradientsMatch { r, c, g in
      let a = g.parameter(r, c)
      let s = Float(g.uniform(-3, 3))
      return ([a], { s * a })
    }
  }

  @Test func negation() async {
    await expectGradientsMatch { r, c, g in
      let a = g.parameter(r, c)
      return ([a], { -a })
    }
  }

  @Test func addingScalar() async {
    await expectGradientsMatch { r, c, g in
      let a = g.parameter(r, c)
      let s = Float(g.uniform(-3, 3))
      return ([a], { a + s })
    }
  }

  @Test func addingRow() async {
    await expectGradientsMatch { r, c, g in
      let (x, b) = (g.parameter(r, c), g.parameter(1, c))
      return ([x, b], { x.addingRow(b) })
    }
  }

  @Test func addingRowOfRankOne() async {
    await expectGradientsMatch { r, c, g in
      let x = g.parameter(r, c)
      let b = Variable(g.tensor(shape: [c]), requiresGradient: true)
      return ([x, b], { x.addingRow(b) })
    }
  }

  @Test func squared() async {
    await expectGradientsMatch { r, c, g in
      let a = g.parameter(r, c)
      return ([a], { a.squared() })
    }
  }

  // MARK: MatrixOperations.swift

  @Test func matrixProduct() async {
    await expectGradientsMatch { m, k, g in
      let n = Int(g.next() % 5) + 1
      let (a, b) = (g.parameter(m, k), g.parameter(k, n))
      return ([a, b], { a.matmul(b) })
    }
  }

  @Test func affine() async {
    await expectGradientsMatch { batch, inputs, g in
      let outputs = Int(g.next() % 5) + 1
      let (x, w, b) = (
        g.parameter(batch, inputs), g.parameter(inputs, outputs), g.parameter(1, outputs)
      )
      return ([x, w, b], { x.affine(weight: w, bias: b) })
    }
  }

  @Test func concatenatingRows() async {
    await expectGradientsMatch { r, c, g in
      let parts = (0..<(Int(g.next() % 3) + 1)).map { _ in
        g.parameter(Int(g.next() % UInt64(r)) + 1, c)
      }
      return (parts, { Variable.concatenatingRows(parts) })
    }
  }

  @Test func rowRange() async {
    await expectGradientsMatch { r, c, g in
      let x = g.parameter(r, c)
      let lower = Int(g.next() % UInt64(r))
      let upper = lower + 1 + Int(g.next() % UInt64(r - lower))
      return ([x], { x.rows(lower..<upper) })
    }
  }

  // MARK: Activations.swift

  @Test func relu() async {
    await expectGradientsMatch { r, c, g in
      let x = Variable(g.tensorAwayFromZero(r, c), requiresGradient: true)
      return ([x], { x.relu() })
    }
  }

  @Test func leakyRelu() async {
    await expectGradientsMatch { r, c, g in
      let x = Variable(g.tensorAwayFromZero(r, c), requiresGradient: true)
      let slope = Float(g.uniform(0.01, 0.5))
      return ([x], { x.leakyRelu(slope: slope) })
    }
  }

  @Test func sigmoid() async {
    await expectGradientsMatch { r, c, g in
      let x = g.parameter(r, c, in: -4...4)
      return ([x], { x.sigmoid() })
    }
  }

  @Test func tanh() async {
    await expectGradientsMatch { r, c, g in
      let x = g.parameter(r, c, in: -3...3)
      return ([x], { x.tanh() })
    }
  }

  @Test func log() async {
    await expectGradientsMatch(GradientCheck(step: 2e-3)) { r, c, g in
      let x = g.parameter(r, c, in: 0.2...3)
      return ([x], { x.log() })
    }
  }

  @Test func exp() async {
    await expectGradientsMatch { r, c, g in
      let x = g.parameter(r, c)
      return ([x], { x.exp() })
    }
  }

  // MARK: Reductions.swift

  @Test func sum() async {
    await expectGradientsMatch { r, c, g in
      let x = g.parameter(r, c)
      return ([x], { x.sum() })
    }
  }

  @Test func mean() async {
    await expectGradientsMatch { r, c, g in
      let x = g.parameter(r, c)
      return ([x], { x.mean() })
    }
  }

  // MARK: Composite graphs and Variable.swift

  @Test func sharedSubexpressionGetsTheSummedGradient() async {
    // x feeds the graph three ways: x ⊙ x, tanh(x), and through h = σ(x) used twice.
    await expectGradientsMatch { r, c, g in
      let x = g.parameter(r, c)
      return (
        [x],
        {
          let h = x.sigmoid()
          return x * x + x.tanh() + h * h - h
        }
      )
    }
  }

  @Test func gradientCheckDetectsAWrongPullback() async {
    // The checker itself: a pullback 5 % off, or one that forgets an input, must be caught.
    await propertyCheck(count: 20, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = g.parameter(r, c, in: 0.5...2)
      let y = g.parameter(r, c, in: 0.5...2)
      let slightlyWrong = GradientCheck().run([x], using: &g) {
        Variable(x.value * x.value, parents: [x]) { grad in [grad * x.value * 2.1] }
      }
      #expect(!slightlyWrong.passed)
      let forgetful = GradientCheck().run([x, y], using: &g) {
        Variable(x.value * y.value, parents: [x, y]) { grad in [grad * y.value, nil] }
      }
      #expect(!forgetful.passed && forgetful.missing == [1])
    }
  }

  @Test func squareOfSelfIsTwiceTheValue() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = g.parameter(r, c)
      (x * x).sum().backward()
      let twice = x.value * 2
      #expect(x.gradient.map { allClose($0, twice) } == true)
      let y = g.parameter(r, c)
      (y + y + y).sum().backward()
      #expect(y.gradient == Tensor(repeating: 3, shape: [r, c]))
    }
  }

  @Test func gradientsAccumulateAcrossBackwardCalls() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let (x, w) = (g.parameter(r, c), g.parameter(c, 3))
      let loss = { x.matmul(w).tanh().sum() }
      loss().backward()
      let (gx, gw) = (x.gradient!, w.gradient!)
      loss().backward()
      #expect(allClose(x.gradient!, gx * 2))
      #expect(allClose(w.gradient!, gw * 2))
      // The same graph back-propagated twice accumulates as well.
      let graph = loss()
      x.zeroGradient()
      #expect(x.gradient == nil)
      graph.backward()
      graph.backward()
      #expect(allClose(x.gradient!, gx * 2))
    }
  }

  @Test func constantsGetNoGradient() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = Variable(g.tensor(r, c))
      let w = g.parameter(r, c)
      #expect(!x.requiresGradient && w.requiresGradient)
      let product = x * w
      #expect(product.requiresGradient)
      (product.sigmoid() + x.exp()).sum().backward()
      #expect(x.gradient == nil)
      #expect(w.gradient != nil)
      // A computation on constants alone is itself a constant.
      let constant = (x * x + x.exp()).sum()
      #expect(!constant.requiresGradient)
    }
  }

  @Test func backwardWithASeedEqualsBackwardOfTheWeightedSum() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = g.parameter(r, c)
      let seedTensor = g.tensor(r, c)
      x.sigmoid().backward(seed: seedTensor)
      let direct = x.gradient!
      x.zeroGradient()
      (x.sigmoid() * Variable.constant(seedTensor)).sum().backward()
      #expect(allClose(direct, x.gradient!))
      // ∂σ/∂x = σ(1 − σ), by hand.
      let expected = x.value.map { v in Math.sigmoid(v) * (1 - Math.sigmoid(v)) } * seedTensor
      #expect(allClose(direct, expected))
    }
  }

  @Test func deepChainDoesNotOverflowTheStack() {
    // backward() sorts the graph iteratively: a chain of 2 000 nodes must work.
    let x = Variable(Tensor(shape: [1, 1], scalars: [1]), requiresGradient: true)
    var h = x
    for _ in 0..<2_000 { h = h + 0.01 }
    h.sum().backward()
    #expect(x.gradient?.scalars == [1])
    #expect(abs(h.value.scalar - 21) < 1e-2)
  }

  @Test func forwardValuesMatchElementwiseDefinitions() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...20), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let (a, b) = (g.tensor(r, c), g.tensor(r, c, in: 0.1...3))
      let (va, vb) = (Variable(a), Variable(b))
      #expect((va + vb).value == a + b)
      #expect((va - vb).value == a - b)
      #expect((va * vb).value == a * b)
      #expect(allClose(vb.log().value, b.map { Foundation.log($0) }))
      #expect(allClose(va.exp().value, a.map { Foundation.exp($0) }))
      #expect(allClose(va.tanh().value, a.map { Foundation.tanh($0) }))
      #expect(allClose(va.sigmoid().value, a.map { 1 / (1 + Foundation.exp(-$0)) }))
      #expect(va.relu().value == a.map { max($0, 0) })
      #expect(va.leakyRelu(slope: 0.1).value == a.map { $0 > 0 ? $0 : 0.1 * $0 })
      #expect(abs(Double(va.sum().value.scalar) - a.sum()) <= 1e-5 * max(1, abs(a.sum())))
      #expect(va.mean().value.shape == [])
    }
  }

  @Test func leakyReluPassesGradientsWhereTheInputIsPositive() async {
    // Exactly g where x > 0 and slope·g elsewhere, at widths that fill whole SIMD lanes and not.
    await propertyCheck(count: 30, input: Gen.int(in: 1...4), Gen.int(in: 1...20), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = Variable(g.tensor(r, c), requiresGradient: true)
      let (seedGradient, slope) = (g.tensor(r, c), Float(g.uniform(0, 0.5)))
      x.leakyRelu(slope: slope).backward(seed: seedGradient)
      #expect(x.gradient == seedGradient.zipMap(x.value) { gi, xi in xi > 0 ? gi : slope * gi })
    }
  }

  @Test func sigmoidIsStableForLargeInputs() {
    #expect(Math.sigmoid(Float(-200)) == 0)
    #expect(Math.sigmoid(Float(200)) == 1)
    #expect(Math.sigmoid(-800.0) == 0)
    #expect(Math.sigmoid(800.0) == 1)
    #expect(Math.sigmoid(0.0) == 0.5)
    let x = Variable(Tensor(shape: [1, 2], scalars: [-200, 200]), requiresGradient: true)
    x.sigmoid().sum().backward()
    #expect(x.gradient?.isFinite == true)
  }
}
