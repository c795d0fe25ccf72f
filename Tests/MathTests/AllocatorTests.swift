import Math
import Testing

@Suite struct AllocatorTests {
  #if canImport(Glibc)
    /// glibc takes the settings, and the memory it keeps serves the next allocations without
    /// changing a number.
    @Test func glibcKeepsFreedMemoryAndNumbersStay() {
      var g = SeededGenerator(seed: 7)
      let a = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 256, columns: 128, using: &g)
      let b = Distribution1D.normal(mean: 0, sd: 1).tensor(rows: 128, columns: 64, using: &g)
      let before = Tensor.matmul(a, b)
      #expect(Allocator.retainFreedMemory())
      for _ in 0..<3 { #expect(Tensor.matmul(a, b) == before) }
    }
  #endif
}
