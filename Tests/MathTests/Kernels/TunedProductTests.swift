@testable import Math
import PropertyBased
import Testing

/// Kernels/TunedProduct.swift: the tuned ways of computing a product against one `cblas_sgemm`
/// call (`Tensor.productInOneCall`, the readable path), and the rules' ranges.
@Suite struct TunedProductTests {
  static func bits(_ t: Tensor) -> [UInt32] { t.scalars.map(\.bitPattern) }

  static func operands(_ shape: ProductShape, using g: inout SeededGenerator) -> (Tensor, Tensor) {
    let (m, n, k) = (shape.m, shape.n, shape.k)
    return (shape.transposeA ? g.tensor(k, m) : g.tensor(m, k), shape.transposeB ? g.tensor(n, k) : g.tensor(k, n))
  }

  /// Products in the blocks of rows `rowsPerCall` chooses give one call's product bit for bit:
  /// first over shapes made of whole 16-wide tiles (the only ones it splits), then with any
  /// number of columns (where a split would change some last bits).
  @Test func rowBlocksAreBitIdenticalToOneCall() async {
    await propertyCheck(
      count: 40, input: Gen.int(in: 2...16), Gen.int(in: 1...256), Gen.int(in: 1...40), Gen.uint64()
    ) { tilesM, k, tilesN, seed in
      Self.expectSplitMatchesOneCall(m: 16 * tilesM, k: k, n: 16 * tilesN, seed: seed)
    }
    await propertyCheck(
      count: 40, input: Gen.int(in: 2...16), Gen.int(in: 1...256), Gen.int(in: 1...400), Gen.uint64()
    ) { tilesM, k, n, seed in
      Self.expectSplitMatchesOneCall(m: 16 * tilesM, k: k, n: n, seed: seed)
    }
  }

