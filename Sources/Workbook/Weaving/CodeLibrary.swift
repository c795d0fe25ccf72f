import Foundation

/// The code a chapter's page may quote with `{{code:NAME}}`: every top-level function and type
/// of the package's Sources/Lessons and Sources/Math, found by name (`SwiftDeclarations`).
///
///     let library = CodeLibrary(packageRoot: root)
///     let quote = try library.quote("discriminatorStep")
///     quote.path  // "Sources/Lessons/GAN/GANTrainer.swift"
///     quote.text  // "/// One discriminator update: …\npublic func discriminatorStep(…) {\n…\n}"
public struct CodeLibrary {
  /// The folders searched, relative to the package root, in this order.
  public static let folders = ["Sources/Lessons", "Sources/Math"]

  /// A declaration as quoted on a page.
  public struct Quote: Equatable, Sendable {
    /// The file, relative to the package root: "Sources/Lessons/GAN/GANTrainer.swift".
    public var path: String
    /// The 1-based line where the quote starts (its doc comment, or the declaration).
    public var line: Int
    /// The doc comment, attributes and full declaration, as written.
    public var text: String
  }

  public let packageRoot: URL
  /// Every top-level declaration by name; more than one quote for a name declared twice.
  private let index: [String: [Quote]]

  /// Reads every `.swift` file under `folders` of `packageRoot`; a missing folder has nothing.
  /// - Throws: `WorkbookError.badData` for a file that cannot be read.
  public init(packageRoot: URL) throws {
    self.packageRoot = packageRoot
    var index: [String: [Quote]] = [:]
    for folder in Self.folders {
      for path in try Self.swiftFiles(in: folder, of: packageRoot) {
        let url = packageRoot.appendingPathComponent(path)
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
          throw WorkbookError.badData(path: url.path, reason: "cannot read the source (\(error))")
        }
        let source = SwiftDeclarations(source: text)
        for declaration in source.declarations {
          index[declaration.name, default: []].append(
            Quote(
              path: path, line: declaration.lines.lowerBound + 1, text: source.text(of: declaration)
            ))
        }
      }
    }
    self.index = index
  }

  /// Every name with a top-level declaration, sorted.
  public var names: [String] { index.keys.sorted() }

  /// The one top-level declaration called `name`.
  /// - Throws: `WeaveError.codeNotFound` when no file declares it, `.codeAmbiguous` when
  ///   several do (overloads included), naming the places.
  public func quote(_ name: String) throws -> Quote {
    let quotes = index[name] ?? []
    guard let quote = quotes.first else {
      throw WeaveError.codeNotFound(name: name, searched: Self.folders)
    }
    guard quotes.count == 1 else {
      throw WeaveError.codeAmbiguous(name: name, places: quotes.map { "\($0.path):\($0.line)" })
    }
    return quote
  }

  /// The `.swift` files under `folder` of `root`, as paths relative to `root`, sorted.
  private static func swiftFiles(in folder: String, of root: URL) throws -> [String] {
    let url = root.appendingPathComponent(folder)
    guard FileManager.default.fileExists(atPath: url.path) else { return [] }
    guard let enumerator = FileManager.default.enumerator(atPath: url.path) else {
      throw WorkbookError.badData(path: url.path, reason: "cannot list the folder")
    }
    return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
      .map { "\(folder)/\($0)" }.sorted()
  }
}

/// Why a chapter's page cannot be woven.
public enum WeaveError: Error, Equatable, CustomStringConvertible {
  /// `{{code:NAME}}` names no top-level function or type in the folders searched.
  case codeNotFound(name: String, searched: [String])
  /// `{{code:NAME}}` names a declaration found in several places ("path:line").
  case codeAmbiguous(name: String, places: [String])
  /// `{{code:NAME}}` shares its line with other prose.
  case codeNotOnItsOwnLine(name: String)
  /// `{{code:NAME}}` in a page woven without a package to look in.
  case noPackage(name: String)
  /// `{{kind:…}}` with a kind that is none of value, fact and code (a typo such as `claim:`).
  case unknownPlaceholder(text: String)

  public var description: String {
    switch self {
    case .codeNotFound(let name, let searched):
      "{{code:\(name)}}: no top-level function or type named \(name) in \(searched.joined(separator: " or "))"
    case .codeAmbiguous(let name, let places):
      "{{code:\(name)}}: \(name) is declared in \(places.count) places (\(places.joined(separator: ", "))); quote a name declared once"
    case .codeNotOnItsOwnLine(let name):
      "{{code:\(name)}} must stand on a prose line of its own"
    case .noPackage(let name):
      "{{code:\(name)}}: no package folder to look for \(name) in"
    case .unknownPlaceholder(let text):
      "\(text): not a placeholder; write {{value:ID}}, {{fact:NAME}}, {{code:NAME}} or {{claims}}"
    }
  }
}
