import Math
import PropertyBased
import Testing

/// Tensor: products against a naive triple loop, and round-trips of the row operations.
/// (Shape preconditions stop the process, so they are not tested here.)
@Suite struct TensorTests {
  /// op(a)·op(b) by the definition, in Double.
  static func naiveProduct(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> [Double]
  {
    let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let n = transposeB ? b.shape[0] : b.shape[1]
    func opA(_ i: Int, _ l: Int) -> Double { Double(transposeA ? a[l, i] : a[i, l]) }
    func opB(_ l: Int, _ j: Int) -> Double { Double(transposeB ? b[j, l] : b[l, j]) }
    var out = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
      for j in 0..<n {
        for l in 0..<k { out[i * n + j] += opA(i, l) * opB(l, j) }
      }
    }
    return out
  }

  @Test func matmulMatchesNaiveLoopForAllTransposes() async {
    await propertyCheck(
      count: 50, input: Gen.int(in: 1...7), Gen.int(in: 1...7), Gen.int(in: 1...7), Gen.uint64()
    ) {
      m, k, n, seed in
      var g = SeededGenerator(seed: seed)
      for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
        let a = ta ? g.tensor(k, m) : g.tensor(m, k)
        let b = tb ? g.tensor(n, k) : g.tensor(k, n)
        let product = Tensor.matmul(a, b, transposeA: ta, transposeB: tb)
        let expected = Self.naiveProduct(a, b, transposeA: ta, transposeB: tb)
        #expect(product.shape == [m, n])
        let worst = zip(product.scalars, expected).map { abs(Double($0) - $1) }.max() ?? 0
        #expect(worst <= 1e-5 * Double(k) * 4, "transposeA \(ta), transposeB \(tb): error \(worst)")
      }
    }
  }

  @Test func transposedSwapsRowsAndColumns() async {
    await propertyCheck(count: 30, input: Gen.int(in: 0...40), Gen.int(in: 0...40), Gen.uint64()) { r, c, seed in
      var g = SeededGenerator(seed: seed)
      let a = g.tensor(r, c)
      let t = a.transposed()
      #expect(t.shape == [c, r])
      for i in 0..<r {
        for j in 0..<c { #expect(t[j, i] == a[i, j]) }
      }
      #expect(t.transposed() == a)
    }
  }

  /// The settings `BLAS` reports: at least one thread, and the name of a core.
  @Test func blasReportsItsThreadsAndCore() {
    BLAS.setThreadCount(0)
    #expect(BLAS.threadCount == 1)
    #expect(!BLAS.coreName.isEmpty)
  }

  @Test func matmulWithEmptyInnerSizeIsZero() {
    let a = Tensor(zeros: [3, 0])
    let b = Tensor(zeros: [0, 2])
    #expect(Tensor.matmul(a, b) == Tensor(zeros: [3, 2]))
  }

  @Test func matmulByIdentityIsIdentity() async {
    await propertyCheck(count: 20, input: Gen.int(in: 1...6), Gen.int(in: 1...6), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let a = g.tensor(r, c)
      var identity = Tensor(zeros: [c, c])
      for i in 0..<c { identity[i, i] = 1 }
      #expect(Tensor.matmul(a, identity) == a)
      // (aᵀ)ᵀ through two products with the identity.
      var identityR = Tensor(zeros: [r, r])
      for i in 0..<r { identityR[i, i] = 1 }
      let transposed = Tensor.matmul(a, identityR, transposeA: true)
      #expect(transposed.shape == [c, r])
      #expect(Tensor.matmul(identityR, transposed, transposeB: true) == a)
    }
  }

  @Test func gatheringRowsPicksRowsInOrder() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...6), Gen.int(in: 1...6), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = g.tensor(r, c)
      let indices = (0..<Int(g.next() % 10)).map { _ in Int(g.next() % UInt64(r)) }
      let gathered = x.gatheringRows(indices)
      #expect(gathered.shape == [indices.count, c])
      for (k, i) in indices.enumerated() { #expect(gathered.row(k) == x.row(i)) }
      // Gathering a permutation and then its inverse restores the tensor.
      let p = g.permutation(r)
      var inverse = [Int](repeating: 0, count: r)
      for (k, i) in p.enumerated() { inverse[i] = k }
      #expect(x.gatheringRows(p).gatheringRows(inverse) == x)
      #expect(x.gatheringRows(Array(0..<r)) == x)
    }
  }

  @Test func rowsAndConcatenatingRowsRoundTrip() async {
    await propertyCheck(count: 40, input: Gen.int(in: 1...8), Gen.int(in: 1...6), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = g.tensor(r, c)
      // Cut at random points, then stack the pieces again.
      let cuts = ([0, r] + (0..<3).map { _ in Int(g.next() % UInt64(r + 1)) }).sorted()
      let pieces = zip(cuts, cuts.dropFirst()).map { x.rows($0..<$1) }
      for (piece, (lower, upper)) in zip(pieces, zip(cuts, cuts.dropFirst())) {
        #expect(piece.shape == [upper - lower, c])
        for k in 0..<(upper - lower) { #expect(piece.row(k) == x.row(lower + k)) }
      }
      #expect(Tensor.concatenatingRows(pieces) == x)
      #expect(x.rows(0..<r) == x)
      #expect(x.rows(0..<r) == x.gatheringRows(Array(0..<r)))
    }
  }

  @Test func concatenatingRowsKeepsTrailingAxes() {
    let a = Tensor(shape: [1, 2, 2], scalars: [1, 2, 3, 4])
    let b = Tensor(shape: [2, 2, 2], scalars: [5, 6, 7, 8, 9, 10, 11, 12])
    let both = Tensor.concatenatingRows([a, b])
    #expect(both.shape == [3, 2, 2])
    #expect(both.scalars == Array(1...12).map(Float.init))
    #expect(both.rows(1..<3) == b)
  }

  @Test func sumOverRowsAndAddingRow() async {
    // Widths up to 20 cover the eight-column SIMD blocks and the columns left after them.
    await propertyCheck(count: 60, input: Gen.int(in: 1...6), Gen.int(in: 1...20), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let x = g.tensor(r, c)
      let b = g.tensor(1, c)
      let sums = x.sumOverRows()
      #expect(sums.shape == [1, c])
      for j in 0..<c {
        // Bit for bit the sum from the first row to the last, as documented.
        var expected: Float = 0
        for i in 0..<r { expected += x[i, j] }
        #expect(sums.scalars[j] == expected)
      }
      let shifted = x.addingRow(b)
      for i in 0..<r {
        for j in 0..<c { #expect(shifted[i, j] == x[i, j] + b.scalars[j]) }
      }
      // Adding a row and then its negation returns to x (up to rounding); adding a row of
      // shape [c] is the same as adding it as [1, c].
      #expect(allClose(shifted.addingRow(-b), x))
      #expect(x.addingRow(b.reshaped([c])) == shifted)
      // Σ_rows (x + 1 bᵀ) = Σ_rows x + r·b.
      #expect(allClose(shifted.sumOverRows(), sums + b * Float(r), tolerance: 1e-4))
    }
  }

  @Test func elementwiseArithmeticMatchesScalars() async {
    await propertyCheck(count: 30, input: Gen.int(in: 1...6), Gen.int(in: 1...6), Gen.uint64()) {
      r, c, seed in
      var g = SeededGenerator(seed: seed)
      let (a, b) = (g.tensor(r, c), g.tensor(r, c))
      let s = Float(g.uniform(-3, 3))
      for i in 0..<a.count {
        let (x, y) = (a.scalars[i], b.scalars[i])
        #expect((a + b).scalars[i] == x + y)
        #expect((a - b).scalars[i] == x - y)
        #expect((a * b).scalars[i] == x * y)
        #expect((a * s).scalars[i] == x * s)
        #expect((s * a).scalars[i] == x * s)
        #expect((-a).scalars[i] == -x)
      }
      var accumulated = a
      accumulated.add(b)
      #expect(accumulated == a + b)
      #expect(
        a.zipMap(b, max)
          == Tensor(shape: a.shape, scalars: zip(a.scalars, b.scalars).map { max($0, $1) }))
      let exactSum = a.scalars.reduce(0.0) { $0 + Double($1) }
      #expect(a.sum() == exactSum)
      #expect(a.mean() == exactSum / Double(a.count))
    }
  }

  @Test func valueSemantics() {
    let a = Tensor(rows: [[1, 2], [3, 4]])
    var b = a
    b[0, 1] = 9
    #expect(a[0, 1] == 2)
    #expect(b[0, 1] == 9)
    var c = a
    c.add(a)
    #expect(a == Tensor(rows: [[1, 2], [3, 4]]))
    #expect(c == Tensor(rows: [[2, 4], [6, 8]]))
  }

  @Test func initialisersShapesAndAccessors() {
    let m = Tensor(rows: [[1, 2, 3], [4, 5, 6]])
    #expect(m.shape == [2, 3] && m.rows == 2 && m.columns == 3 && m.rank == 2 && m.count == 6)
    #expect(m.row(1) == [4, 5, 6])
    #expect(m.column(2) == [3, 6])
    #expect(m.reshaped([3, 2])[2, 1] == 6)
    #expect(m.reshaped([6]).columns == 1)
    #expect(Tensor(column: [1.5, 2.5]).shape == [2, 1])
    #expect(Tensor(7).shape == [] && Tensor(7).scalar == 7 && Tensor(7).rows == 1)
    #expect(Tensor(repeating: 2, shape: [2, 2]).scalars == [2, 2, 2, 2])
    #expect(Tensor(zeros: [3]).sum() == 0)
    #expect(Tensor(shape: [2, 2, 3], scalars: Array(repeating: 0, count: 12)).columns == 6)
    #expect(m.isFinite)
    #expect(!Tensor(rows: [[1, .nan]]).isFinite)
    #expect(!Tensor(rows: [[.infinity, 1]]).isFinite)
    #expect(Tensor(zeros: [0]).mean().isNaN)
  }
}
