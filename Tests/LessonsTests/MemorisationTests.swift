import Lessons
import Math
import PropertyBased
import Testing

@Suite struct MemorisationTests {
  static func images(_ n: Int, _ rng: inout SeededGenerator) -> Tensor {
    // Smooth random images: a few random blobs on a black background.
    var scalars = [Float](repeating: -1, count: n * 784)
    for k in 0..<n {
      for _ in 0..<3 {
        let (cy, cx, r) = (rng.uniform(6, 22), rng.uniform(6, 22), rng.uniform(2, 6))
        for i in 0..<28 {
          for j in 0..<28 where (Double(i) - cy) * (Double(i) - cy) + (Double(j) - cx) * (Double(j) - cx) < r * r {
            scalars[k * 784 + i * 28 + j] = 1
          }
        }
      }
    }
    return Tensor(shape: [n, 1, 28, 28], scalars: scalars)
  }

  @Test func copiesAreCaughtAndNewImagesAreNot() {
    var rng = SeededGenerator(seed: 1)
    let training = Self.images(300, &rng)
    let check = MemorisationCheck(training: training, heldOut: Self.images(100, &rng))
    let copies = check.check(training.gatheringRows(Array(0..<50)))
    let fresh = check.check(Self.images(100, &rng))
    #expect(copies.copies == 1)
    #expect(fresh.copies == 0)
    #expect(abs(fresh.structure - 1) < 0.15, "new images from the same source: structure \(fresh.structure)")
  }

  @Test func noisyCopiesHaveLessStructureThanNewImages() {
    var rng = SeededGenerator(seed: 2)
    let training = Self.images(300, &rng)
    let check = MemorisationCheck(training: training, heldOut: Self.images(100, &rng))
    let originals = training.gatheringRows(Array(0..<100))
    let noise = Distribution1D.normal(mean: 0, sd: 25 / 127.5).tensor(rows: 100, columns: 784, using: &rng)
    let noisy = Tensor(shape: originals.shape, scalars: zip(originals.scalars, noise.scalars).map { min(1, max(-1, $0 + $1)) })
    let finding = check.check(noisy)
    #expect(finding.copies == 0)
    #expect(finding.structure < 0.8, "structure \(finding.structure)")
    #expect(finding.nearest.enumerated().filter { $0.element.index == $0.offset }.count > 90, "each noisy copy is nearest its original")
  }

  @Test func theMedianFilterLeavesConstantImagesAndRemovesAnIsolatedPixel() {
    let constant = Tensor(repeating: 0.3, shape: [2, 1, 5, 5])
    #expect(medianFiltered(constant) == constant)
    var speck = [Float](repeating: -1, count: 25)
    speck[12] = 1
    #expect(medianFiltered(Tensor(shape: [1, 1, 5, 5], scalars: speck)).scalars.allSatisfy { $0 == -1 })
  }

  @Test func unevennessIsOneForEvenStepsAndGrowsWithAJump() {
    let even = Tensor(shape: [5, 2], scalars: [0, 0, 1, 0, 2, 0, 3, 0, 4, 0])
    #expect(abs(unevenness(ofPath: even) - 1) < 1e-12)
    let jump = Tensor(shape: [5, 2], scalars: [0, 0, 0, 0, 0, 0, 4, 0, 4, 0])
    #expect(abs(unevenness(ofPath: jump) - 4) < 1e-12, "one step of 4 among four: max 4 ÷ mean 1")
  }
}
