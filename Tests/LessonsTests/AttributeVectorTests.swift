import Lessons
import Math
import Testing

@Suite struct AttributeVectorTests {
  /// Codes whose first coordinate is shifted by 3 exactly where the attribute is present, and
  /// noise elsewhere: the vector is (3, 0, …) up to the noise's sampling error.
  @Test(arguments: [UInt64(1), 2, 3])
  func theVectorIsTheDifferenceOfTheMeans(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let n = 4000
    let has = (0..<n).map { _ in Bool.random(using: &rng) }
    var codes = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: n, columns: 4, using: &rng)
    for i in 0..<n where has[i] { codes[i, 0] += 3 }
    let v = attributeVector(codes: codes, has: has)
    #expect(v.shape == [1, 4])
    #expect(abs(v[0, 0] - 3) < 0.15, "\(v)")
    for j in 1..<4 { #expect(abs(v[0, j]) < 0.15, "\(v)") }
    // Adding it moves the codes without the attribute onto the mean of those with it.
    let moved = shifting(codes, by: v)
    let before = (0..<n).filter { !has[$0] }.map { Double(codes[$0, 0]) }.reduce(0, +)
    let after = (0..<n).filter { !has[$0] }.map { Double(moved[$0, 0]) }.reduce(0, +)
    #expect(abs((after - before) / Double(has.filter { !$0 }.count) - Double(v[0, 0])) < 1e-4)
    #expect(shifting(moved, by: v, scale: -1).scalars.enumerated().allSatisfy { abs($1 - codes.scalars[$0]) < 1e-5 })
  }

  @Test func exactMeansOnAHandExample() {
    let codes = Tensor(rows: [[1, 2], [3, 4], [10, 20]])
    let v = attributeVector(codes: codes, has: [true, true, false])
    #expect(v.scalars == [2 - 10, 3 - 20])
  }
}
