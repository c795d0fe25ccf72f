import Testing
import Workbook

@Suite("Progress bar")
struct ProgressBarTests {
  @Test("shows label, bar, step/total, percent, rate, ETA and metrics in order")
  func midwayLine() {
    let line = ProgressBar.line(
      label: "training", step: 4800, total: 9600, elapsed: 6,
      metrics: [("loss D", 0.6931471805599453), ("loss G", 0.7)])
    #expect(
      line
        == "training  [██████████░░░░░░░░░░]  4800/9600   50%  800 steps/s  ETA 0:06  loss D 0.6931  loss G 0.7"
    )
  }

  @Test("the final line shows the total time instead of the ETA")
  func finishedLine() {
    let line = ProgressBar.line(
      label: "fit", step: 10, total: 10, elapsed: 75, metrics: [], finished: true)
    #expect(line.contains("[████████████████████]"))
    #expect(line.contains("10/10  100%"))
    #expect(line.hasSuffix("in 1:15"))
    #expect(!line.contains("ETA"))
  }

  @Test("the rate is counted in the bar's unit")
  func unitOfTheRate() {
    let line = ProgressBar.line(
      label: "trainings", step: 13, total: 26, unit: "runs", elapsed: 26, metrics: [])
    #expect(line == "trainings  [██████████░░░░░░░░░░]  13/26   50%  0.5 runs/s  ETA 0:26")
  }

  @Test("before any step: an empty bar, no rate and no ETA")
  func emptyLine() {
    let line = ProgressBar.line(label: "fit", step: 0, total: 10, elapsed: 0, metrics: [])
    #expect(line == "fit  [░░░░░░░░░░░░░░░░░░░░]   0/10    0%")
  }

  @Test("non-finite metrics show as nan", arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteMetrics(value: Double) {
    let line = ProgressBar.line(
      label: "fit", step: 1, total: 2, elapsed: 1, metrics: [("loss G", value)])
    #expect(line.hasSuffix("loss G nan"))
  }

  @Test("draws on a terminal or when forced, never with --no-progress")
  func drawing() {
    #expect(ProgressBar.shouldDraw(requested: nil, isTerminal: true))
    #expect(!ProgressBar.shouldDraw(requested: nil, isTerminal: false))
    #expect(ProgressBar.shouldDraw(requested: true, isTerminal: false))
    #expect(!ProgressBar.shouldDraw(requested: false, isTerminal: true))
  }

  @Test(
    "durations read as m:ss or h:mm:ss",
    arguments: [(5.0, "0:05"), (75, "1:15"), (3725, "1:02:05"), (.infinity, "?")])
  func durations(seconds: Double, text: String) {
    #expect(ProgressBar.duration(seconds) == text)
  }
}
