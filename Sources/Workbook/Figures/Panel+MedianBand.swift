import Math

extension Panel {
  /// A summary of several runs of one curve: the median over runs at each x, drawn as a line,
  /// over a band from the smallest to the largest run (min–max). `runs[r][i]` is run r's value
  /// at `xs[i]`; every run has one value per x.
  public mutating func medianBand(
    _ xs: [Double], runs: [[Double]], label: String? = nil, color: Color, alpha: Double = 0.2,
    dashed: Bool = false
  ) {
    precondition(!runs.isEmpty, "medianBand: no runs")
    for (r, run) in runs.enumerated() {
      precondition(run.count == xs.count, "medianBand: run \(r) has \(run.count) values for \(xs.count) xs")
    }
    let columns = xs.indices.map { i in runs.map { $0[i] } }
    fill(xs, lower: columns.map { $0.min()! }, upper: columns.map { $0.max()! }, color: color, alpha: alpha)
    line(xs, columns.map { Statistics.quantile($0, 0.5) }, label: label, color: color, width: 2, dashed: dashed)
  }
}
