@testable import Math
import PropertyBased
import Testing

/// Tensor/OrderedProduct.swift and its kernel, Kernels/OrderedProductInTiles.swift.
@Suite struct OrderedProductInTilesTests {
  static func bits(_ t: Tensor) -> [UInt32] { t.scalars.map(\.bitPattern) }

  /// The tiles give the readable product bit for bit: any sizes (whole tiles, edge tiles of
  /// 1–3 rows and 1–3 vectors, and the last columns one by one), each way of transposing.
  @Test func tilesAreBitIdenticalToTheReadableProduct() async {
    await propertyCheck(count: 60, input: Gen.int(in: 1...70), Gen.int(in: 1...90), Gen.int(in: 1...150), Gen.uint64()) { m, k, n, seed in
      var g = SeededGenerator(seed: seed)
      for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
        let a = ta ? g.tensor(k, m) : g.tensor(m, k)
        let b = tb ? g.tensor(n, k) : g.tensor(k, n)
        let fast = Tensor.orderedProductInTiles(a, b, transposeA: ta, transposeB: tb)
        #expect(fast.shape == [m, n])
        #expect(Self.bits(fast) == Self.bits(Tensor.orderedProduct(a, b, transposeA: ta, transposeB: tb)),
                "m \(m) k \(k) n \(n) transposeA \(ta) transposeB \(tb)")
      }
    }
  }

  /// The readable product is the matrix product (to float rounding) ...
  @Test func orderedProductIsTheMatrixProduct() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...20), Gen.int(in: 1...40), Gen.int(in: 1...20), Gen.uint64()) { m, k, n, seed in
      var g = SeededGenerator(seed: seed)
      let (a, b) = (g.tensor(m, k), g.tensor(k, n))
      let product = Tensor.orderedProduct(a, b)
      for i in 0..<m {
        for j in 0..<n {
          let exact = (0..<k).reduce(0.0) { $0 + Double(a.scalars[i * k + $1]) * Double(b.scalars[$1 * n + j]) }
          #expect(abs(Double(product.scalars[i * n + j]) - exact) <= 1e-5 * Double(k), "entry (\(i), \(j))")
        }
      }
    }
  }

  /// ... summed from the first term to the last: 1 + 10⁸ rounds to 10⁸ in single precision, so
  /// 1 + 10⁸ − 10⁸ is 0 in this order (and 1 in the reverse one).
  @Test func termsAreAddedInOrder() {
    let a = Tensor(rows: [[1, 1e8, -1e8]])
    let b = Tensor(rows: [[1], [1], [1]])
    #expect(Tensor.orderedProduct(a, b).scalars == [0])
    #expect(Tensor.orderedProduct(Tensor(rows: [[-1e8, 1e8, 1]]), b).scalars == [1])
    #expect(Tensor.orderedProductInTiles(a, b).scalars == [0])
  }

  /// An inner size of 0 gives sums of no terms: zeros, as the readable product gives.
  @Test func emptySumsAreZero() {
    let (a, b) = (Tensor(zeros: [2, 0]), Tensor(zeros: [0, 3]))
    #expect(Tensor.orderedProductInTiles(a, b) == Tensor(zeros: [2, 3]))
    #expect(Tensor.orderedProduct(a, b) == Tensor(zeros: [2, 3]))
    #expect(Tensor.orderedProductInTiles(a, Tensor(zeros: [3, 0]), transposeB: true) == Tensor(zeros: [2, 3]))
  }
}
