/// Something that moves parameters against their gradients.
public protocol Optimizer {
  /// The parameters this optimizer updates.
  var parameters: [Variable] { get }
  /// The step size η (schedules change it between steps).
  var learningRate: Float { get set }
  /// Applies one update from the parameters' current gradients, then clears them.
  /// Parameters without a gradient are left alone.
  mutating func step()
}

/// An optimizer's running averages (Adam's moments, SGD's velocity) with every subnormal lane
/// set to zero.
///
/// A parameter whose gradient stays zero, such as a weight into a dead ReLU, has averages that
/// decay geometrically: Adam's first moment falls below the smallest normal `Float` (about
/// 1.2·10⁻³⁸) after some 800 steps, momentum SGD's velocity sooner. x86 processors compute
/// with subnormal numbers many times slower than with normal ones, and in the sine GAN of
/// chapter 3 this made Adam's update take twice as long late in training. A subnormal average
/// moves a parameter by less than half a unit in the last place of any |θ| above about 10⁻²⁶,
/// so flushing it changes nothing else: `OptimizerTests` checks the updates bit for bit against
/// the unflushed formulas.
@inline(__always)
func flushingSubnormals(_ x: SIMD8<Float>) -> SIMD8<Float> {
  let tiny = SIMD8<Float>(repeating: .leastNormalMagnitude)
  // Zeros are left alone, so that −0 stays −0 as in the scalar version.
  return x.replacing(with: 0, where: (x .< tiny) .& (x .> -tiny) .& (x .!= 0))
}

/// The scalar `flushingSubnormals`.
@inline(__always)
func flushingSubnormal(_ x: Float) -> Float {
  x.isSubnormal ? 0 : x
}
