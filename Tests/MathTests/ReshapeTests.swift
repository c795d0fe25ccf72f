import Math
import PropertyBased
import Testing

/// Reshaping: its gradient against central differences, that it keeps the row-major order, and
/// that Flatten and Unflatten undo each other.
@Suite struct ReshapeTests {
  /// A shape with the elements of `[rows, columns]`, chosen at random among a few
  /// rearrangements (a vector, a transposed shape, extra axes of 1, a split of the rows).
  static func anotherShape(_ rows: Int, _ columns: Int, using g: inout SeededGenerator) -> [Int] {
    switch g.next() % 4 {
    case 0: [rows * columns]
    case 1: [columns, rows]
    case 2: [1, rows, 1, columns]
    default: [rows, 1, columns, 1]
    }
  }

  // MARK: Reshaping.swift

  @Test func reshapedGradient() async {
    await expectGradientsMatch { r, c, g in
      let x = g.parameter(r, c)
      let shape = Self.anotherShape(r, c, using: &g)
      return ([x], { x.reshaped(shape) })
    }
  }

  @Test func reshapedKeepsTheElementsInOrder() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...5), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = Variable(g.tensor(r, c), requiresGradient: true)
      let shape = Self.anotherShape(r, c, using: &g)
      let y = x.reshaped(shape)
      #expect(y.shape == shape && y.value.scalars == x.value.scalars)
      // The gradient comes back in the input's shape, element for element.
      let seedGradient = g.tensor(shape: shape)
      y.backward(seed: seedGradient)
      #expect(x.gradient == seedGradient.reshaped([r, c]))
    }
  }

  // MARK: Reshape.swift

  @Test func flattenMakesOneRowPerSample() async {
    await propertyCheck(
      count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...4), Gen.int(in: 1...4),
      Gen.int(in: 1...4)
    ) {
      batch, channels, height, width in
      var g = SeededGenerator(seed: UInt64(batch * 1000 + channels * 100 + height * 10 + width))
      let x = g.tensor(shape: [batch, channels, height, width])
      let y = Flatten().evaluate(x)
      #expect(y.shape == [batch, channels * height * width])
      #expect(y.scalars == x.scalars)
      // Sample b, channel c, pixel (i, j) lands in row b, column (c · height + i) · width + j.
      let (b, c, i, j) = (batch - 1, channels - 1, height / 2, width - 1)
      #expect(
        y[b, (c * height + i) * width + j]
          == x.scalars[((b * channels + c) * height + i) * width + j])
    }
  }

  @Test func unflattenUndoesFlatten() async {
    await propertyCheck(
      count: 30, input: Gen.int(in: 1...5), Gen.int(in: 1...4), Gen.int(in: 1...4),
      Gen.int(in: 1...4)
    ) {
      batch, channels, height, width in
      var g = SeededGenerator(seed: UInt64(batch * 1000 + channels * 100 + height * 10 + width))
      let images = g.tensor(shape: [batch, channels, height, width])
      let unflatten = Unflatten([channels, height, width])
      #expect(unflatten.evaluate(Flatten().evaluate(images)) == images)
      let rows = g.tensor(batch, channels * height * width)
      #expect(Flatten().evaluate(unflatten.evaluate(rows)) == rows)
      #expect(unflatten.evaluate(rows).shape == [batch, channels, height, width])
      #expect(Flatten().parameters.isEmpty && unflatten.parameters.isEmpty)
    }
  }

  @Test func reshapingLayersPassGradientsThrough() async {
    // Linear → Unflatten → BatchNorm2d → Flatten → tanh → Linear, the shape of a small DCGAN
    // generator's first block (batch normalisation in evaluation mode): gradients reach every
    // parameter through the reshapes.
    await expectGradientsMatch(rows: 2...4, columns: 1...3, GradientCheck(step: 1e-3)) {
      batch, inputs, g in
      let (channels, side) = (Int(g.next() % 2) + 1, Int(g.next() % 2) + 1)
      let n = channels * side * side
      let model = Sequential(
        Linear(inputs, n, using: &g), Unflatten([channels, side, side]), BatchNorm2d(channels),
        Flatten(), Activation.tanh, Linear(n, 2, using: &g))
      let x = Variable(g.tensor(batch, inputs, in: -3...3))
      return (model.parameters, { model(x, training: false) })
    }
  }
}
