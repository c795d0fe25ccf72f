/// How much a chapter run spends: the published budget, or the seconds-long `--quick` budget the
/// tests use, which has its own, stated tolerances.
public enum RunMode: String, Codable, Equatable, Sendable, CustomStringConvertible {
  case full
  case quick

  public var description: String { rawValue }
}
