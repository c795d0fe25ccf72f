import Foundation
import PropertyBased
import Math
import Testing
import Workbook

/// Example tests for the figure layer: what is rendered decodes, has the promised size, and
/// shows what was drawn; bad data and bad paths fail with messages that name the culprit.
@Suite struct FigureTests {
  /// A figure with one mark of every kind but images.
  static func sampleFigure(title: String?) -> Figure {
    var figure = Figure(title: title, rows: 2, columns: 3, panelWidth: 300, panelHeight: 220)
    let xs = stride(from: -3.0, through: 3.0, by: 0.05).map { $0 }
    figure[0].line(xs, xs.map { exp(-$0 * $0 / 2) }, label: "p_data")
    figure[0].horizontalLine(0.5, label: "½")
    figure[1].scatter(xs, xs.map { sin($0) }, label: "samples")
    figure[2].histogram(xs.map { $0 * $0 }, bins: 20)
    figure[3].fill(xs, lower: xs.map { sin($0) - 0.2 }, upper: xs.map { sin($0) + 0.2 })
    figure[row: 1, column: 1].arrows(
      from: [(x: 0, y: 0), (x: 1, y: 0)], to: [(x: 0.5, y: 1), (x: 0.7, y: 1)])
    figure[5].heatmap(
      values: (0..<100).map { Double($0) }, width: 10, height: 10, xRange: -1...1, yRange: -1...1,
      label: "D(x)")
    return figure
  }

  @Test func renderedPNGHasTheRequestedSizeAndInk() throws {
    let figure = Self.sampleFigure(title: "Every mark")
    #expect(figure.pixelWidth == 900)
    #expect(figure.pixelHeight == 440 + Figure.titleStripHeight)
    let image = try DecodedImage(png: try figure.renderPNG())
    #expect(image.width == 900)
    #expect(image.height == 440 + Figure.titleStripHeight)
    #expect(image.distinctColorCount > 50)
    #expect((0.03...0.6).contains(image.nonBackgroundFraction))
    #expect(image.rgb(x: 0, y: 0) == (255, 255, 255))
  }

  /// `xCategories` labels the x ticks with the names: longer names put more ink under the plot.
  @Test func categoricalAxisDrawsTheNamesAsTickLabels() throws {
    func inkUnderThePlot(_ names: [String]) throws -> Int {
      var figure = Figure(panelWidth: 420, panelHeight: 240)
      figure[0].scatter([1, 2, 3], [0.2, 0.5, 0.9])
      figure[0].xCategories = names
      figure[0].xRange = 0.5...3.5
      let image = try DecodedImage(png: try figure.renderPNG())
      return (image.height - 30..<image.height).reduce(0) { sum, y in
        sum + (0..<image.width).filter { image.rgb(x: $0, y: y) != (255, 255, 255) }.count
      }
    }
    let short = try inkUnderThePlot(["a", "b", "c"])
    let long = try inkUnderThePlot(["normal prior", "uniform prior", "Student-t prior"])
    #expect(short > 0)
    #expect(long > 3 * short, "ink under the plot: \(long) with long names, \(short) with one letter")
  }

  @Test func untitledFigureIsExactlyItsPanels() throws {
    var figure = Figure(rows: 2, columns: 1, panelWidth: 200, panelHeight: 150)
    figure[1].line([0, 1], [0, 1])
    let image = try DecodedImage(png: try figure.renderPNG())
    #expect((image.width, image.height) == (200, 300))
    // The empty top panel still gets axes; the line panel gets more ink than the frame alone.
    #expect(image.nonBackgroundFraction > 0.01)
  }

  @Test func unlabelledSeriesTakePaletteColours() throws {
    var figure = Figure(panelWidth: 240, panelHeight: 180)
    figure[0].line([0, 1], [0, 0], width: 6)
    figure[0].line([0, 1], [1, 1], width: 6)
    let image = try DecodedImage(png: try figure.renderPNG())
    for color in [Palette.series(0), Palette.series(1)] {
      #expect(image.count(r: color.r, g: color.g, b: color.b) > 100, "no solid \(color) line")
    }
    #expect(Palette.series(Palette.colors.count) == Palette.series(0))
  }

  @Test func imageGridDrawsTheGivenGreyLevels() throws {
    let levels: [Float] = [0, 0.25, 0.5, 1]
    var figure = Figure(panelWidth: 240, panelHeight: 180)
    figure[0].images(
      levels.map { [Float](repeating: $0, count: 16) }, width: 4, height: 4, columns: 2)
    let image = try DecodedImage(png: try figure.renderPNG())
    for level in levels {
      let grey = Int((level * 255).rounded())
      // Each 4 × 4 image is enlarged by a whole factor, so its grey covers at least 16 pixels.
      #expect(image.count(r: grey, g: grey, b: grey) >= 16 * 16, "grey \(grey) missing")
    }
  }

  /// A batch tensor draws exactly as its images, row by row, would; `count` keeps the first ones.
  @Test func aBatchTensorDrawsAsItsImages() throws {
    let levels: [Float] = [0, 0.25, 0.5, 1]
    let batch = Tensor(shape: [4, 1, 4, 4], scalars: levels.flatMap { [Float](repeating: $0, count: 16) })
    var (fromTensor, fromArrays) = (Figure(panelWidth: 240, panelHeight: 180), Figure(panelWidth: 240, panelHeight: 180))
    fromTensor[0].images(batch, count: 3, columns: 2)
    fromArrays[0].images(levels.prefix(3).map { [Float](repeating: $0, count: 16) }, width: 4, height: 4, columns: 2)
    #expect(try fromTensor.renderPNG() == fromArrays.renderPNG())
  }

