import Foundation

extension FaceRecipe {
  /// The face as `side × side` grey levels in [0, 1], row by row from the top, drawn through
  /// libgd at `supersampling` × the size and box-averaged down (antialiasing; see
  /// `GDImage+Shapes.swift`).
  /// - Throws: `WorkbookError.badData` when libgd cannot allocate the image.
  public func greyLevels(side: Int = 32, supersampling: Int = 4) throws -> [Float] {
    try FaceCanvas(side: side, supersampling: supersampling).draw(self)
  }
}

/// A reusable libgd image on which faces are drawn one after another, and the face's parts in
/// the order they are painted: background, hair behind the head, neck, face, hair on the head,
/// bangs, eyebrows, eyes, nose, beard, mouth, glasses, hat. Later parts cover earlier ones.
final class FaceCanvas {
  let side: Int
  let supersampling: Int
  private let image: GDImage
  /// Canvas pixels (32 per side) to image pixels.
  private let scale: Double

  init(side: Int, supersampling: Int) throws {
    precondition(
      side >= 8 && supersampling >= 1,
      "FaceCanvas: the side must be at least 8 pixels and supersampling at least 1, got \(side) and \(supersampling)"
    )
    self.side = side
    self.supersampling = supersampling
    image = try GDImage(
      width: side * supersampling, height: side * supersampling, background: .black)
    scale = Double(side * supersampling) / 32
  }

  /// Draws `face` and returns its `side × side` grey levels in [0, 1].
  func draw(_ face: FaceRecipe) -> [Float] {
    let a = face.attributes
    image.clip = Rect(x: 0, y: 0, width: Double(image.width), height: Double(image.height))
    image.fill(with: grey(face.background))
    drawHairBehind(face)
    drawNeck(face)
    ellipse(face.centerX, face.centerY, face.radiusX, face.radiusY, face.skin)
    drawHairOnHead(face)
    if a.bangs { drawBangs(face) }
    drawEyebrowsEyesAndNose(face)
    if a.beard { drawBeard(face) }
    drawMouth(face)
    if a.eyeglasses { drawGlasses(face) }
    if a.hat { drawHat(face) }
    return image.greyLevels(averagedOver: supersampling)
  }

  // MARK: Parts

  /// The hair around the top of the head: an ellipse `hairVolume` larger than the face, above
  /// the height `centerY + hairLength`.
  private func drawHairBehind(_ f: FaceRecipe) {
    image.clip = Rect(
      x: 0, y: 0, width: Double(image.width), height: (f.centerY + f.hairLength) * scale)
    ellipse(
      f.centerX, f.centerY - 0.3 * f.hairVolume, f.radiusX + 0.8 * f.hairVolume,
      f.radiusY + f.hairVolume, f.hairTone)
    image.clip = Rect(x: 0, y: 0, width: Double(image.width), height: Double(image.height))
  }

  private func drawNeck(_ f: FaceRecipe) {
    let half = 0.5 * f.radiusX
    polygon(
      [
        (f.centerX - half, f.centerY), (f.centerX + half, f.centerY), (f.centerX + half * 1.1, 33),
        (f.centerX - half * 1.1, 33),
      ],
      f.skin * 0.8)
  }

  /// The face above the hairline, an arch `hairlineDrop` lower at the temples than at the middle.
  private func drawHairOnHead(_ f: FaceRecipe) {
    let xs = samples(-f.radiusX, f.radiusX, 24)
    let top = xs.map { (f.centerX + $0, upperEdge(f, $0) - 0.3) }
    let hairline = xs.reversed().map { x in
      (
        f.centerX + x,
        max(f.hairlineY + f.hairlineDrop * (x / f.radiusX) * (x / f.radiusX), upperEdge(f, x))
      )
    }
    polygon(top + hairline, f.hairTone)
  }

