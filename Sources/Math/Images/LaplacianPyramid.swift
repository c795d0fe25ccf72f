/// The Laplacian pyramid of Burt & Adelson (1983), as LAPGAN uses it (Denton, Chintala, Szlam &
/// Fergus 2015, subsection "Laplacian Pyramid"): an image split into band-pass residuals, one per
/// scale, plus a small low-pass image.
///
/// With d the downsampling (blur, then keep every second pixel) and u the upsampling (spread the
/// pixels over a grid twice as large, then blur):
///   Gaussian pyramid  I_0 = I, I_{k+1} = d(I_k), for k = 0, …, K − 1;
///   Laplacian pyramid h_k = I_k − u(I_{k+1}) for k < K, and h_K = I_K;
///   reconstruction    I_K = h_K, I_k = u(I_{k+1}) + h_k.
/// The reconstruction is exact for any d and u: it adds back what the residual took away.
/// LAPGAN's generator at level k draws h_k given u(I_{k+1}), so a coarse-to-fine chain of small
/// GANs makes an image.
///
/// Images are channels-first batches `[batch, channels, height, width]`; each channel of each image
/// is filtered on its own. The blur is the separable 5-tap binomial kernel (1 4 6 4 1)/16 along
/// each axis.
///
/// **Border rule.** A tap that falls outside the image reads the image mirrored at its edge
/// pixel, without repeating that pixel (… 2 1 | 0 1 2 … n−2 n−1 | n−2 n−3 …, OpenCV's
/// `BORDER_REFLECT_101`). On a line of two pixels the mirror is applied again until the position
/// is inside (the line is extended evenly with period 2(n − 1)); on a line of one pixel every tap
/// reads that pixel. Mirroring keeps a position's parity, which is why both d and u map a constant
/// image to the same constant, for odd and even sizes alike, and a constant image has zero
/// residuals.
///
/// **d and u are adjoint only away from the border**: ⟨d x, y⟩ = ¼⟨x, u y⟩ for every y when x is
/// zero on the three outermost pixels of every row and column (the pixels within distance 2 of
/// the border). At the border they differ, and must: u preserves constants, so for an odd size
/// ¼⟨1, u 1⟩ counts n/2 pixels per axis where ⟨d 1, 1⟩ counts (n + 1)/2. The gradients of
/// `Variable.downsampled()` and `Variable.upsampled(height:width:)` are the exact transposes of d
/// and u, border included.
public enum LaplacianPyramid {
  /// The 5-tap binomial kernel (1 4 6 4 1)/16: the weights of taps at offsets −2, −1, 0, 1, 2.
  /// It sums to 1, and its even taps (1 + 6 + 1) and odd taps (4 + 4) each sum to ½.
  public static let binomialTaps: [Float] = [1, 4, 6, 4, 1].map { $0 / 16 }

  /// d: each channel blurred with the binomial kernel along both axes, then the rows and columns
  /// 0, 2, 4, … kept: `[n, c, h, w]` → `[n, c, (h + 1)/2, (w + 1)/2]`, for odd and even h, w ≥ 1.
  ///
  ///   d(x)[i, j] = Σ_{s, t} k[s] k[t] x[mirror(2i + s − 2), mirror(2j + t − 2)],  s, t ∈ 0…4,
  /// with k the binomial taps and the mirror of the border rule. A constant image stays constant.
  public static func downsample(_ image: Tensor) -> Tensor {
    precondition(
      image.rank == 4 && image.shape[2] >= 1 && image.shape[3] >= 1,
      "downsample: needs images [n, c, h, w] with h, w ≥ 1, got \(image.shape)")
    let (height, width) = (image.shape[2], image.shape[3])
    let rowsHalved = mappingLines(of: image, along: .width, to: (width + 1) / 2, downsampleLine)
    return mappingLines(of: rowsHalved, along: .height, to: (height + 1) / 2, downsampleLine)
  }

