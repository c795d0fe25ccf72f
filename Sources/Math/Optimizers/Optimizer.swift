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

/// An optimizer's running average (Adam's moments, SGD's velocity) set to zero when it is
/// subnormal.
///
/// A parameter whose gradient stays zero, such as a weight into a dead ReLU, has averages that
/// decay geometrically: Adam's first moment falls below the smallest normal `Float` (about
/// 1.2·10⁻³⁸) after some 800 steps, momentum SGD's velocity sooner, and x86 processors compute
/// with subnormal numbers many times slower than with normal ones. A subnormal average moves a
/// parameter by less than half a unit in the last place of any |θ| above about 10⁻²⁶, so
/// flushing it changes nothing else: `OptimizerTests` checks the updates bit for bit against
/// the unflushed formulas.
@inline(__always)
func flushingSubnormal(_ x: Float) -> Float {
  x.isSubnormal ? 0 : x
}
