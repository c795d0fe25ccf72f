import Foundation
import Math

/// A procedural video for next-frame prediction (the course slides' example, after Lotter et al.
/// 2015): a white disc on black moves `step` pixels left or right with probability ½ each. From
/// one frame the direction cannot be known, so the next frame has two equally likely outcomes.
///
/// Frames are `size × size` greyscale images with values in [0, 1], drawn through libgd (an
/// antialiased disc), row by row from the top-left.
public struct MovingShapes: Sendable {
  public var size = 16
  public var radius = 2.0
  public var step = 4.0
  /// The probability that the disc moves right (else left).
  public var rightProbability = 0.5

  public init() {}

  /// A clip's first frame and its two possible next frames.
  public struct Pairs: Sendable {
    /// The frames at time t, `[n, size²]`.
    public var current: Tensor
    /// The frames at t + 1 that happened, `[n, size²]`.
    public var next: Tensor
    /// The frames at t + 1 had the disc gone the other way.
    public var otherNext: Tensor
    /// Whether the disc moved right in `next`.
    public var movedRight: [Bool]
  }

  /// One frame with the disc centred at (x, y) in pixels.
  /// - Throws: `WorkbookError.badData` when libgd cannot allocate the image.
  public func frame(centerX x: Double, centerY y: Double) throws -> [Float] {
    let image = try GDImage(width: size, height: size, background: .black)
    image.fillDisc(center: Point(x: x, y: y), radius: radius, color: .white, alpha: 1)
    var pixels = [Float](repeating: 0, count: size * size)
    for row in 0..<size {
      for column in 0..<size {
        pixels[row * size + column] = Float(image.rgb(x: column, y: row).r) / 255
      }
    }
    return pixels
  }

  /// `count` clips: the disc starts at a uniform position with room to move `step` either way,
  /// and goes right with probability `rightProbability` (½).
  public func sample<R: RandomNumberGenerator>(_ count: Int, using rng: inout R) throws -> Pairs {
    let s = Double(size)
    let margin = radius + 0.5
    var (current, next, other, right) = ([Float](), [Float](), [Float](), [Bool]())
    for _ in 0..<count {
      let x = rng.uniform(margin + step, s - margin - step)
      let y = rng.uniform(margin, s - margin)
      let movesRight = rng.uniform() < rightProbability
      let dx = movesRight ? step : -step
      current += try frame(centerX: x, centerY: y)
      next += try frame(centerX: x + dx, centerY: y)
      other += try frame(centerX: x - dx, centerY: y)
      right.append(movesRight)
    }
    let shape = [count, size * size]
    return Pairs(current: Tensor(shape: shape, scalars: current), next: Tensor(shape: shape, scalars: next),
                 otherNext: Tensor(shape: shape, scalars: other), movedRight: right)
  }
}
