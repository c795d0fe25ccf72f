/// Everything that decides how one procedural face looks: its attributes and the continuous
/// parameters of every part, in pixels of a 32 × 32 canvas (y downwards) and grey levels in
/// [0, 1] (0 black). `random(attributes:using:)` samples one; `greyLevels(side:supersampling:)`
/// draws it.
///
/// The parts are placed so that no attribute hides another: the hat's brim ends above the
/// hairline, where the bangs begin; the bangs end above the eyebrows; the beard and the
/// moustache keep a gap from the lips, so the mouth stays visible whatever they are (and so an
/// open mouth or a smile moves the beard's upper edge with the lips, as a dropping jaw would).
public struct FaceRecipe: Sendable, Equatable {
  public var attributes: FaceAttributes

  // Head and tones.
  /// The centre of the face ellipse.
  public var centerX: Double, centerY: Double
  /// The face ellipse's semi-axes.
  public var radiusX: Double, radiusY: Double
  /// Grey levels: skin, background (always at least 0.2 darker than skin) and hair (always at
  /// least 0.25 darker than skin, so bangs show).
  public var skin: Double, background: Double, hairTone: Double
  /// How far the hair stands above and beside the face.
  public var hairVolume: Double
  /// The hairline's height below the top of the face, at the centre, and how much lower it
  /// comes at the temples.
  public var hairlineDepth: Double, hairlineDrop: Double
  /// How far down the sides of the face the hair reaches, from the face's centre (negative is
  /// above it).
  public var hairLength: Double

  // Eyes, nose.
  /// The eyes' height and the distance between their centres.
  public var eyeY: Double, eyeSpacing: Double
  /// The semi-axes of an eye.
  public var eyeRadiusX: Double, eyeRadiusY: Double
  public var noseY: Double

  // Mouth (smiling, mouthOpen).
  /// The height of the middle of the upper lip, and the mouth's width.
  public var mouthY: Double, mouthWidth: Double
  /// How far the corners of the mouth rise above its middle: 1.1…2.6 px (scaled) when smiling,
  /// within ±0.25 px (flat) when not.
  public var smileLift: Double
  /// The gap between the lips at the middle: 1.4…2.8 px (scaled) when open, 0 when closed.
  public var mouthOpening: Double
  public var lipWidth: Double

  // Glasses.
  /// The lenses' semi-axes, the frame's width and grey.
  public var lensRadiusX: Double, lensRadiusY: Double, frameWidth: Double, frameTone: Double

  // Bangs.
  /// How far the fringe reaches below the hairline at the middle, its half-width, and its tilt
  /// (how much longer it is on the left than on the right).
  public var bangsLength: Double, bangsHalfWidth: Double, bangsTilt: Double

  // Beard.
  /// The beard's grey, its top below the mouth's middle, how far it climbs up the jaw, its gap
  /// to the lips, and the moustache's thickness (none under 0.3 px:
  /// about two beards in five have none).
  public var beardTone: Double, beardDrop: Double, beardRise: Double, beardGap: Double
  public var moustache: Double

  // Hat.
  /// The hat's grey (light: 0.72…1), the brim's height below the top of the head, the crown's
  /// height, its half-widths at the brim and at the top, and the brim's semi-axes.
  public var hatTone: Double, brimY: Double, crownHeight: Double
  public var crownHalfWidth: Double, crownTopHalfWidth: Double
  public var brimRadiusX: Double, brimRadiusY: Double

  /// The top of the face ellipse.
  public var headTop: Double { centerY - radiusY }
  /// The hairline's height at the middle of the forehead.
  public var hairlineY: Double { headTop + hairlineDepth }
  /// The eyebrows' height.
  public var eyebrowY: Double { eyeY - 2.2 * headScale }
  /// The head's size relative to the typical face (semi-axis 11 px tall), which scales the eyes.
  var headScale: Double { radiusY / 11 }

