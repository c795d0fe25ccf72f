/// The six binary attributes of a procedural face (`ProceduralFaces`), each drawn independently
/// with probability ½ — the known labels that CelebA's forty attributes stand in for in the
/// attribute-vector chapter.
public struct FaceAttributes: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// Round glasses over the eyes: two rings, a bridge and the temples.
  public var eyeglasses: Bool
  /// A mouth whose corners turn up; without it the mouth is flat.
  public var smiling: Bool
  /// A fringe of hair over the forehead, below the hairline and above the eyebrows.
  public var bangs: Bool
  /// A beard on the chin and jaw, with or without a moustache; it keeps clear of the lips.
  public var beard: Bool
  /// A light hat with a brim and a band, on top of the head above the hairline.
  public var hat: Bool
  /// Parted lips showing a dark mouth; without it the lips are a closed line.
  public var mouthOpen: Bool

  public init(
    eyeglasses: Bool = false, smiling: Bool = false, bangs: Bool = false, beard: Bool = false,
    hat: Bool = false, mouthOpen: Bool = false
  ) {
    (self.eyeglasses, self.smiling, self.bangs) = (eyeglasses, smiling, bangs)
    (self.beard, self.hat, self.mouthOpen) = (beard, hat, mouthOpen)
  }

  /// The attributes' names, in the order of `vector`.
  public static let names = ["eyeglasses", "smiling", "bangs", "beard", "hat", "mouthOpen"]
  /// One capital letter per attribute, in the order of `names`, for captions: G S B D H O.
  public static let initials = ["G", "S", "B", "D", "H", "O"]

  /// The attributes as Booleans in the order of `names`.
  public var vector: [Bool] { [eyeglasses, smiling, bangs, beard, hat, mouthOpen] }

  /// The attributes from Booleans in the order of `names`.
  /// - Precondition: `vector` has one value per name.
  public init(vector: [Bool]) {
    precondition(
      vector.count == Self.names.count,
      "FaceAttributes: \(vector.count) values for \(Self.names.count) attributes")
    self.init(
      eyeglasses: vector[0], smiling: vector[1], bangs: vector[2], beard: vector[3],
      hat: vector[4], mouthOpen: vector[5])
  }

  /// Each attribute drawn independently, present with probability `probability`.
  public static func random<R: RandomNumberGenerator>(probability: Double = 0.5, using rng: inout R)
    -> FaceAttributes
  {
    FaceAttributes(vector: names.map { _ in rng.uniform() < probability })
  }

  /// The initials of the attributes present, e.g. "GSD" for glasses, smile and beard; "–" for none.
  public var initialsText: String {
    let text = zip(Self.initials, vector).filter(\.1).map(\.0).joined()
    return text.isEmpty ? "–" : text
  }

  public var description: String {
    let present = zip(Self.names, vector).filter(\.1).map(\.0)
    return present.isEmpty ? "no attributes" : present.joined(separator: ", ")
  }
}