  /// A fringe from above the hairline to `bangsLength` below it, tilted, with a gently
  /// scalloped lower edge.
  private func drawBangs(_ f: FaceRecipe) {
    let xs = samples(-f.bangsHalfWidth, f.bangsHalfWidth, 16)
    let top = xs.map { (f.centerX + $0, max(f.hairlineY - 1.5, upperEdge(f, $0))) }
    let bottom = xs.reversed().enumerated().map { (i, x) -> (Double, Double) in
      let edge = f.hairlineY + f.bangsLength - f.bangsTilt * x / f.bangsHalfWidth
      let taper = 1 - 0.5 * pow(abs(x) / f.bangsHalfWidth, 4)  // shorter at the sides
      return (f.centerX + x, f.hairlineY + (edge - f.hairlineY) * taper - (i % 2 == 0 ? 0 : 0.35))
    }
    polygon(top + bottom, f.hairTone)
  }

  private func drawEyebrowsEyesAndNose(_ f: FaceRecipe) {
    let s = f.headScale
    for side in [-1.0, 1.0] {
      let x = f.centerX + side * f.eyeSpacing / 2
      stroke(
        [
          (x - side * 1.5 * s, f.eyebrowY + 0.2), (x, f.eyebrowY - 0.3 * s),
          (x + side * 1.6 * s, f.eyebrowY + 0.1),
        ],
        width: 0.75 * s, f.hairTone)
      ellipse(x, f.eyeY, f.eyeRadiusX, f.eyeRadiusY, min(f.skin, 0.2) * 0.5)
    }
    stroke(
      [
        (f.centerX - 1.1 * s, f.noseY), (f.centerX, f.noseY + 0.35 * s),
        (f.centerX + 1.1 * s, f.noseY),
      ],
      width: 0.8 * s, f.skin * 0.72)
  }

  /// The chin and jaw below the mouth down to the face's edge, climbing `beardRise` up the
  /// sides and keeping `beardGap` below the lower lip; and the moustache above the upper lip.
  private func drawBeard(_ f: FaceRecipe) {
    let xs = samples(-f.radiusX, f.radiusX, 32)
    let chinTop = f.mouthY + f.beardDrop
    let tops = xs.map { x -> (Double, Double) in
      let u = x / f.radiusX
      var y = chinTop - f.beardRise * u * u
      if abs(x) <= f.mouthWidth / 2 + 1 {
        y = max(y, lowerLip(f, max(-f.mouthWidth / 2, min(f.mouthWidth / 2, x))) + f.beardGap)
      }
      return (f.centerX + x, min(y, lowerEdge(f, x)))
    }
    let bottom = xs.reversed().map { (f.centerX + $0, lowerEdge(f, $0) + 0.3) }
    polygon(tops + bottom, f.beardTone)
    if f.moustache > 0.3 {
      let xs = samples(-0.45 * f.mouthWidth, 0.45 * f.mouthWidth, 9)
      stroke(
        xs.map { (f.centerX + $0, upperLip(f, $0) - f.beardGap - f.moustache / 2) },
        width: f.moustache, f.beardTone)
    }
  }

  /// Closed: a line along the upper lip (a parabola whose corners rise `smileLift`). Open: the
  /// dark space between the upper lip and a lower lip `mouthOpening` below it at the middle.
  private func drawMouth(_ f: FaceRecipe) {
    let xs = samples(-f.mouthWidth / 2, f.mouthWidth / 2, 13)
    let upper = xs.map { (f.centerX + $0, upperLip(f, $0)) }
    let lipTone = f.skin * 0.35
    if f.mouthOpening > 0 {
      polygon(
        upper + xs.reversed().map { (f.centerX + $0, lowerLip(f, $0)) }, min(f.skin, 0.25) * 0.3)
      stroke(upper, width: 0.6 * f.lipWidth, lipTone)
      stroke(xs.map { (f.centerX + $0, lowerLip(f, $0)) }, width: 0.6 * f.lipWidth, lipTone)
    } else {
      stroke(upper, width: f.lipWidth, lipTone)
    }
  }

