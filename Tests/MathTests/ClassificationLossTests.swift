import Foundation
import Math
import PropertyBased
import Testing

/// Softmax cross-entropy and the L1 loss: gradients against central differences, values
/// against their definitions, and stability for large logits.
@Suite struct ClassificationLossTests {
  /// One label in 0..<classes per row.
  static func labels(_ batch: Int, classes: Int, using g: inout SeededGenerator) -> [Int] {
    (0..<batch).map { _ in Int(g.next() % UInt64(classes)) }
  }

  /// −log softmax(a)[y] averaged over the rows, straight from the definition in Double.
  static func directCrossEntropy(_ logits: Tensor, _ labels: [Int]) -> Double {
    var total = 0.0
    for (i, label) in labels.enumerated() {
      let row = logits.row(i)
      let probability = Foundation.exp(row[label]) / row.reduce(0) { $0 + Foundation.exp($1) }
      total -= Foundation.log(probability)
    }
    return total / Double(labels.count)
  }

  // MARK: softmax cross-entropy

  @Test func softmaxCrossEntropyGradient() async {
    await expectGradientsMatch { batch, classes, g in
      let logits = g.parameter(batch, classes, in: -4...4)
      let labels = Self.labels(batch, classes: classes, using: &g)
      return ([logits], { softmaxCrossEntropy(logits: logits, labels: labels) })
    }
  }

  @Test func softmaxCrossEntropyValueAndGradientMatchTheDefinition() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...6), Gen.int(in: 1...6), Gen.uint64()) {
      batch, classes, seed in
      var g = SeededGenerator(seed: seed)
      let logits = Variable(g.tensor(batch, classes, in: -6...6), requiresGradient: true)
      let labels = Self.labels(batch, classes: classes, using: &g)
      let loss = softmaxCrossEntropy(logits: logits, labels: labels)
      let expected = Self.directCrossEntropy(logits.value, labels)
      #expect(loss.shape == [])
      #expect(abs(Double(loss.value.scalar) - expected) <= 1e-5 * max(1, expected))
      // Gradient (softmax − onehot) / batch.
      loss.backward()
      for i in 0..<batch {
        let row = logits.value.row(i)
        let total = row.reduce(0) { $0 + Foundation.exp($1) }
        for k in 0..<classes {
          let expected = (Foundation.exp(row[k]) / total - (k == labels[i] ? 1 : 0)) / Double(batch)
          #expect(abs(Double(logits.gradient![i, k]) - expected) <= 1e-6)
        }
      }
      // Each row of the gradient sums to 0: softmax sums to 1, as does the one-hot vector.
      for i in 0..<batch { #expect(abs(logits.gradient!.row(i).reduce(0, +)) <= 1e-6) }
    }
  }

  @Test func softmaxCrossEntropyIgnoresAConstantAddedToARow() async {
    // softmax(a + c) = softmax(a): shifting a row by up to ±1000 changes neither loss nor
    // gradient, where a plain exp would overflow.
    await propertyCheck(count: 40, input: Gen.int(in: 1...5), Gen.int(in: 2...6), Gen.uint64()) {
      batch, classes, seed in
      var g = SeededGenerator(seed: seed)
      let logits = g.tensor(batch, classes, in: -3...3)
      let shifts = (0..<batch).map { _ in Float(g.uniform(-1000, 1000)) }
      var shifted = logits
      for i in 0..<batch { for k in 0..<classes { shifted[i, k] += shifts[i] } }
      let labels = Self.labels(batch, classes: classes, using: &g)
      let (a, b) = (
        Variable(logits, requiresGradient: true), Variable(shifted, requiresGradient: true)
      )
      let (lossA, lossB) = (
        softmaxCrossEntropy(logits: a, labels: labels),
        softmaxCrossEntropy(logits: b, labels: labels)
      )
      lossA.backward()
      lossB.backward()
      // Tolerances are those of Float logits near 1000, whose spacing is 6e-5.
      #expect(abs(lossA.value.scalar - lossB.value.scalar) <= 3e-4)
      #expect(allClose(a.gradient!, b.gradient!, tolerance: 3e-4))
    }
  }

  @Test func softmaxCrossEntropyIsFiniteForLargeLogits() {
    let logits = Variable(
      Tensor(rows: [[1000, 0, -1000], [1000, 1000, -1000]]), requiresGradient: true)
    let loss = softmaxCrossEntropy(logits: logits, labels: [1, 0])
    // Row 1: a confident mistake costs 1000; row 2: two tied classes cost log 2 each.
    let expected = (1000 + Foundation.log(2.0)) / 2
    #expect(loss.value.isFinite)
    #expect(abs(Double(loss.value.scalar) - expected) < 1e-3)
    loss.backward()
    #expect(logits.gradient!.isFinite)
    #expect(
      allClose(
        logits.gradient!, Tensor(rows: [[0.5, -0.5, 0], [-0.25, 0.25, 0]]), tolerance: 1e-6))
  }

  // MARK: L1

  @Test func l1LossGradient() async {
    // Targets at least 0.05 away from every prediction, so no step crosses the kink of |·|.
    await expectGradientsMatch { r, c, g in
      let prediction = g.parameter(r, c)
      let target = prediction.value + g.tensorAwayFromZero(shape: [r, c], magnitude: 0.05...2)
      return ([prediction], { l1Loss(prediction, target) })
    }
  }

  @Test func l1LossValueAndGradientMatchTheDefinition() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let prediction = Variable(g.tensor(r, c), requiresGradient: true)
      var target = g.tensor(r, c)
      target[0, 0] = prediction.value[0, 0]  // one tie, whose gradient is taken as 0
      let n = Double(r * c)
      let expected =
        zip(prediction.value.scalars, target.scalars).reduce(0.0) {
          $0 + abs(Double($1.0) - Double($1.1))
        } / n
      let loss = l1Loss(prediction, target)
      #expect(abs(Double(loss.value.scalar) - expected) <= 1e-5 * max(1, expected))
      loss.backward()
      for (i, (p, t)) in zip(prediction.value.scalars, target.scalars).enumerated() {
        let sign: Float = p > t ? 1 : (p < t ? -1 : 0)
        #expect(prediction.gradient!.scalars[i] == sign / Float(r * c))
      }
      #expect(l1Loss(Variable(target), target).value.scalar == 0)
    }
  }
}
