import Foundation
import Workbook

/// Rewrites the bodies of regions in a reference source file: blanked for a student's copy, or
/// the student's own bodies put back for grading. Everything outside the regions stays the
/// reference's, so a submission can change nothing else.
public enum RegionSplicing {
  /// `source` (the reference file) with the body of each region in `regions` replaced by
  /// `replacement(region)`; the marker and hint lines stay. Regions of the file that are not in
  /// `regions` keep their bodies, and their marker lines are removed when `keepingOtherMarkers`
  /// is false (a student's copy shows only its own regions).
  public static func replacingBodies(
    of source: String, regions: [SolutionRegion], keepingOtherMarkers: Bool = true,
    with replacement: (SolutionRegion) -> [String]
  ) -> String {
    var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let hintLines = { (region: SolutionRegion) -> Int in
      // The body starts after the BEGIN line and the hint lines.
      var count = 0
      while region.beginLine + count < lines.count,
        lines[region.beginLine + count].trimmingCharacters(in: .whitespaces).hasPrefix(SolutionMarker.hint)
      { count += 1 }
      return count
    }
    for region in regions.sorted(by: { $0.beginLine > $1.beginLine }) {
      let first = region.beginLine + hintLines(region)  // 0-based index of the body's first line
      let last = region.endLine - 2  // 0-based index of the body's last line
      if last >= first {
        lines.replaceSubrange(first...last, with: replacement(region))
      } else {
        lines.insert(contentsOf: replacement(region), at: first)
      }
    }
    if !keepingOtherMarkers {
      let kept = Set(regions.map(\.name))
      var inOther = false
      lines = lines.filter { line in
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix(SolutionMarker.begin) {
          let name = text.dropFirst(SolutionMarker.begin.count).trimmingCharacters(in: .whitespaces)
          inOther = !kept.contains(name)
          return !inOther
        }
        if inOther && (text.hasPrefix(SolutionMarker.hint) || text.hasPrefix(SolutionMarker.end)) {
          if text.hasPrefix(SolutionMarker.end) { inOther = false }
          return false
        }
        return true
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The student's copy of a reference file: each region of `regions` blanked to its stub
  /// (`fatalError("TODO: name: hint")`), other regions solved and unmarked.
  public static func blanked(_ source: String, regions: [SolutionRegion]) -> String {
    replacingBodies(of: source, regions: regions, keepingOtherMarkers: false) { [$0.stub] }
  }

  /// What became of one region of a submission.
  public enum Taken: Equatable, Sendable {
    /// The student's body, put into the reference file.
    case implemented
    /// The student's copy still holds the stub.
    case notImplemented
    /// The region could not be read from the submission; the stub was graded in its place.
    case unreadable(String)
  }

  /// The reference file `reference` with the bodies of `regions` taken from `submission` (the
  /// student's version of the same file, or nil when it is missing). A region whose markers are
  /// missing or damaged in the submission is graded as its stub, and said so.
  public static func taking(
    regions: [SolutionRegion], from submission: String?, submissionPath: String, into reference: String
  ) -> (source: String, taken: [String: Taken]) {
    var taken: [String: Taken] = [:]
    var submitted: [String: SolutionRegion] = [:]
    if let submission {
      do {
        for region in try RegionParser.markedRegions(in: submission, file: submissionPath) { submitted[region.name] = region }
      } catch {
        for region in regions { taken[region.name] = .unreadable("\(error)") }
      }
    } else {
      for region in regions { taken[region.name] = .unreadable("\(submissionPath) is missing from the submission") }
    }
    let source = replacingBodies(of: reference, regions: regions) { region in
      if taken[region.name] != nil { return [region.stub] }
      guard let mine = submitted[region.name] else {
        taken[region.name] = .unreadable(RegionError.missing(name: region.name, file: submissionPath).description)
        return [region.stub]
      }
      let isStub = mine.body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        .allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("fatalError(\"TODO: ") }
      taken[region.name] = isStub ? .notImplemented : .implemented
      return mine.body
    }
    return (source, taken)
  }
}
