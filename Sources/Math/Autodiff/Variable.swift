/// A node of the computation graph: a tensor value, the gradient of the loss with respect to
/// it, and how to pass a gradient back to the nodes it was computed from.
///
/// This is micrograd's `Value` one level up: tensors instead of scalars. Each operation makes a
/// new `Variable` whose `pullback` maps the gradient of its output to gradients of its inputs;
/// `backward()` visits the graph in reverse topological order and accumulates them.
///
/// `Variable` is a class because a parameter has identity: the optimizer updates the very node
/// the model reads.
public final class Variable {
  /// The value computed in the forward pass (or the parameter's current value).
  public var value: Tensor
  /// For a leaf (a parameter or an input): ∂loss/∂value after `backward()`, accumulated over
  /// calls until `zeroGradient()`; nil when no gradient has reached it. An operation's node holds
  /// its gradient only while `backward()` runs.
  public var gradient: Tensor?
  /// Whether gradients flow into this node: true for parameters and anything computed from one.
  /// `frozen(_:during:)` switches it off for parameters for a while.
  public internal(set) var requiresGradient: Bool

  /// The nodes this one was computed from.
  let parents: [Variable]
  /// Gradient of the output → gradients of the parents, in order (nil where not needed).
  let pullback: ((Tensor) -> [Tensor?])?

  /// A leaf: a constant input (`requiresGradient: false`) or a trainable parameter.
  public init(_ value: Tensor, requiresGradient: Bool = false) {
    self.value = value
    self.requiresGradient = requiresGradient
    self.parents = []
    self.pullback = nil
  }

  /// The result of an operation. When no parent needs a gradient the result is a constant and
  /// the graph is not kept (inference costs nothing extra).
  public init(_ value: Tensor, parents: [Variable], pullback: @escaping (Tensor) -> [Tensor?]) {
    self.value = value
    let needed = parents.contains { $0.requiresGradient }
    self.requiresGradient = needed
    self.parents = needed ? parents : []
    self.pullback = needed ? pullback : nil
  }

  /// The shape of the value.
  public var shape: [Int] { value.shape }

  /// Back-propagates from this node, which must hold a single element (a loss): afterwards every
  /// node that requires a gradient holds ∂self/∂node in `gradient` (added to what was there).
  public func backward() {
    precondition(value.count == 1, "backward: start from a scalar loss, not shape \(value.shape)")
    backward(seed: Tensor(repeating: 1, shape: value.shape))
  }

  /// Back-propagates `seed` = ∂loss/∂self from this node.
  ///
  /// Gradients collect in `gradient` as they arrive. In reverse topological order every node
  /// has all of its gradient when its turn comes; an operation's node then passes it to its
  /// parents and lets go of it, so only leaves keep theirs.
  public func backward(seed: Tensor) {
    precondition(seed.shape == value.shape, "backward: seed shape \(seed.shape) differs from \(value.shape)")
    let order = topologicalOrder()
    accumulate(seed)
    for node in order.reversed() {
      guard let pullback = node.pullback, let outGradient = node.gradient else { continue }
      node.gradient = nil
      for (parent, g) in zip(node.parents, pullback(outGradient)) where parent.requiresGradient {
        if let g { parent.accumulate(g) }
      }
    }
  }

  /// Adds `g` to the gradient collected so far.
  private func accumulate(_ g: Tensor) {
    if gradient == nil { gradient = g } else { gradient!.add(g) }
  }

  /// Forgets the accumulated gradient.
  public func zeroGradient() { gradient = nil }

  /// Every node this one depends on, parents before children (iterative depth-first search).
  func topologicalOrder() -> [Variable] {
    // Room for a training step's few dozen nodes up front, rather than growing step by step.
    var order: [Variable] = []
    var visited = Set<ObjectIdentifier>(minimumCapacity: 64)
    var stack: [(node: Variable, expanded: Bool)] = [(self, false)]
    order.reserveCapacity(64)
    stack.reserveCapacity(64)
    while let (node, expanded) = stack.popLast() {
      if expanded { order.append(node); continue }
      guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
      stack.append((node, true))
      for parent in node.parents where parent.requiresGradient && !visited.contains(ObjectIdentifier(parent)) {
        stack.append((parent, false))
      }
    }
    return order
  }
}

/// Runs `body` with `parameters` treated as constants: no gradient is computed for them or
/// accumulated into them (the discriminator during a generator step, which needs only the
/// gradient with respect to D's input). Their previous state returns afterwards.
public func frozen<Result>(_ parameters: [Variable], during body: () throws -> Result) rethrows -> Result {
  precondition(parameters.allSatisfy { $0.pullback == nil }, "frozen: only leaves (parameters) can be frozen")
  let previous = parameters.map(\.requiresGradient)
  parameters.forEach { $0.requiresGradient = false }
  defer { zip(parameters, previous).forEach { $0.requiresGradient = $1 } }
  return try body()
}

extension Variable {
  /// A constant holding `tensor`, with no gradient.
  public static func constant(_ tensor: Tensor) -> Variable { Variable(tensor) }
}

/// Builds the graph `loss` returns, back-propagates from it and returns its value. The graph is
/// gone when this returns, so an optimizer step that follows updates parameters in place (while
/// a graph lives, its nodes share the parameters' storage, and an update would copy it first).
@inline(__always)
public func withGradients(of loss: () -> Variable) -> Float {
  let node = loss()
  node.backward()
  return node.value.scalar
}
