import Foundation
import Workbook

/// Finds the solution regions of a Swift source file and checks that each can be blanked: a
/// region must be the tail of a function's body (see `SolutionRegion`).
///
///     let regions = try RegionParser.regions(in: text, file: "Sources/Math/Theory/OptimalDiscriminator.swift")
///
/// The check reads the braces of the file (ignoring those in strings and comments): the
/// innermost brace open at `// BEGIN SOLUTION` must belong to a `func`, `init`, `subscript` or
/// an accessor (`var … {`, `get {`, `set {`), the region must close every brace it opens, and the
/// first code line after `// END SOLUTION` must be that brace's `}`.
public enum RegionParser {
  /// The regions of `source`, in file order.
  /// - Throws: `RegionError` naming `file` and the line: a bad or duplicate name, a region inside
  ///   another, a region never closed, an `// END SOLUTION` without a beginning, an empty
  ///   region, or one that is not a function's tail.
  public static func regions(in source: String, file: String) throws -> [SolutionRegion] {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let regions = try markedRegions(lines: lines, file: file)
    let braces = BraceReader(source: source, lineCount: lines.count)
    for region in regions { try checkFunctionTail(region, lines: lines, braces: braces) }
    return regions
  }

  /// The regions of `source` by their markers alone, without the function-tail check: how a
  /// student's submission is read, whose bodies are only taken and put into the reference file.
  public static func markedRegions(in source: String, file: String) throws -> [SolutionRegion] {
    try markedRegions(lines: source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), file: file)
  }

  static func markedRegions(lines: [String], file: String) throws -> [SolutionRegion] {
    var regions: [SolutionRegion] = []
    var open: SolutionRegion?
    var readingHints = false
    for (index, line) in lines.enumerated() {
      let number = index + 1
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.hasPrefix(SolutionMarker.begin) {
        let name = text.dropFirst(SolutionMarker.begin.count).trimmingCharacters(in: .whitespaces)
        if let outer = open {
          throw RegionError.nested(file: file, line: number, name: name, outer: outer.name, outerLine: outer.beginLine)
        }
        guard isValidName(name) else { throw RegionError.badName(file: file, line: number, name: name) }
        if let first = regions.first(where: { $0.name == name }) {
          throw RegionError.duplicate(name: name, first: first.location, second: "\(file):\(number)")
        }
        let indentation = String(line.prefix { $0 == " " || $0 == "\t" })
        open = SolutionRegion(name: name, hint: "", file: file, beginLine: number, endLine: number,
                              indentation: indentation, body: [])
        readingHints = true
      } else if text.hasPrefix(SolutionMarker.end) {
        guard var region = open else { throw RegionError.endWithoutBegin(file: file, line: number) }
        region.endLine = number
        guard region.body.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
          throw RegionError.empty(file: file, line: region.beginLine, name: region.name)
        }
        regions.append(region)
        open = nil
      } else if open != nil {
        if readingHints && text.hasPrefix(SolutionMarker.hint) {
          let hint = text.dropFirst(SolutionMarker.hint.count).trimmingCharacters(in: .whitespaces)
          open!.hint = open!.hint.isEmpty ? hint : open!.hint + " " + hint
        } else {
          readingHints = false
          open!.body.append(line)
        }
      }
    }
    if let region = open { throw RegionError.unterminated(file: file, line: region.beginLine, name: region.name) }
    return regions
  }

  /// Lowercase letters, digits and hyphens, starting with a letter.
  static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }

  static func checkFunctionTail(_ region: SolutionRegion, lines: [String], braces: BraceReader) throws {
    func fail(_ reason: String) -> RegionError {
      .notAFunctionTail(file: region.file, line: region.beginLine, name: region.name, reason: reason)
    }
    let begin = region.beginLine - 1, end = region.endLine - 1
    guard let enclosing = braces.openBraces[begin].last else {
      throw fail("it is not inside any function")
    }
    guard enclosing.opensFunction else {
      throw fail("it begins inside a block opened at line \(enclosing.line + 1) (`\(enclosing.opener)`); "
        + "a region must begin at the depth of its function's body, not inside an if, a loop or a closure")
    }
    guard braces.openBraces[end] == braces.openBraces[begin] else {
      throw fail("the braces between its markers do not balance (line \(region.endLine) is at another depth)")
    }
    guard let next = ((end + 1)..<lines.count).first(where: {
      !lines[$0].trimmingCharacters(in: .whitespaces).isEmpty
    }) else {
      throw fail("nothing follows // END SOLUTION at line \(region.endLine)")
    }
    let nextText = lines[next].trimmingCharacters(in: .whitespaces)
    guard nextText == "}" else {
      throw fail("the line after // END SOLUTION (line \(next + 1), `\(nextText)`) must be the `}` that closes "
        + "the function opened at line \(enclosing.line + 1); move the code after the region into it, or end the region later")
    }
  }
}

