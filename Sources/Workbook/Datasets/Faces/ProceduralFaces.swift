import Foundation
import Math

/// Faces with known attributes, drawn in code: the stand-in for CelebA (whose photographs and
/// forty attribute labels cannot be had here) in the chapters on VAEs and attribute vectors.
///
/// Each face is a `FaceRecipe`: six binary attributes (`FaceAttributes`: eyeglasses, smiling,
/// bangs, beard, hat, mouthOpen), each present with probability ½ independently of the others,
/// and continuous parameters drawn afresh for every face — the head's shape, size and position,
/// the skin, background and hair greys, the hair's volume and hairline, the eyes' spacing, and
/// how each attribute looks when present (a smile's width and curvature, the glasses' size and
/// frame, the fringe's length and tilt, the beard's darkness and reach, the hat's height and
/// brim). Faces are drawn through libgd at 4 × the size and box-averaged, so edges are
/// antialiased.
public enum ProceduralFaces {
  /// `count` faces from the generator seeded with `seed`, `side × side` pixels (the face is
  /// laid out on a 32-pixel canvas and scaled). The same seed and side give the same faces.
  /// - Throws: `WorkbookError.badData` when libgd cannot allocate the drawing.
  public static func generate(count: Int, seed: UInt64, side: Int = 32) throws -> LabelledFaces {
    var rng = SeededGenerator(seed: seed)
    return try LabelledFaces(drawing: recipes(count: count, using: &rng), side: side)
  }

  /// `count` recipes: for each face its attributes, then its parameters.
  public static func recipes<R: RandomNumberGenerator>(count: Int, using rng: inout R)
    -> [FaceRecipe]
  {
    precondition(count >= 0, "ProceduralFaces: count \(count) must not be negative")
    return (0..<count).map { _ in
      FaceRecipe.random(attributes: FaceAttributes.random(using: &rng), using: &rng)
    }
  }
}

/// Face images with their attributes, kept together.
public struct LabelledFaces: Sendable {
  /// The images `[count, 1, side, side]`, each pixel's grey level g ∈ [0, 1] scaled to
  /// 2g − 1 ∈ [−1, 1], like `FashionMNIST.tensor()`.
  public var images: Tensor
  /// The attributes of each image.
  public var attributes: [FaceAttributes]

  public init(images: Tensor, attributes: [FaceAttributes]) {
    precondition(
      images.shape.count == 4 && images.shape[0] == attributes.count && images.shape[1] == 1,
      "LabelledFaces: images \(images.shape) must be [\(attributes.count), 1, side, side]")
    self.images = images
    self.attributes = attributes
  }

  /// The faces of `recipes`, drawn one after another on one canvas.
  /// - Throws: `WorkbookError.badData` when libgd cannot allocate the drawing.
  public init(drawing recipes: [FaceRecipe], side: Int = 32) throws {
    let canvas = try FaceCanvas(side: side, supersampling: 4)
    let pixels = side * side
    let images = Tensor(shape: [recipes.count, 1, side, side]) { scaled in
      for (i, recipe) in recipes.enumerated() {
        for (j, g) in canvas.draw(recipe).enumerated() { scaled[i * pixels + j] = 2 * g - 1 }
      }
    }
    self.init(images: images, attributes: recipes.map(\.attributes))
  }

  public var count: Int { attributes.count }
  /// The side of an image in pixels.
  public var side: Int { images.shape[3] }

  /// The attributes as a `[count, 6]` tensor of 0 and 1, columns in the order of
  /// `FaceAttributes.names`: the targets of a multi-label classifier.
  public var attributeMatrix: Tensor {
    let k = FaceAttributes.names.count
    return Tensor(shape: [count, k], scalars: attributes.flatMap { $0.vector.map { $0 ? 1 : 0 } })
  }

  /// The faces at `indices`, in that order.
  public func faces(at indices: [Int]) -> LabelledFaces {
    LabelledFaces(images: images.gatheringRows(indices), attributes: indices.map { attributes[$0] })
  }
}
