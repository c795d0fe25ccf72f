import Math
import PropertyBased
import Testing

/// Side-by-side concatenation (the input of a conditional GAN's networks): its gradient against
/// central differences, and that splitting undoes joining.
@Suite struct ColumnConcatenationTests {
  @Test func gradientOfConcatenatingColumns() async {
    await expectGradientsMatch { r, c, g in
      let (a, b) = (g.parameter(r, c), g.parameter(r, c + 1))
      return ([a, b], { Variable.concatenatingColumns([a, b]) })
    }
  }

  @Test func gradientWithAConstantPart() async {
    await expectGradientsMatch { r, c, g in
      let a = g.parameter(r, c)
      let y = Variable.constant(g.tensor(r, 2))
      return ([a], { Variable.concatenatingColumns([y, a]) })
    }
  }

  @Test func columnsUndoConcatenation() async {
    await propertyCheck(count: 50, input: Gen.int(in: 1...6), Gen.int(in: 1...4), Gen.int(in: 1...4), Gen.uint64()) {
      r, c1, c2, seed in
      var g = SeededGenerator(seed: seed)
      let (a, b) = (g.tensor(r, c1), g.tensor(r, c2))
      let joined = Tensor.concatenatingColumns([a, b])
      #expect(joined.shape == [r, c1 + c2])
      #expect(joined.columns(0..<c1) == a)
      #expect(joined.columns(c1..<(c1 + c2)) == b)
      #expect(joined[r - 1, c1] == b[r - 1, 0])
    }
  }
}
