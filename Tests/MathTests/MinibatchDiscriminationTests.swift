import Foundation
import Math
import PropertyBased
import Testing

/// The operations behind minibatch discrimination (Salimans et al. 2016, §3.2).
@Suite struct MinibatchDiscriminationTests {
  /// A `[rows, columns]` leaf whose entries in each column are at least 0.1 apart, so that a
  /// finite-difference step of 0.01 never crosses the kink of |M_i − M_j|.
  static func separatedParameter(_ rows: Int, _ columns: Int, using g: inout SeededGenerator) -> Variable {
    var scalars = [Float](repeating: 0, count: rows * columns)
    for j in 0..<columns {
      let order = g.permutation(rows)
      for i in 0..<rows { scalars[i * columns + j] = Float(order[i]) * 0.15 - 0.3 + Float(g.uniform(0, 0.05)) }
    }
    return Variable(Tensor(shape: [rows, columns], scalars: scalars), requiresGradient: true)
  }

  @Test func minibatchSimilarityGradientMatchesFiniteDifferences() async {
    await expectGradientsMatch(rows: 1...6, columns: 1...3) { r, kernels, g in
      let dimension = Int.random(in: 1...3, using: &g)
      let m = Self.separatedParameter(r, kernels * dimension, using: &g)
      return ([m], { m.minibatchSimilarity(kernels: kernels) })
    }
  }

  /// o(x_i)_b = Σ_j exp(−‖M_{i,b} − M_{j,b}‖₁), computed directly in Double.
  @Test func minibatchSimilarityIsTheSumOfKernels() async {
    await propertyCheck(input: Gen.int(in: 1...6), Gen.int(in: 1...3), Gen.int(in: 1...3), Gen.uint64()) { n, kernels, c, seed in
      var g = SeededGenerator(seed: seed)
      let m = g.tensor(n, kernels * c, in: -1...1)
      let o = Variable(m).minibatchSimilarity(kernels: kernels).value
      #expect(o.shape == [n, kernels])
      for i in 0..<n {
        for b in 0..<kernels {
          let expected = (0..<n).reduce(0.0) { sum, j in
            sum + exp(-(0..<c).reduce(0.0) { $0 + abs(Double(m[i, b * c + $1]) - Double(m[j, b * c + $1])) })
          }
          #expect(abs(Double(o[i, b]) - expected) <= 1e-5 * max(1, expected))
        }
      }
    }
  }

  /// A batch of identical rows (a collapsed generator) scores n in every kernel, the largest
  /// possible value; any other batch scores less.
  @Test func identicalRowsScoreTheBatchSize() {
    let m = Tensor(shape: [4, 6], scalars: Array(repeating: [0.3, -1, 2, 0.5, 0.1, 7], count: 4).flatMap { $0 })
    let o = Variable(m).minibatchSimilarity(kernels: 2).value
    #expect(o.scalars.allSatisfy { abs($0 - 4) < 1e-6 })
  }

  @Test func concatenatingColumnsGradientMatchesFiniteDifferences() async {
    await expectGradientsMatch { r, c, g in
      let (a, b) = (g.parameter(r, c), g.parameter(r, Int.random(in: 1...3, using: &g)))
      return ([a, b], { Variable.concatenatingColumns([a, b]) })
    }
  }

  @Test func concatenatingColumnsPlacesThePartsSideBySide() {
    let a = Tensor(rows: [[1, 2], [3, 4]])
    let b = Tensor(rows: [[5], [6]])
    #expect(Variable.concatenatingColumns([Variable(a), Variable(b)]).value == Tensor(rows: [[1, 2, 5], [3, 4, 6]]))
  }
}
