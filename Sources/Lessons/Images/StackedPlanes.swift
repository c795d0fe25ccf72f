import Math

/// The first layer of an image network whose input row is several things side by side — noise,
/// a one-hot class, a conditioning image — as the adversarial trainer makes G's input [z | y] and
/// D's input [y | x] (`generatorInput(noise:conditions:)`, `discriminatorInput(conditions:samples:)`).
/// It reads each row as a list of segments and stacks them as the channels of one image,
/// `[batch, channels, height, width]`:
/// - `.constants(k)`: k columns, each spread into a constant plane (a one-hot class becomes one
///   plane per class, 1 everywhere for the class and 0 for the others), so that a convolution sees
///   the value at every position;
/// - `.planes(k)`: k · height · width columns, k image channels passed through as they are.
///
/// A conditional DCGAN's D reads [y | x] as `[.constants(classes), .planes(1)]` (`classPlanes`):
/// the tutorial paper §IV's "y is given as input to both D and G", done for a convolution (Mirza &
/// Osindero 2014 feed y to an MLP's first layer the same way). A LAPGAN level's G reads a noise
/// plane beside its conditioning image as `[.planes(1), .planes(1)]` (Denton et al. 2015 give
/// their convolutional generators the noise as one more colour plane).
///
/// Nothing is learnt: the gradient reaches each plane's columns unchanged, and each constant
/// column gets the sum of its plane's gradient, so every input stays differentiable.
public struct StackedPlanes: Layer {
  /// A run of columns of the input row.
  public enum Segment: Sendable, Equatable {
    /// Columns that each become one constant plane.
    case constants(Int)
    /// Columns that are already this many image channels.
    case planes(Int)
  }

  public let segments: [Segment]
  public let height: Int
  public let width: Int

  public init(_ segments: [Segment], height: Int, width: Int) {
    precondition(height > 0 && width > 0, "StackedPlanes: height and width must be positive, got \(height) × \(width)")
    self.segments = segments
    self.height = height
    self.width = width
  }

  /// D's first layer in a class-conditional image GAN: [y | x] with a one-hot y of `classes`
  /// columns and an image x of `imageShape` = `[channels, height, width]`.
  public static func classPlanes(classes: Int, imageShape: [Int]) -> StackedPlanes {
    precondition(imageShape.count == 3, "classPlanes: image shape needs [channels, height, width], got \(imageShape)")
    return StackedPlanes([.constants(classes), .planes(imageShape[0])], height: imageShape[1], width: imageShape[2])
  }

  /// The number of columns a row must have.
  public var inputColumns: Int {
    segments.reduce(0) { total, segment in
      switch segment {
      case .constants(let k): total + k
      case .planes(let k): total + k * height * width
      }
    }
  }

  /// The number of channels of the output.
  public var channels: Int {
    segments.reduce(0) { total, segment in
      switch segment {
      case .constants(let k), .planes(let k): total + k
      }
    }
  }

  public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
    let batch = input.value.shape[0]
    precondition(input.value.count == batch * inputColumns,
                 "StackedPlanes: input \(input.shape) needs \(inputColumns) values per row for \(segments) of \(height) × \(width)")
    let (rowLength, pixels, planes) = (inputColumns, height * width, channels * height * width)
    let output = input.value.scalars.withUnsafeBufferPointer { x in
      Tensor(shape: [batch, channels, height, width]) { out in
        for b in 0..<batch {
          var (column, plane) = (b * rowLength, b * planes)
          for segment in segments {
            switch segment {
            case .constants(let k):
              for c in 0..<k {
                for j in 0..<pixels { out[plane + j] = x[column + c] }
                plane += pixels
              }
              column += k
            case .planes(let k):
              for j in 0..<(k * pixels) { out[plane + j] = x[column + j] }
              plane += k * pixels
              column += k * pixels
            }
          }
        }
      }
    }
    return Variable(output, parents: [input]) { g in
      [g.scalars.withUnsafeBufferPointer { gradient in
        Tensor(shape: input.value.shape) { out in
          for b in 0..<batch {
            var (column, plane) = (b * rowLength, b * planes)
            for segment in segments {
              switch segment {
              case .constants(let k):
                for c in 0..<k {
                  out[column + c] = gradient[plane..<(plane + pixels)].reduce(0, +)
                  plane += pixels
                }
                column += k
              case .planes(let k):
                for j in 0..<(k * pixels) { out[column + j] = gradient[plane + j] }
                plane += k * pixels
                column += k * pixels
              }
            }
          }
        }
      }]
    }
  }

  public var parameters: [Variable] { [] }
}
