import Foundation
import Testing
import Workbook

/// `Panel.dottedLine` draws dots along the curve: ink where the line runs, but much less of it
/// than a solid line of the same colour, and as much on a steep stretch as on a flat one.
@Suite struct DottedLineTests {
  static let color = Color(r: 200, g: 30, b: 160)

  static func inkCount(_ draw: (inout Panel) -> Void) throws -> Int {
    var figure = Figure(panelWidth: 400, panelHeight: 300)
    draw(&figure[0])
    figure[0].xRange = 0...1
    figure[0].yRange = 0...1
    let image = try DecodedImage(png: try figure.renderPNG())
    return image.count(r: color.r, g: color.g, b: color.b)
  }

  @Test func dotsAreSparserThanASolidLine() throws {
    let dotted = try Self.inkCount { $0.dottedLine([0, 1], [0.5, 0.5], color: Self.color, radius: 1.5, spacing: 8) }
    let solid = try Self.inkCount { $0.line([0, 1], [0.5, 0.5], color: Self.color, width: 3) }
    #expect(dotted > 0)
    #expect(Double(dotted) < 0.6 * Double(solid), "dotted \(dotted) pixels against solid \(solid)")
  }

  @Test func dotsAreSpacedAlongTheCurveNotAlongX() throws {
    // The same number of samples per unit x on a flat and on a nearly vertical stretch: spacing
    // by x would leave the steep stretch with few dots; spacing by arc length does not.
    let flat = try Self.inkCount { $0.dottedLine([0, 0.1], [0.5, 0.5], color: Self.color, spacing: 6) }
    let steep = try Self.inkCount { $0.dottedLine([0, 0.1], [0, 1], color: Self.color, spacing: 6) }
    #expect(Double(steep) > 4 * Double(flat), "steep \(steep) pixels against flat \(flat)")
  }
}
