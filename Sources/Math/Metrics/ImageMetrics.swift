/// Measures of a single greyscale image, `width × height` values row by row from the top-left.
/// Pure functions: the sharpness of predicted frames and the number of shapes in them.
public enum ImageMetrics {
  /// Gradient energy: the mean over pixels of the squared forward differences,
  /// (I[y][x+1] − I[y][x])² + (I[y+1][x] − I[y][x])², each difference counted where both pixels
  /// exist. A sharp edge of contrast c adds c² per edge pixel; blurring it over k pixels spreads
  /// it into k steps of c/k and adds only c²/k — the same edge halved in contrast (a "ghost")
  /// adds c²/4. Zero for a constant image.
  public static func sharpness(_ pixels: [Float], width: Int, height: Int) -> Double {
    precondition(pixels.count == width * height, "sharpness: \(pixels.count) pixels for \(width) × \(height)")
    var energy = 0.0
    for y in 0..<height {
      for x in 0..<width {
        let v = Double(pixels[y * width + x])
        if x + 1 < width { energy += squared(Double(pixels[y * width + x + 1]) - v) }
        if y + 1 < height { energy += squared(Double(pixels[(y + 1) * width + x]) - v) }
      }
    }
    return energy / Double(width * height)
  }

  /// The number of connected blobs: groups of pixels brighter than `threshold` joined through
  /// their 4-neighbours (up, down, left, right), counting only groups of at least `minimumArea`
  /// pixels (so a speck of noise is not a shape).
  public static func blobCount(_ pixels: [Float], width: Int, height: Int, threshold: Float,
                               minimumArea: Int = 1) -> Int {
    blobAreas(pixels, width: width, height: height, threshold: threshold).filter { $0 >= minimumArea }.count
  }

  /// The areas (pixel counts) of the 4-connected groups of pixels brighter than `threshold`, in
  /// the order their first pixel is met scanning rows from the top.
  public static func blobAreas(_ pixels: [Float], width: Int, height: Int, threshold: Float) -> [Int] {
    precondition(pixels.count == width * height, "blobAreas: \(pixels.count) pixels for \(width) × \(height)")
    var seen = [Bool](repeating: false, count: pixels.count)
    var areas: [Int] = []
    for start in pixels.indices where pixels[start] > threshold && !seen[start] {
      var stack = [start]
      seen[start] = true
      var area = 0
      while let i = stack.popLast() {
        area += 1
        let (x, y) = (i % width, i / width)
        for (nx, ny) in [(x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1)]
        where nx >= 0 && nx < width && ny >= 0 && ny < height {
          let j = ny * width + nx
          if !seen[j] && pixels[j] > threshold {
            seen[j] = true
            stack.append(j)
          }
        }
      }
      areas.append(area)
    }
    return areas
  }

  /// The root-mean-square difference of two images of the same size.
  public static func rootMeanSquareDistance(_ a: [Float], _ b: [Float]) -> Double {
    precondition(a.count == b.count, "rootMeanSquareDistance: \(a.count) and \(b.count) pixels")
    let total = zip(a, b).reduce(0.0) { $0 + squared(Double($1.0) - Double($1.1)) }
    return (total / Double(a.count)).squareRoot()
  }

  private static func squared(_ v: Double) -> Double { v * v }
}
