/// The comment lines that mark a solution region in the workbook's sources, for course
/// assignments (INSTRUCTORS.md):
///
///     // BEGIN SOLUTION optimal-discriminator
///     // HINT: the w that maximises p log w + q log(1 − w)
///     return p / (p + q)
///     // END SOLUTION
///
/// The `workbook assign` command replaces a region's body by `fatalError("TODO: …")` in the
/// student's copy. A page quoting the code (`{{code:NAME}}`) leaves the three kinds of marker
/// lines out, so the reader sees the function as it would be written without them.
public enum SolutionMarker {
  /// The prefix of the line that opens a region; the region's name follows it.
  public static let begin = "// BEGIN SOLUTION"
  /// The prefix of a hint line, kept in the student's copy.
  public static let hint = "// HINT:"
  /// The line that closes a region.
  public static let end = "// END SOLUTION"

  /// Whether `line`, without its indentation, is a marker line of one of the three kinds.
  public static func isMarker<Line: StringProtocol>(_ line: Line) -> Bool {
    let text = line.drop { $0 == " " || $0 == "\t" }
    return text.hasPrefix(begin) || text.hasPrefix(hint) || text.hasPrefix(end)
  }
}