  /// u: the pixels of `image` `[n, c, h, w]` placed at the even positions (2i, 2j) of a grid of
  /// zeros `[n, c, height, width]`, blurred with the binomial kernel along both axes and
  /// multiplied by 4 (2 per axis, for the zeros in between). `height` must be 2h − 1 or 2h,
  /// `width` 2w − 1 or 2w: the sizes that `downsample` halves to h and w.
  ///
  ///   u(y)[i, j] = 4 Σ_{s, t} k[s] k[t] z[mirror(i + s − 2), mirror(j + t − 2)],
  /// with z[2a, 2b] = y[a, b] and zero elsewhere. Mirroring keeps parity, so every output pixel
  /// gets either the even taps or the odd taps of each axis, each summing to ½: a constant image
  /// stays constant, borders included. Along an axis of one pixel (height or width 1) there is
  /// nothing in between and the gain is 1, not 2: there u is the identity along that axis (its
  /// mirror reads the one pixel for every tap).
  public static func upsample(_ image: Tensor, height: Int, width: Int) -> Tensor {
    precondition(image.rank == 4, "upsample: needs images [n, c, h, w], got \(image.shape)")
    let (h, w) = (image.shape[2], image.shape[3])
    precondition(
      h >= 1 && (height == 2 * h - 1 || height == 2 * h),
      "upsample: height \(h) doubles to \(2 * h - 1) or \(2 * h), not \(height)")
    precondition(
      w >= 1 && (width == 2 * w - 1 || width == 2 * w),
      "upsample: width \(w) doubles to \(2 * w - 1) or \(2 * w), not \(width)")
    let rowsDoubled = mappingLines(of: image, along: .width, to: width) {
      upsampleLine($0, count: width)
    }
    return mappingLines(of: rowsDoubled, along: .height, to: height) {
      upsampleLine($0, count: height)
    }
  }

  /// The Gaussian pyramid I_0 = image, I_{k+1} = d(I_k): `levels + 1` images, finest first, with
  /// `levels` the number of downsamplings. Each halves height and width, rounding up, until the
  /// image is 1 × 1; `levels` may not go further than that (a 28 × 28 image allows 5:
  /// 28, 14, 7, 4, 2, 1). LAPGAN stops at the first level of at most 8 × 8 pixels.
  public static func gaussian(_ image: Tensor, levels: Int) -> [Tensor] {
    precondition(image.rank == 4, "gaussian: needs images [n, c, h, w], got \(image.shape)")
    let (height, width) = (image.shape[2], image.shape[3])
    let allowed = maximumLevels(height: height, width: width)
    precondition(
      levels >= 0 && levels <= allowed,
      "gaussian: a \(height)×\(width) image allows 0…\(allowed) levels, not \(levels)")
    var pyramid = [image]
    for _ in 0..<levels { pyramid.append(downsample(pyramid.last!)) }
    return pyramid
  }

  /// The Laplacian pyramid, finest first: the residuals h_k = I_k − u(I_{k+1}) for
  /// k < K = `levels`, then the coarsest Gaussian level h_K = I_K, a low-pass image (Denton et al.
  /// 2015). Each h_k has the shape of I_k.
  public static func laplacian(_ image: Tensor, levels: Int) -> [Tensor] {
    let gaussians = gaussian(image, levels: levels)
    let residuals = (0..<levels).map { k in residual(gaussians[k], coarser: gaussians[k + 1]) }
    return residuals + [gaussians[levels]]
  }

  /// One level of the Laplacian pyramid, the step of Burt & Adelson that LAPGAN's generators
  /// learn to invert: h_k = I_k − u(I_{k+1}), what the upsampled coarser image `coarser` misses
  /// of the finer image `fine` (the band of detail between the two scales). Shape of `fine`.
  public static func residual(_ fine: Tensor, coarser: Tensor) -> Tensor {
    // BEGIN SOLUTION laplacian-residual
    // HINT: subtract from fine the coarser image upsampled (u) to fine's height and width
    fine - upsample(coarser, height: fine.shape[2], width: fine.shape[3])
    // END SOLUTION
  }

  /// The image a Laplacian pyramid (finest first) came from: I_K = h_K, I_k = u(I_{k+1}) + h_k,
  /// returning I_0 (Denton et al. 2015). Exact up to float rounding, whatever the pyramid's
  /// residuals hold: in LAPGAN they are drawn by the generators.
  public static func reconstruct(_ pyramid: [Tensor]) -> Tensor {
    precondition(!pyramid.isEmpty, "reconstruct: the pyramid has no levels")
    var image = pyramid.last!
    for residual in pyramid.dropLast().reversed() {
      precondition(
        residual.rank == 4 && residual.shape[0...1] == image.shape[0...1],
        "reconstruct: residual \(residual.shape) does not fit the coarser level \(image.shape)")
      image = upsample(image, height: residual.shape[2], width: residual.shape[3]) + residual
    }
    return image
  }

