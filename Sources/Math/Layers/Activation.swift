/// A parameter-free element-wise nonlinearity as a layer.
public struct Activation: Layer, Sendable {
  public enum Kind: Sendable, Equatable {
    case relu, leakyRelu(slope: Float), tanh, sigmoid
  }
  public let kind: Kind

  public init(_ kind: Kind) { self.kind = kind }

  public static let relu = Activation(.relu)
  public static let tanh = Activation(.tanh)
  public static let sigmoid = Activation(.sigmoid)
  public static func leakyRelu(slope: Float = 0.2) -> Activation { Activation(.leakyRelu(slope: slope)) }

  public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
    switch kind {
    case .relu: x.relu()
    case let .leakyRelu(slope): x.leakyRelu(slope: slope)
    case .tanh: x.tanh()
    case .sigmoid: x.sigmoid()
    }
  }

  public var parameters: [Variable] { [] }
}
