import Foundation
import Math

/// The toy of chapter 5: given x ~ U[−1, 1], the target is +f(x) or −f(x) with probability ½
/// each, f(x) = ½ + x². Two branches, never closer than 1 apart: the conditional mean E[y | x]
/// = 0 lies on neither.
public enum BimodalRegression {
  /// The branch height f(x) = ½ + x².
  public static func branch(_ x: Double) -> Double { 0.5 + x * x }

  /// `count` pairs: inputs `[count, 1]` and targets `[count, 1]`.
  public static func sample<R: RandomNumberGenerator>(_ count: Int, using rng: inout R) -> (inputs: Tensor, targets: Tensor) {
    var (xs, ys) = ([Float](), [Float]())
    for _ in 0..<count {
      let x = rng.uniform(-1, 1)
      let sign: Double = rng.uniform() < 0.5 ? 1 : -1
      xs.append(Float(x))
      ys.append(Float(sign * branch(x)))
    }
    return (Tensor(shape: [count, 1], scalars: xs), Tensor(shape: [count, 1], scalars: ys))
  }

  /// How far a prediction y for input x lies from the nearer branch: ||y| − f(x)|.
  public static func distanceToNearestBranch(x: Double, y: Double) -> Double {
    abs(abs(y) - branch(x))
  }

  /// The share of predictions on the upper branch (y > 0).
  public static func upperShare(_ predictions: [Double]) -> Double {
    Double(predictions.filter { $0 > 0 }.count) / Double(max(predictions.count, 1))
  }
}
