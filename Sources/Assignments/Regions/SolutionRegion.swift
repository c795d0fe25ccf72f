import Foundation

/// A solution region: the key lines of a model or a theorem, between a `// BEGIN SOLUTION name`
/// line and an `// END SOLUTION` line (`SolutionMarker` in Workbook), that a student's copy
/// replaces by `fatalError("TODO: …")`.
///
/// A region is the tail of one function's body: it ends where the function ends (the line after
/// `// END SOLUTION` is the function's closing `}`) and starts at the function's depth, not
/// inside an `if`, a loop or a closure. Whatever the region computed, `fatalError` (which never
/// returns) then stands in for it, so the student's copy compiles as it is.
public struct SolutionRegion: Equatable, Sendable {
  /// The region's name, lowercase words joined by hyphens: "optimal-discriminator".
  public var name: String
  /// The text of the `// HINT:` lines after the opening marker, joined by spaces ("" if none).
  public var hint: String
  /// The file, as given to the parser (relative to the package root in this workbook).
  public var file: String
  /// The 1-based line of `// BEGIN SOLUTION`.
  public var beginLine: Int
  /// The 1-based line of `// END SOLUTION`.
  public var endLine: Int
  /// The indentation of the opening marker, which the stub keeps.
  public var indentation: String
  /// The lines between the hint lines and `// END SOLUTION`: the solution itself.
  public var body: [String]

  /// "Sources/Math/Theory/OptimalDiscriminator.swift:16", for messages.
  public var location: String { "\(file):\(beginLine)" }

  /// The one line that replaces `body` in a student's copy:
  /// `fatalError("TODO: optimal-discriminator: the w that maximises …")`.
  public var stub: String {
    let message = hint.isEmpty ? "TODO: \(name)" : "TODO: \(name): \(hint)"
    let escaped = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return "\(indentation)fatalError(\"\(escaped)\")"
  }
}

/// What is wrong with the regions of a file, each naming the file and line.
public enum RegionError: Error, Equatable, CustomStringConvertible {
  case badName(file: String, line: Int, name: String)
  case nested(file: String, line: Int, name: String, outer: String, outerLine: Int)
  case unterminated(file: String, line: Int, name: String)
  case endWithoutBegin(file: String, line: Int)
  case duplicate(name: String, first: String, second: String)
  case empty(file: String, line: Int, name: String)
  case notAFunctionTail(file: String, line: Int, name: String, reason: String)
  case missing(name: String, file: String)
  case unknownRegion(name: String, chapter: Int)

  public var description: String {
    switch self {
    case .badName(let file, let line, let name):
      "\(file):\(line): region name '\(name)' must be lowercase letters, digits and hyphens (e.g. optimal-discriminator)"
    case .nested(let file, let line, let name, let outer, let outerLine):
      "\(file):\(line): region '\(name)' begins inside region '\(outer)' (opened at line \(outerLine)); regions cannot nest: close '\(outer)' with // END SOLUTION first"
    case .unterminated(let file, let line, let name):
      "\(file):\(line): region '\(name)' is never closed: add // END SOLUTION before the function's closing brace"
    case .endWithoutBegin(let file, let line):
      "\(file):\(line): // END SOLUTION without a // BEGIN SOLUTION before it"
    case .duplicate(let name, let first, let second):
      "\(second): region '\(name)' is already defined at \(first); region names must be unique"
    case .empty(let file, let line, let name):
      "\(file):\(line): region '\(name)' has no code between its markers"
    case .notAFunctionTail(let file, let line, let name, let reason):
      "\(file):\(line): region '\(name)' is not the end of a function's body: \(reason)"
    case .missing(let name, let file):
      "\(file): region '\(name)' not found (its // BEGIN SOLUTION \(name) line is missing or damaged)"
    case .unknownRegion(let name, let chapter):
      "chapter \(chapter): no region named '\(name)' in Sources/ or chapters/"
    }
  }
}