  @Test func heatmapUsesBothEndsOfTheColourMap() throws {
    var figure = Figure(panelWidth: 300, panelHeight: 240)
    figure[0].heatmap(values: [0, 1, 2, 3], width: 2, height: 2, xRange: 0...1, yRange: 0...1)
    let image = try DecodedImage(png: try figure.renderPNG())
    for end in [ColorMap.viridis(0), ColorMap.viridis(1)] {
      #expect(image.count(r: end.r, g: end.g, b: end.b) > 500, "colour \(end) missing")
    }
  }

  @Test func animatedGIFHasEveryFrame() throws {
    var gif = AnimatedGIF(delayCentiseconds: 10)
    for step in 0..<3 {
      var frame = Figure(title: "step \(step)", panelWidth: 240, panelHeight: 180)
      frame[0].line([0, 1, 2], [0, Double(step), 0])
      gif.append(frame)
    }
    let bytes = try gif.renderGIF()
    #expect(try DecodedImage.gifFrameCount(bytes) == 3)
    let first = try DecodedImage(gif: bytes)
    #expect((first.width, first.height) == (240, 180 + Figure.titleStripHeight))
    #expect(first.distinctColorCount > 2)
    #expect(bytes.count < 60_000)
  }

  @Test func aFrameThatCannotBeDrawnMakesTheAnimationAnErrorNamingIt() {
    var gif = AnimatedGIF()
    for value in [0, Double.nan, 1] {
      var frame = Figure(panelWidth: 240, panelHeight: 180)
      frame[0].line([0, 1, 2], [0, value, 0])
      gif.append(frame)
    }
    #expect(gif.frameCount == 1)
    do {
      _ = try gif.renderGIF()
      Issue.record("an animation with a NaN frame was encoded")
    } catch {
      #expect("\(error)".hasPrefix("<animated GIF>: frame 2 cannot be drawn: "), "\(error)")
    }
  }

  @Test func emptyAnimationIsAnError() {
    #expect(throws: WorkbookError.self) { try AnimatedGIF().renderGIF() }
  }

  @Test func writeCreatesADecodablePNG() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "figure-tests-\(UUID())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("nested/figure.png")
    try AtomicFile.write(try Self.sampleFigure(title: nil).encoded(), to: url)
    let image = try DecodedImage(png: try Data(contentsOf: url))
    #expect(image.width == 900)
  }

  @Test func writingIntoAnUnwritableFolderNamesThePath() {
    let url = URL(fileURLWithPath: "/proc/nonexistent/x.png")
    do {
      try AtomicFile.write(try Figure().encoded(), to: url)
      Issue.record("writing to \(url.path) succeeded")
    } catch {
      #expect(String(describing: error).contains("/proc/nonexistent"), "\(error)")
    }
  }

  @Test func nonFiniteDataThrowsNamingPanelMarkAndValue() {
    var figure = Figure(columns: 2)
    figure[1].title = "Density"
    figure[1].line([0, 1, 2], [0, .nan, 1], label: "p_g")
    do {
      _ = try figure.renderPNG()
      Issue.record("a NaN was plotted")
    } catch {
      let message = String(describing: error)
      for part in ["panel 1", "Density", "p_g", "y[1]", "nan"] {
        #expect(message.contains(part), "“\(message)” does not mention \(part)")
      }
    }
  }

  @Test func nonFiniteImagePixelThrows() {
    var figure = Figure()
    figure[0].images([[0, .infinity, 0, 0]], width: 2, height: 2, columns: 1)
    #expect(throws: WorkbookError.self) { try figure.renderPNG() }
  }

  @Test func garbageBytesDoNotDecode() {
    #expect(throws: WorkbookError.self) { try DecodedImage(png: Data("not a png".utf8)) }
    #expect(throws: WorkbookError.self) { try DecodedImage(gif: Data()) }
  }
}

/// Awkward data renders or fails cleanly, never traps.
@Suite struct FigureEdgeCaseTests {
  @Test func constantAndEmptyDataRender() throws {
    var figure = Figure(columns: 3, panelWidth: 200, panelHeight: 160)
    figure[0].line([1, 1, 1], [2, 2, 2])
    figure[1].histogram([5, 5, 5])
    figure[2].scatter([], [])
    #expect(try DecodedImage(png: try figure.renderPNG()).width == 600)
  }

  @Test func dataFarOutsideAFixedRangeIsClipped() throws {
    var figure = Figure(panelWidth: 200, panelHeight: 160)
    figure[0].xRange = 0...1
    figure[0].yRange = 0...1
    figure[0].fill([0, 1e200], lower: [0, -1e200], upper: [1, 1e200])
    figure[0].histogram([0.5, 1e250], bins: 3)
    figure[0].text("far away", x: 1e300, y: -1e300)
    #expect(try DecodedImage(png: try figure.renderPNG()).height == 160)
  }

  @Test func aRangeTooWideForADoubleThrows() {
    var figure = Figure()
    figure[0].line([0, 1], [-1.7e308, 1.7e308])
    #expect(throws: WorkbookError.self) { try figure.renderPNG() }
  }
}
