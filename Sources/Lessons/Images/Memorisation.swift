import Math

/// Goodfellow et al. 2014's check that a GAN has not memorised its training set (Figs. 2–3: "the
/// rightmost column shows the nearest training example of the neighboring sample, in order to
/// demonstrate that the model has not memorized the training set"), made a measurement: each
/// sample's distance to its nearest training image, against the same distance of real images
/// the model never saw (held out).
///
/// Two measures, because one is not enough:
/// - **copies**: the share of samples equal to a training image (distance 0);
/// - **noisy copies**: whether samples differ from their nearest training images by little more
///   than pixel noise. A 3 × 3 median filter removes most pixel noise — on a black background,
///   where noise is clipped at black, nearly all of it — and little of an image's shapes. So for
///   each image the check divides the distance between the filtered image and its filtered
///   nearest training image by their plain distance (`filteredShare`), and compares the median of
///   these ratios for the samples with the median for held-out real images (`structure`: about 1
///   when the samples differ from the training set as new real images do, lower for noisy
///   copies). A plain distance test misses them: pixel noise of σ = 25 grey levels puts a copy
///   about as far from its original as a new image is from its nearest neighbour
///   (`tooClosePlain`, the share of samples nearer than all but `quantile` of held-out images).
public struct MemorisationCheck {
  public let training: Tensor
  public let quantile: Double
  /// The held-out images' distances to their nearest training images, and the share of each
  /// distance that survives median filtering (`filteredShare`).
  public let heldOutPlain: [Double]
  public let heldOutFilteredShare: [Double]

  /// `training` and `heldOut` images `[n, 1, h, w]`.
  public init(training: Tensor, heldOut: Tensor, quantile: Double = 0.01) {
    self.training = training
    self.quantile = quantile
    let nearest = nearestNeighbours(of: heldOut, in: training)
    heldOutPlain = nearest.map(\.distance)
    heldOutFilteredShare = filteredShare(heldOut, training.gatheringRows(nearest.map(\.index)))
  }

  /// What the check finds for `samples`.
  public struct Finding: Sendable {
    /// The share of samples identical to a training image.
    public let copies: Double
    /// The median `filteredShare` of the samples ÷ that of the held-out images.
    public let structure: Double
    /// Each sample's `filteredShare`.
    public let filteredShares: [Double]
    /// The same share without blurring.
    public let tooClosePlain: Double
    /// Each sample's nearest training image (plain distance).
    public let nearest: [NearestNeighbour]
  }

  public func check(_ samples: Tensor) -> Finding {
    let nearest = nearestNeighbours(of: samples, in: training)
    let kept = filteredShare(samples, training.gatheringRows(nearest.map(\.index)))
    let plainLimit = Statistics.quantile(heldOutPlain, quantile)
    func share(_ x: [Double], below bound: Double) -> Double { Double(x.filter { $0 < bound }.count) / Double(max(x.count, 1)) }
    let structure = Statistics.quantile(kept, 0.5) / Statistics.quantile(heldOutFilteredShare, 0.5)
    return Finding(copies: share(nearest.map(\.distance), below: 1e-12), structure: structure, filteredShares: kept,
                   tooClosePlain: share(nearest.map(\.distance), below: plainLimit), nearest: nearest)
  }
}

/// ‖median(a) − median(b)‖ / ‖a − b‖ for each pair of rows of two image batches, with `median`
/// the 3 × 3 median filter: near 1 when the images differ in their shapes, small when they
/// differ by pixel noise; 0 for identical images.
public func filteredShare(_ a: Tensor, _ b: Tensor) -> [Double] {
  let (fa, fb) = (medianFiltered(a), medianFiltered(b))
  let d = a.columns
  return (0..<a.rows).map { i in
    var (plain, filtered) = (0.0, 0.0)
    for k in (i * d)..<((i + 1) * d) {
      let (p, f) = (Double(a.scalars[k]) - Double(b.scalars[k]), Double(fa.scalars[k]) - Double(fb.scalars[k]))
      (plain, filtered) = (plain + p * p, filtered + f * f)
    }
    return plain > 0 ? (filtered / plain).squareRoot() : 0
  }
}

/// Each image `[n, 1, h, w]` (or `[n, h, w]`) replaced by the median of each 3 × 3
/// neighbourhood (at the border, of the neighbours inside the image).
public func medianFiltered(_ images: Tensor) -> Tensor {
  let (h, w) = (images.shape[images.rank - 2], images.shape[images.rank - 1])
  let n = images.count / (h * w)
  return images.scalars.withUnsafeBufferPointer { x in
    Tensor(shape: images.shape) { out in
      var window = [Float](repeating: 0, count: 9)
      for k in 0..<n {
        let base = k * h * w
        for i in 0..<h {
          for j in 0..<w {
            var count = 0
            for di in -1...1 where i + di >= 0 && i + di < h {
              for dj in -1...1 where j + dj >= 0 && j + dj < w {
                window[count] = x[base + (i + di) * w + j + dj]
                count += 1
              }
            }
            window[0..<count].sort()
            out[base + i * w + j] = count % 2 == 1 ? window[count / 2] : (window[count / 2 - 1] + window[count / 2]) / 2
          }
        }
      }
    }
  }
}

/// How evenly a path of images changes: the largest step between consecutive images divided by
/// the mean step (1 when every step is as large as every other; large when the path jumps).
/// The latent interpolations of Goodfellow et al. (Fig. 3) and Radford et al. (§6.1) should be
/// smooth: "walking in the latent space results in semantic changes … with no sharp transitions".
public func unevenness(ofPath images: Tensor) -> Double {
  let d = images.columns
  let steps = (1..<images.rows).map { t in
    (0..<d).reduce(0.0) { sum, k in
      let diff = Double(images.scalars[t * d + k]) - Double(images.scalars[(t - 1) * d + k])
      return sum + diff * diff
    }.squareRoot()
  }
  let mean = steps.reduce(0, +) / Double(steps.count)
  return mean > 0 ? steps.max()! / mean : 1
}