/// The braces open at the start of every line of a Swift source, with what opened each: enough
/// to tell a function's body from an `if`, a loop or a closure. Braces inside string literals
/// (plain, multi-line, with interpolations) and comments (line, block, nested) do not count.
struct BraceReader {
  struct OpenBrace: Equatable {
    /// The 0-based line of the `{`.
    var line: Int
    /// The code before the brace, back to the previous statement: "public func f(x: Int) -> Int".
    var opener: String
    /// Whether `opener` declares a function, an initializer, a subscript or an accessor.
    var opensFunction: Bool
  }

  /// `openBraces[i]`: the braces open at the start of line i, outermost first.
  let openBraces: [[OpenBrace]]

  init(source: String, lineCount: Int) {
    var result: [[OpenBrace]] = [[]]
    var stack: [OpenBrace] = []
    var statement = ""  // the code since the last `{`, `}`, `;` or line break between statements
    var parentheses = 0
    let chars = Array(source)
    var i = 0
    var line = 0
    func peek(_ offset: Int) -> Character? { i + offset < chars.count ? chars[i + offset] : nil }
    while i < chars.count {
      let c = chars[i]
      if c == "\n" {
        line += 1
        result.append(stack)
        if parentheses == 0 {
          // A line that continues a declaration (`-> T {`, `where …`, `throws`) keeps its statement.
          let rest = String(chars[(i + 1)...].prefix { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
          if !(rest.hasPrefix("->") || rest.hasPrefix("where") || rest.hasPrefix("throws") || rest.hasPrefix("{")) {
            statement = ""
          }
        }
        i += 1
      } else if c == "/" && peek(1) == "/" {
        while i < chars.count && chars[i] != "\n" { i += 1 }
      } else if c == "/" && peek(1) == "*" {
        var depth = 0
        repeat {
          if chars[i] == "/" && peek(1) == "*" { depth += 1; i += 2 }
          else if chars[i] == "*" && peek(1) == "/" { depth -= 1; i += 2 }
          else { if chars[i] == "\n" { line += 1; result.append(stack) }; i += 1 }
        } while depth > 0 && i < chars.count
      } else if c == "\"" {
        let multiline = peek(1) == "\"" && peek(2) == "\""
        i += multiline ? 3 : 1
        var interpolation = 0
        while i < chars.count {
          let s = chars[i]
          if s == "\\" && peek(1) == "(" { interpolation += 1; i += 2; continue }
          if interpolation > 0 {
            if s == "(" { interpolation += 1 } else if s == ")" { interpolation -= 1 }
            i += 1; continue
          }
          if s == "\\" { i += 2; continue }
          if s == "\n" { line += 1; result.append(stack) }
          if multiline && s == "\"" && peek(1) == "\"" && peek(2) == "\"" { i += 3; break }
          if !multiline && s == "\"" { i += 1; break }
          i += 1
        }
        statement += "\"…\""
      } else if c == "{" {
        let opener = statement.trimmingCharacters(in: .whitespaces)
        stack.append(OpenBrace(line: line, opener: opener, opensFunction: Self.declaresFunction(opener)))
        statement = ""
        i += 1
      } else if c == "}" {
        if !stack.isEmpty { stack.removeLast() }
        statement = ""
        i += 1
      } else {
        if c == "(" || c == "[" { parentheses += 1 } else if c == ")" || c == "]" { parentheses = max(0, parentheses - 1) }
        if c == ";" { statement = "" } else { statement.append(c) }
        i += 1
      }
    }
    while result.count < lineCount { result.append(stack) }
    openBraces = result
  }

  /// Whether the code before a `{` declares something with a body of statements.
  static func declaresFunction(_ opener: String) -> Bool {
    let words = Set(opener.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
    if words.contains("func") || words.contains("init") || words.contains("subscript") || words.contains("deinit") {
      return true
    }
    // A computed property (`var name: T {`) or an accessor (`get {`, `set {`), not a closure
    // assigned to a stored property (`var x = … {`).
    if opener == "get" || opener == "set" || opener.hasPrefix("set(") { return true }
    return words.contains("var") && !opener.contains("=")
  }
}