  /// The number of downsamplings that take an image of `height` × `width` to 1 × 1.
  static func maximumLevels(height: Int, width: Int) -> Int {
    var (h, w, levels) = (height, width, 0)
    while h > 1 || w > 1 {
      (h, w, levels) = ((h + 1) / 2, (w + 1) / 2, levels + 1)
    }
    return levels
  }
}

// MARK: - One line at a time

extension LaplacianPyramid {
  /// The position in 0..<`count` that position `i` reads under the border rule: mirrored at the
  /// edge pixels without repeating them, −1 → 1, −2 → 2, n → n − 2, n + 1 → n − 3; repeatedly, for
  /// lines too short for one mirror (the line extended evenly with period 2(n − 1): on two pixels
  /// −2 → 0 and 2 → 0); a line of one pixel reads position 0 for every i.
  static func mirrored(_ i: Int, count: Int) -> Int {
    guard count > 1 else { return 0 }
    let period = 2 * (count - 1)
    let p = (i % period + period) % period
    return p < count ? p : period - p
  }

  /// d along one line of n pixels: out[i] = Σ_t k[t] · x[mirror(2i + t − 2)], for i < (n + 1)/2.
  static func downsampleLine(_ x: [Float]) -> [Float] {
    // BEGIN SOLUTION pyramid-downsample
    // HINT: blur, then keep every second pixel: out[i] = Σ_t binomialTaps[t] · x[mirrored(2i + t − 2, count: n)], for i < (n + 1)/2
    let n = x.count
    return (0..<(n + 1) / 2).map { i in
      var sum: Float = 0
      for (t, weight) in binomialTaps.enumerated() {
        sum += weight * x[mirrored(2 * i + t - 2, count: n)]
      }
      return sum
    }
    // END SOLUTION
  }

  /// The gain of u along an axis of `count` pixels: 2, for the zeros between the spread pixels;
  /// 1 on an axis of one pixel, where there are none.
  static func upsamplingGain(count: Int) -> Float { count == 1 ? 1 : 2 }

  /// u along one line, to `count` pixels (2·y.count − 1 or 2·y.count): z[2j] = y[j], zero at odd
  /// positions, then out[i] = gain · Σ_t k[t] · z[mirror(i + t − 2)].
  static func upsampleLine(_ y: [Float], count n: Int) -> [Float] {
    var z = [Float](repeating: 0, count: n)
    for (j, value) in y.enumerated() { z[2 * j] = value }
    let gain = upsamplingGain(count: n)
    return (0..<n).map { i in
      var sum: Float = 0
      for (t, weight) in binomialTaps.enumerated() {
        sum += weight * z[mirrored(i + t - 2, count: n)]
      }
      return gain * sum
    }
  }

  /// An axis of an image batch along which a line is taken.
  enum Axis {
    /// Columns: the lines run down the height (axis 2).
    case height
    /// Rows: the lines run along the width (axis 3).
    case width
  }

  /// Images `[n, c, h, w]` with every line along `axis` (each column for `.height`, each row for
  /// `.width`) replaced by `transform(line)`, a line of `newCount` pixels. A separable filter is
  /// two such passes, one per axis.
  static func mappingLines(
    of images: Tensor, along axis: Axis, to newCount: Int,
    _ transform: ([Float]) -> [Float]
  ) -> Tensor {
    let (height, width) = (images.shape[2], images.shape[3])
    let planes = images.shape[0] * images.shape[1]
    let (outHeight, outWidth) = axis == .height ? (newCount, width) : (height, newCount)
    var out = Tensor(zeros: [images.shape[0], images.shape[1], outHeight, outWidth])
    for plane in 0..<planes {
      let (source, target) = (plane * height * width, plane * outHeight * outWidth)
      switch axis {
      case .width:
        for row in 0..<height {
          let line = transform(
            Array(images.scalars[(source + row * width)..<(source + (row + 1) * width)]))
          precondition(
            line.count == newCount, "mappingLines: a row of \(line.count) pixels, not \(newCount)")
          for (x, value) in line.enumerated() { out.scalars[target + row * outWidth + x] = value }
        }
      case .height:
        for column in 0..<width {
          let line = transform((0..<height).map { images.scalars[source + $0 * width + column] })
          precondition(
            line.count == newCount,
            "mappingLines: a column of \(line.count) pixels, not \(newCount)")
          for (y, value) in line.enumerated() {
            out.scalars[target + y * outWidth + column] = value
          }
        }
      }
    }
    return out
  }
}
