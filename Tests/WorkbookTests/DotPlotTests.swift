import Foundation
import Testing
import Workbook

/// `Panel.dotPlot` puts group i at category i + 1, a dot per value spread sideways and a black
/// bar at the median.
@Suite struct DotPlotTests {
  static let color = Color(r: 200, g: 30, b: 160)

  @Test func groupsBecomeCategories() {
    var panel = Panel()
    panel.dotPlot([("a", [0.1]), ("b", [0.2, 0.3]), ("c", [0.4])])
    #expect(panel.xCategories == ["a", "b", "c"])
    #expect(panel.xRange == 0.5...3.5)
  }

  /// Every value gets a dot of its own: three equal values put more ink than one.
  @Test func equalValuesDoNotHideEachOther() throws {
    func ink(_ values: [Double]) throws -> Int {
      var figure = Figure(panelWidth: 400, panelHeight: 300)
      figure[0].dotPlot([("a", values)], color: Self.color, medianLabel: nil)
      figure[0].yRange = 0...1
      // The dots are blended at alpha 0.75: count the pixels of their hue, not their exact colour.
      let image = try DecodedImage(png: try figure.renderPNG())
      return (0..<image.height).reduce(0) { sum, y in
        sum + (0..<image.width).filter { x in
          let (r, g, b) = image.rgb(x: x, y: y)
          return r - g > 60 && b - g > 40
        }.count
      }
    }
    let (one, three) = (try ink([0.5]), try ink([0.5, 0.5, 0.5]))
    #expect(one > 0)
    #expect(Double(three) > 2 * Double(one), "three equal values: \(three) pixels against \(one) for one")
  }

  /// The picture is the dots at 1 − 0.09, 1, 1 + 0.09 and a black bar from 0.68 to 1.32 at the
  /// median 0.3 of (0.9, 0.2, 0.3) — not at their mean, 0.47, and not at the middle value as
  /// given, 0.2.
  @Test func theBarMarksTheMedian() throws {
    let values = [0.9, 0.2, 0.3]
    func drawn(barAt y: Double) throws -> Data {
      var figure = Figure(panelWidth: 400, panelHeight: 300)
      figure[0].xCategories = ["a"]
      figure[0].xRange = 0.5...1.5
      figure[0].yRange = 0...1
      figure[0].line([0.68, 1.32], [y, y], color: .black, width: 3)
      figure[0].scatter([1 - 0.09, 1, 1 + 0.09], values, color: Self.color, alpha: 0.75, radius: 4)
      return try figure.renderPNG()
    }
    var figure = Figure(panelWidth: 400, panelHeight: 300)
    figure[0].dotPlot([("a", values)], color: Self.color, medianLabel: nil)
    figure[0].yRange = 0...1
    let plot = try figure.renderPNG()
    #expect(plot == (try drawn(barAt: 0.3)))
    #expect(plot != (try drawn(barAt: 1.4 / 3)))
    #expect(plot != (try drawn(barAt: 0.2)))
  }
}