  static func expectSplitMatchesOneCall(m: Int, k: Int, n: Int, seed: UInt64) {
    var g = SeededGenerator(seed: seed)
    for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
      let shape = ProductShape(m: m, n: n, k: k, transposeA: ta, transposeB: tb)
      let (a, b) = operands(shape, using: &g)
      let rows = TunedProduct.rowsPerCall(m: m, n: n, k: k, transposeB: tb)
      #expect(bits(Tensor.productInRowBlocks(a, b, shape, rowsPerCall: rows)) == bits(Tensor.productInOneCall(a, b, shape)),
              "m \(m) k \(k) n \(n) transposeA \(ta) transposeB \(tb), \(rows) rows per call")
    }
  }

  /// a · bᵀ computed as a · (bᵀ) from a transposed copy, in the row blocks `rowsPerCall` then
  /// chooses, gives one call's product with bᵀ bit for bit wherever `transposesBFirst` says to
  /// do so: over shapes of its range, and over shapes just outside it in n, which it leaves
  /// alone.
  @Test func transposedCopyIsBitIdenticalWhereChosen() async {
    await propertyCheck(
      count: 60, input: Gen.int(in: 1...16), Gen.int(in: 1...256), Gen.int(in: 8...32), Gen.uint64()
    ) { tilesM, k, tilesN, seed in
      let (m, n) = (16 * tilesM, 16 * tilesN)
      guard TunedProduct.transposesBFirst(m: m, n: n, k: k) else { return }
      var g = SeededGenerator(seed: seed)
      let shape = ProductShape(m: m, n: n, k: k, transposeA: false, transposeB: true)
      let (a, b) = Self.operands(shape, using: &g)
      let tuned = TunedProduct.transposedCopy(rows: TunedProduct.rowsPerCall(m: m, n: n, k: k, transposeB: false))
      #expect(Self.bits(tuned.product(a, b, shape)) == Self.bits(Tensor.productInOneCall(a, b, shape)), "m \(m) k \(k) n \(n)")
    }
  }

  /// Whatever the planner chooses, while it times the two ways and after, `Tensor.matmul` gives
  /// one call's bits, over random shapes that have a tuned way (on one BLAS thread).
  @Test func matmulGivesOneCallsBitsWhateverThePlan() async {
    BLAS.setThreadCount(1)
    await propertyCheck(
      count: 30, input: Gen.int(in: 2...16), Gen.int(in: 1...256), Gen.int(in: 1...40), Gen.uint64()
    ) { tilesM, k, tilesN, seed in
      var g = SeededGenerator(seed: seed)
      let (ta, tb) = (g.uniform() < 0.3, g.uniform() < 0.5)
      let shape = ProductShape(m: 16 * tilesM, n: 16 * tilesN, k: k, transposeA: ta, transposeB: tb)
      guard TunedProduct(shape) != nil else { return }
      let (a, b) = Self.operands(shape, using: &g)
      let expected = Self.bits(Tensor.productInOneCall(a, b, shape))
      for call in 0..<(2 * MatrixProductPlanner.shared.trials + 2) {
        #expect(Self.bits(Tensor.matmul(a, b, transposeA: ta, transposeB: tb)) == expected, "\(shape), call \(call)")
      }
    }
  }

  /// The chapter 3 recipe's products have tuned ways on a core with the small-matrix kernel and
  /// one thread, and only those in the rules' ranges do.
  @Test func tunedWaysExistOnlyWithinTheRules() {
    BLAS.setThreadCount(1)
    let small = TunedProduct.hasSmallMatrixKernel
    func tuned(_ m: Int, _ n: Int, _ k: Int, transposeB: Bool = false) -> Bool {
      TunedProduct(ProductShape(m: m, n: n, k: k, transposeA: false, transposeB: transposeB)) != nil
    }
    #expect(tuned(64, 128, 256) == small)
    #expect(tuned(64, 256, 128, transposeB: true) == small)
    #expect(!tuned(64, 64, 128) && !tuned(72, 128, 256) && !tuned(256, 256, 256))
  }

  @Test func transposesBFirstOnlyInItsRange() {
    let chosen = TunedProduct.hasSmallMatrixKernel
    // The four products G · Wᵀ of the chapter 3 recipe.
    #expect(TunedProduct.transposesBFirst(m: 64, n: 256, k: 128) == chosen)
    #expect(TunedProduct.transposesBFirst(m: 32, n: 256, k: 128) == chosen)
    #expect(TunedProduct.transposesBFirst(m: 64, n: 128, k: 64) == chosen)
    #expect(TunedProduct.transposesBFirst(m: 32, n: 128, k: 64) == chosen)
    #expect(!TunedProduct.transposesBFirst(m: 64, n: 64, k: 128))  // n under 128
    #expect(!TunedProduct.transposesBFirst(m: 64, n: 136, k: 128))  // n not whole tiles
    #expect(!TunedProduct.transposesBFirst(m: 40, n: 256, k: 128))  // m not whole tiles
    #expect(!TunedProduct.transposesBFirst(m: 32, n: 128, k: 300))  // k over 256
    #expect(!TunedProduct.transposesBFirst(m: 16, n: 128, k: 32))  // 2¹⁶ multiply-adds: below the range
    #expect(!TunedProduct.transposesBFirst(m: 128, n: 256, k: 128))  // 2²² multiply-adds: above it
  }

  /// The recipe's largest products are split on a core with the small-matrix kernel, and never
  /// split otherwise, where bᵀ is used, or above 2²¹ multiply-adds.
  @Test func rowsPerCallSplitsOnlyInItsRange() {
    let split = TunedProduct.hasSmallMatrixKernel
    #expect(TunedProduct.rowsPerCall(m: 64, n: 128, k: 256, transposeB: false) == (split ? 16 : 64))
    #expect(TunedProduct.rowsPerCall(m: 256, n: 128, k: 64, transposeB: false) == (split ? 64 : 256))
    #expect(TunedProduct.rowsPerCall(m: 64, n: 256, k: 128, transposeB: true) == 64)
    #expect(TunedProduct.rowsPerCall(m: 64, n: 64, k: 128, transposeB: false) == 64)
    #expect(TunedProduct.rowsPerCall(m: 64, n: 128, k: 512, transposeB: false) == 64)
    #expect(TunedProduct.rowsPerCall(m: 64, n: 130, k: 256, transposeB: false) == 64)
    #expect(TunedProduct.rowsPerCall(m: 72, n: 128, k: 256, transposeB: false) == 72)
    #expect(TunedProduct.rowsPerCall(m: 128, n: 128, k: 128, transposeB: false) == (split ? 32 : 128))
    #expect(TunedProduct.rowsPerCall(m: 256, n: 256, k: 256, transposeB: false) == 256)
    #expect(TunedProduct.rowsPerCall(m: 64, n: 256, k: 256, transposeB: false) == 64)
  }
}
