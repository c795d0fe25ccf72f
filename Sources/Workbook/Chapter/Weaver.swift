import Foundation

/// Turns a chapter's main.swift, a literate program in Swift playground markup, into the
/// Markdown page README.md beside it.
///
/// - A line starting with `//:` is prose, with "//: " (or "//:") removed.
/// - A block from a line starting with `/*:` to the next `*/` is prose, without the markers.
/// - Every other line is code. Consecutive code lines form one ```swift block, without its
///   leading and trailing blank lines; blocks left empty are dropped. A block of `import` lines
///   before any prose moves after the first prose, so the page opens with its title.
/// - In prose, `{{claims}}` becomes the claims table, `{{value:ID}}` the measured value of
///   claim ID (4 significant digits) and `{{fact:NAME}}` the fact noted as NAME. Without
///   results, or without that value, it becomes "(not yet measured: run `make chapter-N`)".
///   Put `{{claims}}` on a line of its own: the table then stands as a block of its own.
/// - Prose without `{{claims}}` gets a "## Claims" section with the table at the end.
public enum Weaver {
  /// The first line of every woven page.
  public static let header =
    "<!-- Woven from main.swift by the workbook; edit main.swift, not this file. -->"

  /// The Markdown page for `source` with the values of `results`. `chapter` names the make
  /// target in the "not yet measured" text when `results` is nil; it defaults to the results'.
  public static func weave(source: String, results: ChapterResults?, chapter: Int? = nil) -> String
  {
    let missing = notYetMeasured(chapter: chapter ?? results?.chapter)
    var sections = arranged(segments(of: source)).map { segment -> String in
      switch segment {
      case .prose(let lines): return prose(lines, results: results, missing: missing)
      case .code(let lines): return "```swift\n" + lines.joined(separator: "\n") + "\n```"
      }
    }
    let placesTable = segments(of: source).contains { segment in
      if case .prose(let lines) = segment { return lines.contains { $0.contains("{{claims}}") } }
      return false
    }
    if !placesTable {
      sections.append("## Claims\n\n" + (results.map(ClaimsTable.markdown) ?? missing))
    }
    return ([header] + sections).joined(separator: "\n\n") + "\n"
  }

  /// The placeholders in the prose of `source` that `results` cannot fill, such as
  /// "{{value:RP-err}}" for a claim never recorded or a misspelt id.
  public static func unresolvedPlaceholders(source: String, results: ChapterResults?) -> [String] {
    var unresolved: [String] = []
    for case .prose(let lines) in segments(of: source) {
      _ = substitute(in: lines.joined(separator: "\n"), results: results, missing: "") {
        unresolved.append($0)
      }
    }
    return unresolved
  }

  // MARK: Segments

  enum Segment: Equatable {
    case prose([String])
    case code([String])
  }

  /// The source split into prose and code runs, each without leading and trailing blank
  /// lines, empty runs dropped.
  static func segments(of source: String) -> [Segment] {
    var segments: [Segment] = []
    var kindIsProse: Bool?
    var current: [String] = []
    func add(_ line: String, prose: Bool) {
      if kindIsProse != prose { flush() }
      kindIsProse = prose
      current.append(line)
    }
    func flush() {
      if let prose = kindIsProse {
        var lines = current
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        if !lines.isEmpty { segments.append(prose ? .prose(lines) : .code(lines)) }
      }
      current = []
      kindIsProse = nil
    }
    var inBlock = false
    for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = String(rawLine)
      if line.hasSuffix("\r") { line.removeLast() }
      if !inBlock && line.hasPrefix("//:") {
        add(stripped(line.dropFirst(3)), prose: true)
        continue
      }
      if !inBlock && line.hasPrefix("/*:") {
        inBlock = true
        line = stripped(line.dropFirst(3))
        if line.isEmpty {
          add("", prose: true)
          continue
        }
      }
      if inBlock {
        if let end = line.range(of: "*/") {
          inBlock = false
          var before = String(line[..<end.lowerBound])
          while before.last?.isWhitespace == true { before.removeLast() }
          let after = String(line[end.upperBound...])
          if !before.allSatisfy(\.isWhitespace) {
            add(before, prose: true)
          } else {
            add("", prose: true)
          }
          if !after.allSatisfy(\.isWhitespace) { add(after, prose: false) }
        } else {
          add(line, prose: true)
        }
      } else {
        add(line, prose: false)
      }
    }
    flush()
    return segments
  }

  /// Moves a leading block made only of `import` lines after the first prose.
  static func arranged(_ segments: [Segment]) -> [Segment] {
    guard case .code(let lines)? = segments.first,
      lines.allSatisfy({ $0.hasPrefix("import ") || $0.allSatisfy(\.isWhitespace) }),
      let firstProse = segments.firstIndex(where: { if case .prose = $0 { true } else { false } })
    else { return segments }
    var result = segments
    let imports = result.removeFirst()
    result.insert(imports, at: firstProse)
    return result
  }

  /// Prose lines as Markdown. A line that is just `{{claims}}` becomes the table as a block
  /// of its own, with blank lines around it, so it never runs into a paragraph.
  private static func prose(_ lines: [String], results: ChapterResults?, missing: String) -> String
  {
    var blocks: [[String]] = [[]]
    for line in lines {
      if line.trimmingCharacters(in: .whitespaces) == "{{claims}}" {
        blocks += [[line], []]
      } else {
        blocks[blocks.count - 1].append(line)
      }
    }
    return blocks.filter { !$0.isEmpty }
      .map { substitute(in: $0.joined(separator: "\n"), results: results, missing: missing) }
      .joined(separator: "\n\n")
  }

  private static func stripped(_ text: Substring) -> String {
    String(text.hasPrefix(" ") ? text.dropFirst() : text)
  }

  // MARK: Placeholders

  static func notYetMeasured(chapter: Int?) -> String {
    "(not yet measured: run `make chapter-\(chapter.map(String.init) ?? "N")`)"
  }

  /// `text` with every `{{claims}}`, `{{value:ID}}` and `{{fact:NAME}}` filled from `results`,
  /// or replaced by `missing`; unknown placeholders are left as written. `unresolved` hears of
  /// each placeholder that could not be filled.
  private static func substitute(
    in text: String, results: ChapterResults?, missing: String,
    unresolved: (String) -> Void = { _ in }
  ) -> String {
    var output = ""
    var rest = Substring(text)
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      output += rest[..<open.lowerBound]
      let key = String(rest[open.upperBound..<close.lowerBound])
      let placeholder = "{{\(key)}}"
      let value: String?
      if key == "claims" {
        value = results.map(ClaimsTable.markdown)
      } else if key.hasPrefix("value:") {
        let id = key.dropFirst("value:".count)
        value = results?.claims.first { $0.id == id }?.measured.map(NumberText.compact)
      } else if key.hasPrefix("fact:") {
        value = results?.facts[String(key.dropFirst("fact:".count))]
      } else {
        value = placeholder
      }
      if value == nil { unresolved(placeholder) }
      output += value ?? missing
      rest = rest[close.upperBound...]
    }
    return output + rest
  }
}
