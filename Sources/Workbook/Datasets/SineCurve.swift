import Foundation
import Math

/// The toy data set of lecture 6: points (x₁, sin x₁) with x₁ ~ U[0, 2π], and the two measures
/// the workbook uses to judge a generator trained on it.
public enum SineCurve {
  /// `count` points `[count, 2]`: x₁ uniform on [0, 2π], x₂ = sin x₁.
  public static func sample<R: RandomNumberGenerator>(_ count: Int, using rng: inout R) -> Tensor {
    var scalars: [Float] = []
    scalars.reserveCapacity(2 * count)
    for _ in 0..<count {
      let x1 = rng.uniform(0, 2 * .pi)
      scalars += [Float(x1), Float(sin(x1))]
    }
    return Tensor(shape: [count, 2], scalars: scalars)
  }

  /// How far samples `[n, 2]` lie from the curve: the mean of |x̃₂ − sin x̃₁|.
  public static func meanDistance(_ samples: Tensor) -> Double {
    precondition(samples.columns == 2, "SineCurve.meanDistance: needs [n, 2] samples, got \(samples.shape)")
    let total = (0..<samples.rows).reduce(0.0) { sum, i in
      sum + abs(Double(samples[i, 1]) - sin(Double(samples[i, 0])))
    }
    return total / Double(samples.rows)
  }

  /// How much of [0, 2π] the samples cover: the share of `bins` equal bins of [0, 2π] that hold
  /// at least one sample's x̃₁. Samples outside [0, 2π] cover nothing.
  public static func coverage(_ samples: Tensor, bins: Int = 50) -> Double {
    var hit = [Bool](repeating: false, count: bins)
    for i in 0..<samples.rows {
      let x1 = Double(samples[i, 0])
      guard x1 >= 0 && x1 <= 2 * .pi else { continue }
      hit[min(Int(x1 / (2 * .pi) * Double(bins)), bins - 1)] = true
    }
    return Double(hit.filter { $0 }.count) / Double(bins)
  }
}
