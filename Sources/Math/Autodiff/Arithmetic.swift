/// Differentiable element-wise arithmetic. Each pullback is the derivative of the line above it.
extension Variable {
  /// a + b (same shapes).
  public static func + (a: Variable, b: Variable) -> Variable {
    Variable(a.value + b.value, parents: [a, b]) { g in [g, g] }
  }

  /// a − b (same shapes).
  public static func - (a: Variable, b: Variable) -> Variable {
    Variable(a.value - b.value, parents: [a, b]) { g in [g, -g] }
  }

  /// a ⊙ b, the element-wise product (same shapes).
  public static func * (a: Variable, b: Variable) -> Variable {
    let (x, y) = (a.value, b.value)
    return Variable(x * y, parents: [a, b]) { g in
      [a.requiresGradient ? g * y : nil, b.requiresGradient ? g * x : nil]
    }
  }

  /// s · a for a constant scalar s.
  public static func * (s: Float, a: Variable) -> Variable {
    Variable(a.value * s, parents: [a]) { g in [g * s] }
  }

  /// −a.
  public static prefix func - (a: Variable) -> Variable { -1 * a }

  /// a + c for a constant scalar c.
  public static func + (a: Variable, c: Float) -> Variable {
    Variable(a.value.map { $0 + c }, parents: [a]) { g in [g] }
  }

  /// x + b with the row `b` (`[1, columns]`) added to every row of the matrix `x` (a bias).
  public func addingRow(_ b: Variable) -> Variable {
    Variable(value.addingRow(b.value), parents: [self, b]) { g in
      [g, b.requiresGradient ? g.sumOverRows().reshaped(b.shape) : nil]
    }
  }

  /// x², element-wise.
  public func squared() -> Variable {
    let x = value
    return Variable(x * x, parents: [self]) { g in [g * x * 2] }
  }
}
