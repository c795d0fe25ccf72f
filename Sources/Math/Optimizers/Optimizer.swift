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
