/// The top-level functions and types of a Swift source file, found by reading its braces.
///
/// A declaration is `func NAME`, `struct NAME`, `enum NAME`, `class NAME`, `actor NAME` or
/// `protocol NAME` outside every brace pair, from the doc comment (`///` lines) and attributes
/// (`@…` lines) just above it to the brace that closes its body. Braces inside string literals
/// (plain, multi-line, raw, with interpolations) and comments (line, block, nested) do not
/// count. Declarations inside an extension or a type are not top-level and are not listed.
/// Regex literals are not read: a `{` inside `/…/` would miscount.
struct SwiftDeclarations {
  /// One declaration: its name and the lines it spans (0-based, `lines.upperBound` excluded).
  struct Declaration: Equatable {
    var name: String
    var lines: Range<Int>
  }

  let lines: [Substring]
  let declarations: [Declaration]

  init(source: String) {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    self.lines = lines
    var scanner = Scanner(Array(source.utf8))
    declarations = scanner.declarations().map { found in
      var first = found.keywordLine
      while first > 0 {
        let above = lines[first - 1].drop { $0 == " " || $0 == "\t" }
        guard above.hasPrefix("///") || above.hasPrefix("@") else { break }
        first -= 1
      }
      return Declaration(name: found.name, lines: first..<(found.closingLine + 1))
    }
  }

  /// The text of `declaration`, its doc comment and attributes included, without the lines
  /// that mark solution regions (`SolutionMarker`): they are for assignments, not for readers.
  func text(of declaration: Declaration) -> String {
    lines[declaration.lines].filter { !SolutionMarker.isMarker($0) }.joined(separator: "\n")
  }
}

/// Reads Swift source byte by byte, keeping track of strings, comments and brace depth.
private struct Scanner {
  struct Found {
    var name: String
    var keywordLine: Int
    var closingLine: Int
  }

  private static let keywords: Set<String> = [
    "func", "struct", "enum", "class", "actor", "protocol",
  ]

  private let bytes: [UInt8]
  private var i = 0
  private var line = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func declarations() -> [Found] {
    var found: [Found] = []
    var braces = 0
    var parens = 0
    /// A declaration whose keyword and name were read, waiting for its body to close.
    var pending: (name: String, line: Int, bodyOpen: Bool)?
    /// The line of a keyword whose name comes next.
    var keywordLine: Int?
    while i < bytes.count {
      let byte = bytes[i]
      if skipTrivia() { continue }
      if byte == ascii("\"") || (byte == ascii("#") && isRawStringStart()) {
        skipString()
        continue
      }
      if isIdentifierStart(byte) {
        let word = identifier()
        if let keyword = keywordLine {
          keywordLine = nil
          pending = (word, keyword, false)
        } else if braces == 0, parens == 0, pending == nil, Self.keywords.contains(word) {
          keywordLine = line
        }
        continue
      }
      keywordLine = nil
      switch byte {
      case ascii("("), ascii("["): parens += 1
      case ascii(")"), ascii("]"): parens = max(0, parens - 1)
      case ascii("{"):
        if braces == 0, parens == 0, pending != nil { pending?.bodyOpen = true }
        braces += 1
      case ascii("}"):
        braces = max(0, braces - 1)
        if braces == 0, let open = pending, open.bodyOpen {
          found.append(Found(name: open.name, keywordLine: open.line, closingLine: line))
          pending = nil
        }
      default: break
      }
      i += 1
    }
    return found
  }

  // MARK: Pieces of source

  /// Skips whitespace, newlines and comments at `i`; true when it skipped anything.
  private mutating func skipTrivia() -> Bool {
    let start = i
    while i < bytes.count {
      if bytes[i] == ascii("\n") {
        line += 1
        i += 1
      } else if bytes[i] == ascii(" ") || bytes[i] == ascii("\t") || bytes[i] == ascii("\r") {
        i += 1
      } else if starts(with: "//") {
        while i < bytes.count, bytes[i] != ascii("\n") { i += 1 }
      } else if starts(with: "/*") {
        var depth = 0
        repeat {
          if starts(with: "/*") {
            depth += 1
            i += 2
          } else if starts(with: "*/") {
            depth -= 1
            i += 2
          } else {
            if bytes[i] == ascii("\n") { line += 1 }
            i += 1
          }
        } while depth > 0 && i < bytes.count
      } else {
        break
      }
    }
    return i > start
  }

  /// Skips a string literal starting at `i` (`"`, `"""`, or raw `#"` / `#"""`), with its
  /// interpolations, which are code and may hold strings of their own.
  private mutating func skipString() {
    var hashes = 0
    while i < bytes.count, bytes[i] == ascii("#") {
      hashes += 1
      i += 1
    }
    let multiline = starts(with: "\"\"\"")
    i += multiline ? 3 : 1
    let closing = (multiline ? "\"\"\"" : "\"") + String(repeating: "#", count: hashes)
    let escape = "\\" + String(repeating: "#", count: hashes)
    while i < bytes.count {
      if starts(with: closing) {
        i += closing.utf8.count
        return
      }
      if starts(with: escape) {
        i += escape.utf8.count
        if i < bytes.count, bytes[i] == ascii("(") {
          i += 1
          skipInterpolation()
        } else if i < bytes.count {
          if bytes[i] == ascii("\n") { line += 1 }
          i += 1
        }
        continue
      }
      if bytes[i] == ascii("\n") {
        line += 1
        if !multiline { return }  // an unterminated string ends with its line
      }
      i += 1
    }
  }

  /// Skips the code of an interpolation up to its closing parenthesis.
  private mutating func skipInterpolation() {
    var depth = 1
    while i < bytes.count {
      if skipTrivia() { continue }
      let byte = bytes[i]
      if byte == ascii("\"") || (byte == ascii("#") && isRawStringStart()) {
        skipString()
        continue
      }
      if byte == ascii("(") { depth += 1 }
      if byte == ascii(")") {
        depth -= 1
        if depth == 0 {
          i += 1
          return
        }
      }
      i += 1
    }
  }

  private mutating func identifier() -> String {
    let start = i
    if bytes[i] == ascii("`") {
      i += 1
      while i < bytes.count, bytes[i] != ascii("`"), bytes[i] != ascii("\n") { i += 1 }
      i = min(i + 1, bytes.count)
      return String(decoding: bytes[(start + 1)..<max(start + 1, i - 1)], as: UTF8.self)
    }
    while i < bytes.count,
      isIdentifierStart(bytes[i]) || (ascii("0")...ascii("9")).contains(bytes[i])
    {
      i += 1
    }
    return String(decoding: bytes[start..<i], as: UTF8.self)
  }

  private func isIdentifierStart(_ byte: UInt8) -> Bool {
    (ascii("a")...ascii("z")).contains(byte) || (ascii("A")...ascii("Z")).contains(byte)
      || byte == ascii("_") || byte == ascii("`") || byte >= 0x80
  }

  /// Whether `i` starts `#…#"`: a raw string rather than `#if` or `#selector`.
  private func isRawStringStart() -> Bool {
    var j = i
    while j < bytes.count, bytes[j] == ascii("#") { j += 1 }
    return j < bytes.count && bytes[j] == ascii("\"")
  }

  private func starts(with text: String) -> Bool {
    var j = i
    for byte in text.utf8 {
      guard j < bytes.count, bytes[j] == byte else { return false }
      j += 1
    }
    return true
  }
}

private func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }
