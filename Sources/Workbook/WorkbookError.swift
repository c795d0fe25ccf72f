/// Errors a student can act on: each names the file, flag or value and what is wrong with it.
public enum WorkbookError: Error, CustomStringConvertible, Equatable {
  /// A file or folder that cannot be written.
  case unwritable(path: String, reason: String)
  /// A data file that is missing, truncated or not what it claims to be.
  case badData(path: String, reason: String)
  /// A command-line value outside what is accepted.
  case badOption(flag: String, value: String, accepted: String)

  public var description: String {
    switch self {
    case let .unwritable(path, reason): "cannot write \(path): \(reason)"
    case let .badData(path, reason): "\(path): \(reason)"
    case let .badOption(flag, value, accepted): "\(flag) \(value): \(accepted)"
    }
  }
}