  /// Two elliptical rings around the eyes, a bridge between them and temples to the face's edge.
  private func drawGlasses(_ f: FaceRecipe) {
    let angles = samples(0, 2 * Double.pi, 24).dropLast()
    let half = f.eyeSpacing / 2
    for side in [-1.0, 1.0] {
      let x = f.centerX + side * half
      stroke(
        angles.map { (x + f.lensRadiusX * cos($0), f.eyeY + f.lensRadiusY * sin($0)) },
        width: f.frameWidth, f.frameTone, closed: true)
      let outer = x + side * f.lensRadiusX
      stroke(
        [
          (outer, f.eyeY - 0.3 * f.lensRadiusY),
          (f.centerX + side * f.radiusX * 0.97, f.eyeY - 0.5 * f.lensRadiusY),
        ],
        width: f.frameWidth * 0.8, f.frameTone)
    }
    stroke(
      [
        (f.centerX - half + f.lensRadiusX, f.eyeY - 0.2 * f.lensRadiusY),
        (f.centerX, f.eyeY - 0.45 * f.lensRadiusY),
        (f.centerX + half - f.lensRadiusX, f.eyeY - 0.2 * f.lensRadiusY),
      ],
      width: f.frameWidth * 0.8, f.frameTone)
  }

  /// A crown (a trapezoid with a rounded top) from the brim up `crownHeight`, a darker band
  /// above the brim, and the brim, a flat ellipse wider than the head.
  private func drawHat(_ f: FaceRecipe) {
    let (x, bottom, top) = (f.centerX, f.brimY, f.brimY - f.crownHeight)
    let roundness = min(1.5, 0.3 * f.crownHeight)
    polygon(
      [
        (x - f.crownHalfWidth, bottom), (x - f.crownTopHalfWidth, top + roundness),
        (x + f.crownTopHalfWidth, top + roundness), (x + f.crownHalfWidth, bottom),
      ], f.hatTone)
    ellipse(x, top + roundness, f.crownTopHalfWidth, roundness, f.hatTone)
    let band = min(1.4, 0.3 * f.crownHeight)
    polygon(
      [
        (x - f.crownHalfWidth, bottom), (x - f.crownHalfWidth * 0.97, bottom - band),
        (x + f.crownHalfWidth * 0.97, bottom - band), (x + f.crownHalfWidth, bottom),
      ], f.hatTone * 0.55)
    ellipse(x, bottom, f.brimRadiusX, f.brimRadiusY, f.hatTone)
  }

  // MARK: Geometry in canvas pixels

  private func upperEdge(_ f: FaceRecipe, _ x: Double) -> Double {
    let u = min(1, abs(x) / f.radiusX)
    return f.centerY - f.radiusY * (1 - u * u).squareRoot()
  }

  private func lowerEdge(_ f: FaceRecipe, _ x: Double) -> Double {
    let u = min(1, abs(x) / f.radiusX)
    return f.centerY + f.radiusY * (1 - u * u).squareRoot()
  }

  /// The upper lip at `x` from the mouth's middle: `mouthY − smileLift · (2x / width)²`.
  private func upperLip(_ f: FaceRecipe, _ x: Double) -> Double {
    let u = 2 * x / f.mouthWidth
    return f.mouthY - f.smileLift * u * u
  }

  /// The lower lip: the upper lip plus the opening, widest at the middle.
  private func lowerLip(_ f: FaceRecipe, _ x: Double) -> Double {
    let u = 2 * x / f.mouthWidth
    return upperLip(f, x) + f.mouthOpening * max(0, 1 - u * u)
  }

  private func samples(_ low: Double, _ high: Double, _ count: Int) -> [Double] {
    (0..<count).map { low + (high - low) * Double($0) / Double(count - 1) }
  }

  // MARK: Drawing in canvas pixels

  private func grey(_ level: Double) -> Color {
    let v = Int((min(max(level, 0), 1) * 255).rounded())
    return Color(r: v, g: v, b: v)
  }

  private func ellipse(_ x: Double, _ y: Double, _ rx: Double, _ ry: Double, _ level: Double) {
    image.paintEllipse(
      center: Point(x: x * scale, y: y * scale), radiusX: rx * scale, radiusY: ry * scale,
      color: grey(level))
  }

  private func polygon(_ points: [(Double, Double)], _ level: Double) {
    image.paintPolygon(
      points.map { Point(x: $0.0 * scale, y: $0.1 * scale) }, color: grey(level))
  }

  private func stroke(
    _ points: [(Double, Double)], width: Double, _ level: Double, closed: Bool = false
  ) {
    image.paintStroke(
      points.map { Point(x: $0.0 * scale, y: $0.1 * scale) }, width: width * scale,
      color: grey(level), closed: closed)
  }
}
