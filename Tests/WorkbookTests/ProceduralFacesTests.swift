import Foundation
import Math
import Testing

@testable import Workbook

/// The procedural faces: seeded, in range, attributes balanced and independent, antialiased,
/// and each attribute visible where it is drawn, and only there, in every face.
@Suite struct ProceduralFacesTests {
  /// 4,000 faces shared by the statistical tests (seed 11).
  static let faces = try! ProceduralFaces.generate(count: 4000, seed: 11)

  /// Where each attribute is drawn on the 32 × 32 canvas: rows and columns, inclusive, in the
  /// order of `FaceAttributes.names`.
  static let regions: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)] = [
    (10...22, 3...28),  // eyeglasses: the eyes' band, temple to temple
    (17...29, 5...27),  // smiling: the mouth (and the beard's edge, which follows the lips)
    (9...14, 8...24),  // bangs: the forehead
    (17...30, 5...26),  // beard: the chin and jaw
    (0...11, 2...30),  // hat: above the head
    (19...31, 5...27),  // mouthOpen: the mouth and the chin (the beard's edge)
  ]

  @Test func theSameSeedGivesTheSameFacesAndAnotherSeedOthers() throws {
    let a = try ProceduralFaces.generate(count: 50, seed: 3)
    let b = try ProceduralFaces.generate(count: 50, seed: 3)
    let c = try ProceduralFaces.generate(count: 50, seed: 4)
    #expect(a.images == b.images && a.attributes == b.attributes)
    #expect(a.images != c.images && a.attributes != c.attributes)
  }

  @Test func imagesAreOneChannelInMinusOneToOneWithAZeroOneAttributeMatrix() throws {
    let faces = try ProceduralFaces.generate(count: 20, seed: 5)
    #expect(faces.images.shape == [20, 1, 32, 32])
    #expect(faces.images.scalars.allSatisfy { (-1...1).contains($0) })
    #expect(
      faces.images.scalars.min()! < -0.8 && faces.images.scalars.max()! > 0.6, "the range is used")
    let matrix = faces.attributeMatrix
    #expect(matrix.shape == [20, 6])
    for i in 0..<20 {
      #expect((0..<6).map { matrix[i, $0] == 1 } == faces.attributes[i].vector)
    }
    let large = try ProceduralFaces.generate(count: 2, seed: 5, side: 64)
    #expect(
      large.images.shape == [2, 1, 64, 64] && large.attributes == Array(faces.attributes[0..<2]))
  }

  /// Each attribute is present in 50 % ± 3.5 binomial standard deviations (±2.8 points) of
  /// 4,000 faces, and every pair is uncorrelated: |r| < 0.05 (3 standard errors of r).
  @Test func attributesAreBalancedAndPairwiseIndependent() {
    let n = Double(Self.faces.count)
    let columns = (0..<6).map { k in Self.faces.attributes.map { $0.vector[k] ? 1.0 : 0.0 } }
    for (k, name) in FaceAttributes.names.enumerated() {
      let p = columns[k].reduce(0, +) / n
      #expect(abs(p - 0.5) < 3.5 * (0.25 / n).squareRoot(), "\(name): frequency \(p)")
    }
    for j in 0..<6 {
      for k in (j + 1)..<6 {
        let r = correlation(columns[j], columns[k])
        #expect(
          abs(r) < 0.05, "\(FaceAttributes.names[j]) and \(FaceAttributes.names[k]): r = \(r)")
      }
    }
  }

  /// Supersampling measures area: a white disc of radius 5.5 px (drawn at 4 × on black) and a
  /// stroke 1 px wide and 10 px long have grey levels summing to their areas, π · 5.5² and about
  /// 10 + π/4, within 3 %; their edges take intermediate values.
  @Test func supersampledShapesHaveTheirAreas() throws {
    let image = try GDImage(width: 64, height: 64, background: .black)
    image.paintEllipse(center: Point(x: 32, y: 32), radiusX: 22, radiusY: 22, color: .white)
    let disc = image.greyLevels(averagedOver: 4)
    #expect(abs(Double(disc.reduce(0, +)) / (Double.pi * 5.5 * 5.5) - 1) < 0.03)
    #expect(disc.filter { $0 > 0.05 && $0 < 0.95 }.count >= 20, "an antialiased edge")
    image.fill(with: .black)
    image.paintStroke([Point(x: 12, y: 20), Point(x: 52, y: 20)], width: 4, color: .white)
    let line = image.greyLevels(averagedOver: 4)
    #expect(abs(Double(line.reduce(0, +)) / (10 + Double.pi / 4) - 1) < 0.03)
  }

  /// Drawn at 4 × and averaged, a face has many grey levels (its edges take intermediate
  /// values); the control, the same faces drawn without supersampling, has few.
  @Test func facesAreAntialiased() throws {
    var rng = SeededGenerator(seed: 6)
    for recipe in ProceduralFaces.recipes(count: 10, using: &rng) {
      let smooth = Set(try recipe.greyLevels(supersampling: 4)).count
      let binary = Set(try recipe.greyLevels(supersampling: 1)).count
      #expect(smooth >= 80, "\(smooth) grey levels")
      #expect(binary <= 20, "\(binary) grey levels without supersampling")
    }
  }

  /// The mean image of the faces with an attribute minus the mean of those without differs by
  /// at least 0.2 (of the range 2) somewhere in the attribute's region, and by less than 0.1
  /// everywhere outside it.
  @Test func eachAttributeChangesTheMeanImageInItsRegionOnly() {
    let faces = Self.faces
    let pixels = 32 * 32
    let scalars = faces.images.scalars
    for (k, name) in FaceAttributes.names.enumerated() {
      var (with, without) = (
        [Double](repeating: 0, count: pixels), [Double](repeating: 0, count: pixels)
      )
      var (nWith, nWithout) = (0.0, 0.0)
      for i in 0..<faces.count {
        let present = faces.attributes[i].vector[k]
        if present { nWith += 1 } else { nWithout += 1 }
        for j in 0..<pixels {
          if present {
            with[j] += Double(scalars[i * pixels + j])
          } else {
            without[j] += Double(scalars[i * pixels + j])
          }
        }
      }
      let region = Self.regions[k]
      var (inside, outside) = (0.0, 0.0)
      for j in 0..<pixels {
        let d = abs(with[j] / nWith - without[j] / nWithout)
        if region.rows.contains(j / 32) && region.columns.contains(j % 32) {
          inside = max(inside, d)
        } else {
          outside = max(outside, d)
        }
      }
      #expect(inside > 0.2, "\(name): largest change in its region \(inside)")
      #expect(outside < 0.1, "\(name): largest change elsewhere \(outside)")
    }
  }

  /// Occlusion: the same face drawn with and without each attribute (all else equal) differs in
  /// every one of 300 faces — by a total of at least 1 grey level of [0, 1] in the attribute's
  /// region — and by at most 0.5 outside the region. So no attribute is ever hidden by another
  /// (a hat never covers the bangs, a beard never covers the mouth). Measured with seed 12: the
  /// least change is 1.37 (smiling), 2.2 (mouth open), 2.5 (bangs), 4.5 (glasses), 5.2 (beard),
  /// 20.8 (hat); the most outside 0.13.
  @Test func everyAttributeIsVisibleInEveryFace() throws {
    var rng = SeededGenerator(seed: 12)
    let bases = (0..<300).map { _ in (FaceAttributes.random(using: &rng), rng) }
    for (k, name) in FaceAttributes.names.enumerated() {
      var (leastInside, mostOutside) = (Double.infinity, 0.0)
      for (attributes, state) in bases {
        var (on, off) = (attributes.vector, attributes.vector)
        (on[k], off[k]) = (true, false)
        var (a, b) = (state, state)
        let withIt = try FaceRecipe.random(attributes: FaceAttributes(vector: on), using: &a)
          .greyLevels()
        let without = try FaceRecipe.random(attributes: FaceAttributes(vector: off), using: &b)
          .greyLevels()
        var (inside, outside) = (0.0, 0.0)
        for j in 0..<(32 * 32) {
          let d = Double(abs(withIt[j] - without[j]))
          if Self.regions[k].rows.contains(j / 32) && Self.regions[k].columns.contains(j % 32) {
            inside += d
          } else {
            outside += d
          }
        }
        (leastInside, mostOutside) = (min(leastInside, inside), max(mostOutside, outside))
      }
      #expect(
        leastInside >= 1, "\(name): the least change in its region, over 300 faces, \(leastInside)")
      #expect(mostOutside <= 0.5, "\(name): the largest change outside its region \(mostOutside)")
    }
  }

  /// Attributes vary continuously: drawing one face with a growing smile, longer bangs, a
  /// thicker frame, a darker beard, a taller hat or a wider opening moves it further, step by
  /// step, from the same face without the attribute.
  @Test func attributesVaryContinuously() throws {
    var rng = SeededGenerator(seed: 13)
    let all = FaceAttributes(vector: Array(repeating: true, count: 6))
    let face = FaceRecipe.random(attributes: all, using: &rng)
    func distances(
      _ values: [Double], _ set: (inout FaceRecipe, Double) -> Void, from base: FaceRecipe
    ) throws -> [Double] {
      let reference = try base.greyLevels()
      return try values.map { v in
        var f = face
        set(&f, v)
        return zip(try f.greyLevels(), reference).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) }
      }
    }
    var flat = face
    flat.smileLift = 0
    var closed = face
    closed.mouthOpening = 0
    let steps: [(String, [Double], (inout FaceRecipe, Double) -> Void, FaceRecipe)] = [
      ("smile", [0.5, 1, 1.5, 2, 2.5], { $0.smileLift = $1 }, flat),
      ("mouth opening", [0.8, 1.4, 2, 2.6], { $0.mouthOpening = $1 }, closed),
      ("bangs length", [1, 1.6, 2.2, 2.8], { $0.bangsLength = $1 }, Self.without(face, 2)),
      ("glasses frame", [0.4, 0.7, 1, 1.3], { $0.frameWidth = $1 }, Self.without(face, 0)),
      (
        "beard darkness", [0.3, 0.22, 0.14, 0.06].map { $0 * face.skin / 0.5 },
        { $0.beardTone = $1 }, Self.without(face, 3)
      ),
      ("hat height", [3, 4.5, 6, 7.5], { $0.crownHeight = $1 }, Self.without(face, 4)),
    ]
    for (name, values, set, base) in steps {
      let d = try distances(values, set, from: base)
      #expect(zip(d, d.dropFirst()).allSatisfy { $0 < $1 }, "\(name): distances \(d) should grow")
      #expect(d[0] > 0.5, "\(name): even the smallest is visible, \(d[0])")
    }
  }

  /// The sampled parameters span their ranges: smiles from slight to broad, flat mouths flat.
  @Test func smilesVaryAndNeutralMouthsAreFlat() {
    var rng = SeededGenerator(seed: 14)
    let recipes = ProceduralFaces.recipes(count: 2000, using: &rng)
    let smiles = recipes.filter(\.attributes.smiling).map(\.smileLift)
    let flats = recipes.filter { !$0.attributes.smiling }.map(\.smileLift)
    #expect(
      smiles.min()! < 1 && smiles.max()! > 2.4, "smile lifts \(smiles.min()!)…\(smiles.max()!)")
    #expect(flats.allSatisfy { abs($0) <= 0.25 })
    let glasses = recipes.map(\.frameWidth)
    #expect(glasses.min()! < 0.5 && glasses.max()! > 1.05)
  }

  static func without(_ face: FaceRecipe, _ k: Int) -> FaceRecipe {
    var f = face
    var v = f.attributes.vector
    v[k] = false
    f.attributes = FaceAttributes(vector: v)
    return f
  }

  /// An 8 × 8 sheet of faces captioned with their attributes' initials, written to
  /// /tmp/faces-sample.png for a person to look at.
  @Test func aSampleSheetIsWritten() throws {
    let faces = try ProceduralFaces.generate(count: 64, seed: 2026)
    var figure = Figure(
      title: "Procedural faces — G glasses, S smiling, B bangs, D beard, H hat, O mouth open",
      panelWidth: 900, panelHeight: 1000)
    figure[0].images(
      (0..<64).map { i in faces.images.row(i).map { (Float($0) + 1) / 2 } }, width: 32, height: 32,
      columns: 8, captions: faces.attributes.map(\.initialsText))
    let png = try figure.renderPNG()
    try png.write(to: URL(fileURLWithPath: "/tmp/faces-sample.png"))
    #expect(png.count > 1000)
  }
}

private func correlation(_ x: [Double], _ y: [Double]) -> Double {
  let n = Double(x.count)
  let (mx, my) = (x.reduce(0, +) / n, y.reduce(0, +) / n)
  var (sxy, sxx, syy) = (0.0, 0.0, 0.0)
  for (a, b) in zip(x, y) {
    sxy += (a - mx) * (b - my)
    sxx += (a - mx) * (a - mx)
    syy += (b - my) * (b - my)
  }
  return sxy / (sxx * syy).squareRoot()
}
