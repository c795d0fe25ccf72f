import Math

extension Panel {
  /// A categorical dot plot: group i is category i + 1 on the x axis (`xCategories` are the
  /// names, `xRange` leaves half a category on each side), its values one dot each, spread
  /// sideways by 0.09 around the category so that none hides another, and its median
  /// (`Statistics.quantile(values, 0.5)`) a black bar 0.64 wide. The labels go to the first
  /// group's bar and dots only, so the legend names each kind of mark once. The y range, the
  /// reference lines and the legend's position are the caller's.
  public mutating func dotPlot(
    _ groups: [(name: String, values: [Double])], color: Color = .blue, medianLabel: String? = "median",
    dotLabel: String? = nil
  ) {
    precondition(!groups.isEmpty, "dotPlot: no groups")
    for group in groups { precondition(!group.values.isEmpty, "dotPlot: group \"\(group.name)\" has no values") }
    xCategories = groups.map(\.name)
    xRange = 0.5...Double(groups.count) + 0.5
    for (i, group) in groups.enumerated() {
      let (x, median) = (Double(i + 1), Statistics.quantile(group.values, 0.5))
      line([x - 0.32, x + 0.32], [median, median], label: i == 0 ? medianLabel : nil, color: .black, width: 3)
      let offsets = group.values.indices.map { (Double($0) - Double(group.values.count - 1) / 2) * 0.09 }
      scatter(offsets.map { x + $0 }, group.values, label: i == 0 ? dotLabel : nil, color: color, alpha: 0.75, radius: 4)
    }
  }
}
