import Foundation
import Math

/// The idealised training of Proposition 2 of Goodfellow et al. 2014, run in function space:
/// p_g is a probability vector on a grid, D is set to its optimum D*_G = p_data/(p_data + p_g)
/// before every step, and p_g takes a step that improves E_{p_g}[log(1 − D*_G(x))].
///
/// The step is exactly the exponentiated-gradient (mirror-descent) step of the simplex,
///
///     p_g ← p_g ⊙ exp(−η ∇) / Z = p_g^(1−η) ⊙ (p_data + p_g)^η / Z,
///
/// with ∇_i = log(1 − D*_G(x_i)) = log(p_g,i / (p_data,i + p_g,i)), the functional gradient of
/// the criterion with D held at D*, and Z the sum that makes the masses add to 1. It is not a
/// Euclidean projected gradient step: multiplicative steps keep every mass positive, where a
/// Euclidean projection would zero masses and meet log 0. The step size η sets how small a step
/// is: η = 1 gives p_g ← (p_data + p_g)/2 exactly; η < 1 moves less; η > 1 overshoots, boosting
/// the masses where p_g ≪ p_data by (p_data/p_g)^η, and the JSD can rise (chapter 2 shows η = 3).
public struct FunctionSpaceGAN: Sendable {
  /// Probability masses of the data on the grid (sum 1).
  public let pData: [Double]
  /// Probability masses of the generator on the grid (sum 1).
  public private(set) var pG: [Double]
  /// The step size η.
  public let stepSize: Double

  public init(pData: [Double], pG: [Double], stepSize: Double) {
    precondition(pData.count == pG.count, "FunctionSpaceGAN: \(pData.count) data masses, \(pG.count) generator masses")
    precondition(stepSize > 0, "FunctionSpaceGAN: step size must be positive, got \(stepSize)")
    self.pData = FunctionSpaceGAN.normalised(pData)
    self.pG = FunctionSpaceGAN.normalised(pG)
    self.stepSize = stepSize
  }

  /// D*_G on the grid for the current p_g (Prop. 1).
  public var optimalDiscriminatorValues: [Double] {
    zip(pData, pG).map { optimalDiscriminator(pData: $0, pG: $1) }
  }

  /// JSD(p_data ‖ p_g): C(G) = −log 4 + 2·JSD by Theorem 1.
  public var jensenShannonDivergence: Double { jensenShannon(pData, pG) }

  /// One step of p_g against the optimal discriminator.
  public mutating func step() {
    // q · exp(−η log(1 − D*)) with 1 − D* = q/(p + q), written as q^(1−η) (p + q)^η so that a
    // D* that rounds to 1 (q ≪ p) cannot produce log 0.
    let next = zip(pData, pG).map { p, q in q > 0 ? Foundation.pow(q, 1 - stepSize) * Foundation.pow(p + q, stepSize) : 0 }
    pG = FunctionSpaceGAN.normalised(next)
  }

  static func normalised(_ masses: [Double]) -> [Double] {
    let total = masses.reduce(0, +)
    precondition(total > 0 && masses.allSatisfy { $0 >= 0 }, "FunctionSpaceGAN: masses must be ≥ 0 with a positive sum")
    return masses.map { $0 / total }
  }
}
