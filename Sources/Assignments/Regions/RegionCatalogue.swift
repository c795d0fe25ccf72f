import Foundation
import Workbook

/// Every solution region of the workbook: the Swift files under `folders` of a package root,
/// read with `RegionParser`. A region name is unique across the whole package.
public struct RegionCatalogue: Sendable {
  /// The folders searched, relative to the package root.
  public static let folders = ["Sources/Math", "Sources/Lessons", "Sources/Workbook", "chapters"]

  /// Every region, by file order within each folder.
  public let regions: [SolutionRegion]

  /// Reads every `.swift` file under `folders` of `root`.
  /// - Throws: `RegionError` for a malformed region or a name used twice, naming file and line;
  ///   `AssignmentError.unreadable` for a file that cannot be read.
  public init(root: URL) throws {
    var regions: [SolutionRegion] = []
    for folder in Self.folders {
      for path in try PackageFiles.swiftFiles(under: folder, of: root) {
        let text = try PackageFiles.read(root.appendingPathComponent(path))
        guard text.contains("BEGIN SOLUTION") || text.contains("END SOLUTION") else { continue }
        for region in try RegionParser.regions(in: text, file: path) {
          if let first = regions.first(where: { $0.name == region.name }) {
            throw RegionError.duplicate(name: region.name, first: first.location, second: region.location)
          }
          regions.append(region)
        }
      }
    }
    self.regions = regions
  }

  /// The region called `name`, if any.
  public func region(named name: String) -> SolutionRegion? { regions.first { $0.name == name } }

  /// The regions of `plan`, in the plan's order.
  /// - Throws: `RegionError.unknownRegion` for a name the package does not define.
  public func regions(of plan: ChapterPlan) throws -> [SolutionRegion] {
    try plan.regions.map { name in
      guard let region = region(named: name) else { throw RegionError.unknownRegion(name: name, chapter: plan.chapter) }
      return region
    }
  }
}

/// Errors of the assignment tools that are not about regions: each names the file or folder and
/// what is wrong with it.
public enum AssignmentError: Error, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  case badPlan(path: String, reason: String)
  case noChapter(number: Int, root: String)
  case command(String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "\(path): cannot read it (\(reason))"
    case .badPlan(let path, let reason): "\(path): \(reason)"
    case .noChapter(let number, let root): "no chapter \(number) in \(root)/chapters (expected a folder named \(String(format: "%02d", number))-…)"
    case .command(let message): message
    }
  }
}

/// Small file helpers shared by the assignment tools.
enum PackageFiles {
  /// The `.swift` files under `folder` of `root`, relative to `root`, sorted; none if the folder
  /// is missing.
  static func swiftFiles(under folder: String, of root: URL) throws -> [String] {
    files(under: folder, of: root).filter { $0.hasSuffix(".swift") }
  }

  /// Every regular file under `folder` of `root`, relative to `root`, sorted.
  static func files(under folder: String, of root: URL) -> [String] {
    let base = root.appendingPathComponent(folder)
    guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [] }
    var found: [String] = []
    while let item = walker.nextObject() as? String {
      var isFolder: ObjCBool = false
      let full = base.appendingPathComponent(item).path
      if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue {
        found.append(folder + "/" + item)
      }
    }
    return found.sorted()
  }

  static func read(_ url: URL) throws -> String {
    do { return try String(contentsOf: url, encoding: .utf8) } catch {
      throw AssignmentError.unreadable(path: url.path, reason: (error as NSError).localizedDescription)
    }
  }

  /// Copies `relative` from `source` to `target` (creating folders), writing only when the bytes
  /// differ: an unchanged file keeps its modification time, so an incremental build skips it.
  @discardableResult
  static func copy(_ relative: String, from source: URL, to target: URL) throws -> Bool {
    let data: Data
    do { data = try Data(contentsOf: source.appendingPathComponent(relative)) } catch {
      throw AssignmentError.unreadable(path: source.appendingPathComponent(relative).path, reason: (error as NSError).localizedDescription)
    }
    return try writeIfChanged(data, to: target.appendingPathComponent(relative))
  }

  /// Writes `data` to `url` atomically unless the file already holds exactly these bytes.
  @discardableResult
  static func writeIfChanged(_ data: Data, to url: URL) throws -> Bool {
    if let old = try? Data(contentsOf: url), old == data { return false }
    try AtomicFile.write(data, to: url)
    return true
  }
}
