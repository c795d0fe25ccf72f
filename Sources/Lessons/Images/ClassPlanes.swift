import Math

/// The first layer of a conditional image discriminator: it reads D's input [y | x] — a one-hot
/// class y beside a flattened image x, as `discriminatorInput(conditions:samples:)` makes it —
/// and returns the image with one constant plane per class in front of its channels,
/// `[batch, classes + channels, height, width]`: plane c is 1 everywhere when the class is c and
/// 0 otherwise. A convolution then sees the class at every position, which is how a
/// conditional DCGAN's D takes y "as input" (tutorial paper §IV; Mirza & Osindero 2014 feed y
/// to an MLP's first layer the same way).
///
/// The gradient reaches x unchanged (reshaped back); the class planes get the sum of their
/// plane's gradient, so y too is differentiable.
public struct ClassPlanes: Layer {
  /// The number of classes (the width of the one-hot y).
  public let classes: Int
  /// The shape of one image, `[channels, height, width]`.
  public let imageShape: [Int]

  public init(classes: Int, imageShape: [Int]) {
    precondition(imageShape.count == 3, "ClassPlanes: image shape needs [channels, height, width], got \(imageShape)")
    self.classes = classes
    self.imageShape = imageShape
  }

  public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
    let pixels = imageShape[1] * imageShape[2]
    let imageSize = imageShape[0] * pixels
    precondition(input.value.columns == classes + imageSize,
                 "ClassPlanes: input \(input.shape) needs \(classes) class columns and \(imageSize) image values per row")
    let batch = input.value.rows
    let rowLength = classes + imageSize
    let planes = (classes + imageShape[0]) * pixels
    let output = input.value.scalars.withUnsafeBufferPointer { x in
      Tensor(shape: [batch, classes + imageShape[0], imageShape[1], imageShape[2]]) { out in
        for b in 0..<batch {
          for c in 0..<classes {
            let value = x[b * rowLength + c]
            for j in 0..<pixels { out[b * planes + c * pixels + j] = value }
          }
          for j in 0..<imageSize { out[b * planes + classes * pixels + j] = x[b * rowLength + classes + j] }
        }
      }
    }
    return Variable(output, parents: [input]) { g in
      [g.scalars.withUnsafeBufferPointer { gradient in
        Tensor(shape: [batch, rowLength]) { out in
          for b in 0..<batch {
            for c in 0..<classes {
              let start = b * planes + c * pixels
              out[b * rowLength + c] = gradient[start..<(start + pixels)].reduce(0, +)
            }
            for j in 0..<imageSize { out[b * rowLength + classes + j] = gradient[b * planes + classes * pixels + j] }
          }
        }
      }]
    }
  }

  public var parameters: [Variable] { [] }
}