  /// A face with `attributes` and every other parameter drawn from its range. The draws are
  /// the same whatever the attributes (every range is sampled, then the absent parts ignored),
  /// so one seed gives the same head with or without, say, a hat.
  public static func random<R: RandomNumberGenerator>(
    attributes: FaceAttributes, using rng: inout R
  )
    -> FaceRecipe
  {
    let s = rng.uniform(0.88, 1.05)  // the head's scale
    let aspect = rng.uniform(0.85, 1.08)
    let (radiusX, radiusY) = (8.6 * s * aspect, 11 * s)
    let (centerX, centerY) = (16 + rng.uniform(-1.5, 1.5), 17.5 + rng.uniform(-1, 1))
    let skin = rng.uniform(0.5, 0.92)
    let background = rng.uniform(0.03, min(0.5, skin - 0.2))
    let hairTone = rng.uniform(0.03, min(0.4, skin - 0.25))
    let eyeY = centerY - s * rng.uniform(0.6, 1.4)
    let spacing = s * rng.uniform(6.5, 8.5)
    let lensRadiusX = max(1.6 * s, (spacing / 2 - 0.4) * rng.uniform(0.78, 1))
    let smileLift = s * rng.uniform(1.1, 2.6)
    let flatLift = rng.uniform(-0.25, 0.25)
    let smileWidth = s * rng.uniform(6.5, 9.5)
    let flatWidth = s * rng.uniform(5, 8)
    let opening = s * rng.uniform(1.4, 2.8)
    let hairlineDepth = s * rng.uniform(3.6, 4.8)
    let foreheadRoom = (eyeY - 2.2 * s) - (centerY - radiusY + hairlineDepth)
    var recipe = FaceRecipe(
      attributes: attributes, centerX: centerX, centerY: centerY, radiusX: radiusX,
      radiusY: radiusY, skin: skin, background: background, hairTone: hairTone,
      hairVolume: s * rng.uniform(0.6, 2), hairlineDepth: hairlineDepth,
      hairlineDrop: s * rng.uniform(1.5, 4), hairLength: s * rng.uniform(-4, 3),
      eyeY: eyeY, eyeSpacing: spacing, eyeRadiusX: s * rng.uniform(0.95, 1.3),
      eyeRadiusY: s * rng.uniform(0.7, 1), noseY: eyeY + s * rng.uniform(3.6, 4.3),
      mouthY: eyeY + s * rng.uniform(6.6, 7.4), mouthWidth: 0, smileLift: 0, mouthOpening: 0,
      lipWidth: s * rng.uniform(0.9, 1.3),
      lensRadiusX: lensRadiusX, lensRadiusY: lensRadiusX * rng.uniform(0.75, 1),
      frameWidth: s * rng.uniform(0.5, 1.1), frameTone: rng.uniform(0, 0.2),
      bangsLength: max(1.2, foreheadRoom - 0.4) * rng.uniform(0.5, 1),
      bangsHalfWidth: radiusX * rng.uniform(0.6, 0.85), bangsTilt: s * rng.uniform(-1, 1),
      beardTone: rng.uniform(0.03, skin - 0.25), beardDrop: s * rng.uniform(1.2, 2.6),
      beardRise: s * rng.uniform(1, 7), beardGap: s * rng.uniform(0.6, 1.1),
      moustache: s * max(0, rng.uniform(-0.5, 1.6)),
      hatTone: rng.uniform(0.72, 1), brimY: 0, crownHeight: s * rng.uniform(3.5, 7),
      crownHalfWidth: radiusX * rng.uniform(0.8, 1.05), crownTopHalfWidth: 0,
      brimRadiusX: radiusX * rng.uniform(1.15, 1.5), brimRadiusY: s * rng.uniform(0.6, 1.2))
    recipe.crownTopHalfWidth = recipe.crownHalfWidth * rng.uniform(0.75, 1)
    // The brim's lower edge stays at least 0.6 px above the hairline.
    recipe.brimY =
      recipe.headTop + min(s * rng.uniform(1, 2.2), hairlineDepth - 0.6 - recipe.brimRadiusY)
    recipe.mouthWidth = attributes.smiling ? smileWidth : flatWidth
    recipe.smileLift = attributes.smiling ? smileLift : flatLift
    recipe.mouthOpening = attributes.mouthOpen ? opening : 0
    return recipe
  }
}
