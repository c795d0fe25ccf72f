import Math
import PropertyBased
import Testing

/// Sharpness (gradient energy) and blob counting on images whose answers are known.
@Suite struct ImageMetricsTests {
  /// A `size × size` black image with white squares of side `side` at the given top-left corners.
  func squares(_ corners: [(Int, Int)], side: Int, size: Int = 16, level: Float = 1) -> [Float] {
    var pixels = [Float](repeating: 0, count: size * size)
    for (x0, y0) in corners {
      for y in y0..<(y0 + side) { for x in x0..<(x0 + side) { pixels[y * size + x] = level } }
    }
    return pixels
  }

  @Test func constantImagesHaveNoSharpness() async {
    await propertyCheck(count: 30, input: Gen.float(in: -2...2), Gen.int(in: 1...10)) { v, n in
      #expect(ImageMetrics.sharpness([Float](repeating: v, count: n * n), width: n, height: n) == 0)
    }
  }

  /// A square of side s has 4s edge differences of size 1 inside the frame.
  @Test func sharpnessOfASquareCountsItsEdges() {
    let image = squares([(5, 5)], side: 4)
    #expect(abs(ImageMetrics.sharpness(image, width: 16, height: 16) - 16.0 / 256) < 1e-12)
  }

  /// Two half-intensity ghosts have half the gradient energy of one sharp shape: the double ghost
  /// of the MSE prediction.
  @Test func twoHalfGhostsHaveHalfTheEnergy() {
    let sharp = ImageMetrics.sharpness(squares([(1, 5)], side: 4), width: 16, height: 16)
    let ghosts = ImageMetrics.sharpness(squares([(1, 5), (10, 5)], side: 4, level: 0.5), width: 16, height: 16)
    #expect(abs(ghosts / sharp - 0.5) < 1e-12)
  }

  /// Scaling an image by k scales its gradient energy by k².
  @Test func sharpnessIsQuadraticInContrast() async {
    await propertyCheck(count: 50, input: Gen.float(in: 0.1...3), Gen.uint64()) { k, seed in
      var g = SeededGenerator(seed: seed)
      let image = (0..<64).map { _ in Float(g.uniform(0, 1)) }
      let a = ImageMetrics.sharpness(image, width: 8, height: 8)
      let b = ImageMetrics.sharpness(image.map { $0 * k }, width: 8, height: 8)
      #expect(abs(b - Double(k * k) * a) <= 1e-4 * max(a, 1e-6) * Double(k * k) + 1e-9)
    }
  }

  @Test func blobsAreCountedThroughFourNeighbours() {
    #expect(ImageMetrics.blobCount(squares([], side: 1), width: 16, height: 16, threshold: 0.5) == 0)
    #expect(ImageMetrics.blobCount(squares([(1, 1)], side: 3), width: 16, height: 16, threshold: 0.5) == 1)
    #expect(ImageMetrics.blobCount(squares([(1, 1), (8, 8)], side: 3), width: 16, height: 16, threshold: 0.5) == 2)
    // Touching only at a corner: two 4-connected blobs.
    #expect(ImageMetrics.blobCount(squares([(1, 1), (3, 3)], side: 2), width: 16, height: 16, threshold: 0.5) == 2)
    // Touching along an edge: one.
    #expect(ImageMetrics.blobCount(squares([(1, 1), (3, 1)], side: 2), width: 16, height: 16, threshold: 0.5) == 1)
    // Below the threshold: none.
    #expect(ImageMetrics.blobCount(squares([(1, 1)], side: 3, level: 0.4), width: 16, height: 16, threshold: 0.5) == 0)
  }

  @Test func smallBlobsAreIgnoredBelowTheMinimumArea() {
    let image = squares([(1, 1)], side: 1) .enumerated().map { $0.offset == 200 ? 1 : $0.element }
    #expect(ImageMetrics.blobAreas(image, width: 16, height: 16, threshold: 0.5) == [1, 1])
    #expect(ImageMetrics.blobCount(image, width: 16, height: 16, threshold: 0.5, minimumArea: 2) == 0)
  }

  /// The areas of the blobs add up to the number of bright pixels.
  @Test func blobAreasPartitionTheBrightPixels() async {
    await propertyCheck(count: 100, input: Gen.uint64()) { seed in
      var g = SeededGenerator(seed: seed)
      let image = (0..<100).map { _ in Float(g.uniform(0, 1)) }
      let areas = ImageMetrics.blobAreas(image, width: 10, height: 10, threshold: 0.6)
      #expect(areas.reduce(0, +) == image.filter { $0 > 0.6 }.count)
      #expect(areas.allSatisfy { $0 >= 1 })
    }
  }

  @Test func rootMeanSquareDistance() {
    #expect(ImageMetrics.rootMeanSquareDistance([0, 0, 0, 0], [1, 1, 1, 1]) == 1)
    #expect(ImageMetrics.rootMeanSquareDistance([0, 0, 0, 0], [2, 0, 0, 0]) == 1)
  }
}
