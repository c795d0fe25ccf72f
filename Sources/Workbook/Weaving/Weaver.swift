import Foundation

/// Turns a chapter's main.swift, a literate program in Swift playground markup, into the
/// Markdown page README.md beside it.
///
/// - A line starting with `//:` is prose, with "//: " (or "//:") removed.
/// - A block from a line starting with `/*:` to the next `*/` is prose, without the markers.
/// - Every other line is code. Consecutive code lines form one ```swift block, without its
///   leading and trailing blank lines; blocks left empty are dropped. A block of `import` lines
///   before any prose moves after the first prose, so the page opens with its title.
/// - In prose, `{{value:ID}}` becomes the measured value of claim ID (4 significant digits) and
///   `{{fact:NAME}}` the fact noted as NAME (see `Placeholder`). Without results, or without
///   that value, it becomes "(not yet measured: run `make chapter-N`)".
/// - A prose line that is just `{{claims}}` becomes the claims table, as a block of its own.
///   Prose without `{{claims}}` gets a "## Claims" section with the table at the end.
/// - A prose line that is just `{{code:NAME}}` becomes the source of the top-level function or
///   type NAME in the package's Sources/Lessons or Sources/Math (`CodeLibrary`), doc comment
///   included, in a ```swift block under a link to its file. The link is relative to the
///   chapter's README.md, two folders below the package root ("../../Sources/…").
public enum Weaver {
  /// The first line of every woven page.
  public static let header =
    "<!-- Woven from main.swift by the workbook; edit main.swift, not this file. -->"

  /// The Markdown page for `source` with the values of `results`. `chapter` names the make
  /// target in the "not yet measured" text when `results` is nil; it defaults to the results'.
  /// `packageRoot` is the folder whose Sources/ the `{{code:NAME}}` lines quote; it is read
  /// only when the prose has one.
  /// - Throws: `WeaveError` for a `{{code:NAME}}` that names nothing, names a declaration found
  ///   in several places, shares its line with other prose, or has no `packageRoot`, and for a
  ///   `{{kind:…}}` of an unknown kind;
  ///   `WorkbookError.badData` for a source file that cannot be read.
  public static func weave(
    source: String, results: ChapterResults?, chapter: Int? = nil, packageRoot: URL? = nil
  ) throws -> String {
    let missing = notYetMeasured(chapter: chapter ?? results?.chapter)
    let segments = segments(of: source)
    var library: CodeLibrary?
    let quote = { (name: String) throws -> CodeLibrary.Quote in
      guard let packageRoot else { throw WeaveError.noPackage(name: name) }
      if library == nil { library = try CodeLibrary(packageRoot: packageRoot) }
      return try library!.quote(name)
    }
    var sections = try arranged(segments).map { segment -> String in
      switch segment {
      case .prose(let lines):
        return try prose(lines, results: results, missing: missing, quote: quote)
      case .code(let lines): return swiftBlock(lines.joined(separator: "\n"))
      }
    }
    let placesTable = segments.contains { segment in
      if case .prose(let lines) = segment { return lines.contains { $0.contains("{{claims}}") } }
      return false
    }
    if !placesTable {
      sections.append("## Claims\n\n" + (results.map(ClaimsTable.markdown) ?? missing))
    }
    return ([header] + sections).joined(separator: "\n\n") + "\n"
  }

  /// The placeholders in the prose of `source` that `results` cannot fill, such as
  /// "{{value:RP-err}}" for a claim never recorded or a misspelt id. (`{{code:…}}` is not a
  /// value: a quote that cannot be made is an error of `weave`.)
  public static func unresolvedPlaceholders(source: String, results: ChapterResults?) -> [String] {
    var unresolved: [String] = []
    for case .prose(let lines) in segments(of: source) {
      for placeholder in Placeholder.all(in: lines.joined(separator: "\n")) {
        switch placeholder {
        case .claims where results == nil: unresolved.append(placeholder.text)
        case .value, .fact:
          if results?.text(for: placeholder) == nil { unresolved.append(placeholder.text) }
        case .claims, .code: break
        }
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

  /// Prose lines as Markdown. A line that is just `{{claims}}` or `{{code:NAME}}` becomes a
  /// block of its own, with blank lines around it, so it never runs into a paragraph.
  private static func prose(
    _ lines: [String], results: ChapterResults?, missing: String,
    quote: (String) throws -> CodeLibrary.Quote
  ) throws -> String {
    var blocks: [String] = []
    var paragraph: [String] = []
    func endParagraph() {
      if !paragraph.isEmpty {
        blocks.append(filled(paragraph.joined(separator: "\n"), results: results, missing: missing))
      }
      paragraph = []
    }
    for line in lines {
      if let typo = Placeholder.unknownKind(in: line) { throw WeaveError.unknownPlaceholder(text: typo) }
      let placeholders = Placeholder.all(in: line)
      let alone =
        placeholders.count == 1 && line.trimmingCharacters(in: .whitespaces) == placeholders[0].text
      switch alone ? placeholders[0] : nil {
      case .claims?:
        endParagraph()
        blocks.append(results.map(ClaimsTable.markdown) ?? missing)
      case .code(let name)?:
        endParagraph()
        let quoted = try quote(name)
        blocks.append("[\(quoted.path)](../../\(quoted.path))\n\n" + swiftBlock(quoted.text))
      default:
        for case .code(let name) in placeholders {
          throw WeaveError.codeNotOnItsOwnLine(name: name)
        }
        paragraph.append(line)
      }
    }
    endParagraph()
    return blocks.joined(separator: "\n\n")
  }

  /// `text` with its values, facts and any `{{claims}}` filled from `results`, or `missing`.
  private static func filled(_ text: String, results: ChapterResults?, missing: String) -> String {
    Placeholder.substitute(in: text) { placeholder in
      switch placeholder {
      case .claims: results.map(ClaimsTable.markdown) ?? missing
      case .value, .fact: results?.text(for: placeholder) ?? missing
      case .code: nil
      }
    }
  }

  private static func swiftBlock(_ code: String) -> String {
    "```swift\n" + code + "\n```"
  }

  private static func stripped(_ text: Substring) -> String {
    String(text.hasPrefix(" ") ? text.dropFirst() : text)
  }

  // MARK: Placeholders

  static func notYetMeasured(chapter: Int?) -> String {
    "(not yet measured: run `make chapter-\(chapter.map(String.init) ?? "N")`)"
  }
}
