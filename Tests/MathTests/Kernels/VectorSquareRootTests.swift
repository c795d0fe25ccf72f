@testable import Math
import PropertyBased
import Testing

/// Kernels/VectorSquareRoot.swift: `laneSquareRoot` against `Float.squareRoot()`.
@Suite struct VectorSquareRootTests {
  /// The same bits lane by lane, for random magnitudes over the whole range of `Float` and for
  /// the edge cases: ±0, subnormals, the extremes, infinity, negatives and NaN (any NaN).
  @Test func laneSquareRootIsFloatSquareRoot() async {
    let edges: [Float] = [0, -0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                          .infinity, -1, -.infinity, .nan, 1, 2, 0.5]
    func check(_ x: SIMD8<Float>) {
      let root = laneSquareRoot(x)
      for i in 0..<8 {
        let expected = x[i].squareRoot()
        #expect(expected.isNaN ? root[i].isNaN : root[i].bitPattern == expected.bitPattern, "√\(x[i])")
      }
    }
    for start in stride(from: 0, to: edges.count, by: 8) {
      check(SIMD8((0..<8).map { edges[(start + $0) % edges.count] }))
    }
    await propertyCheck(count: 200, input: Gen.uint64()) { seed in
      var g = SeededGenerator(seed: seed)
      check(SIMD8((0..<8).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: g.next()) & 0x7FFF_FFFF) }))
    }
  }
}
