import Foundation
import Math

/// The toy of chapter 5, in the notation of a conditional GAN (condition y, output x): given
/// y ~ U[−1, 1], the target is x = +f(y) or x = −f(y) with probability ½ each, f(y) = ½ + y².
/// Two branches, never closer than 1 apart: the conditional mean E[x | y] = 0 lies on neither.
public enum BimodalRegression {
  /// The branch height f(y) = ½ + y².
  public static func branch(_ y: Double) -> Double { 0.5 + y * y }

  /// `count` pairs: conditions y `[count, 1]` and targets x `[count, 1]`.
  public static func sample<R: RandomNumberGenerator>(_ count: Int, using rng: inout R) -> (inputs: Tensor, targets: Tensor) {
    var (ys, xs) = ([Float](), [Float]())
    for _ in 0..<count {
      let y = rng.uniform(-1, 1)
      let sign: Double = rng.uniform() < 0.5 ? 1 : -1
      ys.append(Float(y))
      xs.append(Float(sign * branch(y)))
    }
    return (Tensor(shape: [count, 1], scalars: ys), Tensor(shape: [count, 1], scalars: xs))
  }

  /// How far a prediction x for the condition y lies from the nearer branch: ||x| − f(y)|.
  public static func distanceToNearestBranch(condition y: Double, prediction x: Double) -> Double {
    abs(abs(x) - branch(y))
  }

  /// The share of predictions on the upper branch (x > 0).
  public static func upperShare(_ predictions: [Double]) -> Double {
    Double(predictions.filter { $0 > 0 }.count) / Double(max(predictions.count, 1))
  }
}
