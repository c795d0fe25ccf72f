/// A `{{…}}` in a chapter's prose, or in the reason of a claim stated as not reproduced, that
/// weaving replaces with something the run produced:
///
/// - `{{value:ID}}`: the measured value of claim ID, to 4 significant digits;
/// - `{{fact:NAME}}`: the fact the run noted as NAME (`run.note`);
/// - `{{claims}}`: the claims table (prose only, on a line of its own);
/// - `{{code:NAME}}`: the source of the function or type NAME from Sources/Lessons or
///   Sources/Math (prose only, on a line of its own).
///
/// Any other `{{…}}` is not a placeholder and stays as written — except one that looks like a
/// placeholder of an unknown kind, `{{word:…}}`, which weaving refuses as a likely typo.
public enum Placeholder: Equatable, Sendable {
  case value(id: String)
  case fact(name: String)
  case claims
  case code(name: String)

  /// The placeholder written as `{{key}}`, or nil when `key` names none.
  init?(key: String) {
    if key == "claims" {
      self = .claims
    } else if key.hasPrefix("value:") {
      self = .value(id: String(key.dropFirst("value:".count)))
    } else if key.hasPrefix("fact:") {
      self = .fact(name: String(key.dropFirst("fact:".count)))
    } else if key.hasPrefix("code:") {
      self = .code(name: String(key.dropFirst("code:".count)))
    } else {
      return nil
    }
  }

  /// The first `{{word:…}}` in `text` whose word (lowercase letters) is not a placeholder's
  /// kind, as written; nil when there is none.
  static func unknownKind(in text: String) -> String? {
    var rest = Substring(text)
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      let key = rest[open.upperBound..<close.lowerBound]
      if let colon = key.firstIndex(of: ":"), !key[..<colon].isEmpty,
        key[..<colon].allSatisfy({ $0.isLetter && $0.isLowercase }), Placeholder(key: String(key)) == nil
      {
        return String(rest[open.lowerBound..<close.upperBound])
      }
      rest = rest[close.upperBound...]
    }
    return nil
  }

  /// As written in the source: "{{value:RP}}".
  public var text: String {
    switch self {
    case .value(let id): "{{value:\(id)}}"
    case .fact(let name): "{{fact:\(name)}}"
    case .claims: "{{claims}}"
    case .code(let name): "{{code:\(name)}}"
    }
  }

  /// `text` with each placeholder replaced by what `fill` returns for it; a placeholder for
  /// which `fill` returns nil, and every `{{…}}` that is no placeholder, stay as written.
  static func substitute(in text: String, _ fill: (Placeholder) throws -> String?) rethrows
    -> String
  {
    var output = ""
    var rest = Substring(text)
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      output += rest[..<open.lowerBound]
      let written = rest[open.lowerBound..<close.upperBound]
      let placeholder = Placeholder(key: String(rest[open.upperBound..<close.lowerBound]))
      output += try placeholder.flatMap(fill) ?? String(written)
      rest = rest[close.upperBound...]
    }
    return output + rest
  }

  /// `text` as printed before any run (the `--help` page): each value and fact by its name
  /// in angle quotes, `{{value:RP}}` as "‹RP›" and `{{fact:seeds}}` as "‹seeds›".
  static func namingValues(in text: String) -> String {
    substitute(in: text) { placeholder in
      switch placeholder {
      case .value(let name), .fact(let name): "‹\(name)›"
      case .claims, .code: nil
      }
    }
  }

  /// The placeholders in `text`, in order.
  static func all(in text: String) -> [Placeholder] {
    var found: [Placeholder] = []
    _ = substitute(in: text) { placeholder in
      found.append(placeholder)
      return nil
    }
    return found
  }
}

extension ChapterResults {
  /// What `{{value:ID}}` or `{{fact:NAME}}` stands for in these results: the measured value
  /// of claim ID to 4 significant digits, or the fact NAME. Nil when the results hold no such
  /// value, and for `{{claims}}` and `{{code:…}}`, which are not values.
  public func text(for placeholder: Placeholder) -> String? {
    switch placeholder {
    case .value(let id): claims.first { $0.spec.id == id }?.measured.map(NumberText.compact)
    case .fact(let name): facts[name]
    case .claims, .code: nil
    }
  }

  /// `text` with its `{{value:ID}}` and `{{fact:NAME}}` filled from these results; a value
  /// the results do not hold becomes `missing` and is reported to `unresolved`. `{{claims}}`
  /// and `{{code:…}}` have no place here: they stay as written and are reported too.
  func filling(_ text: String, missing: String, unresolved: (Placeholder) -> Void) -> String {
    Placeholder.substitute(in: text) { placeholder in
      if let value = self.text(for: placeholder) { return value }
      unresolved(placeholder)
      switch placeholder {
      case .value, .fact: return missing
      case .claims, .code: return nil
      }
    }
  }

  /// These results with the reason of every claim stated as not reproduced filled in
  /// (`filling`): the reasons as a reader sees them in the tables and in the results file.
  /// `unresolved` hears of each placeholder left unfilled, with the claim's id.
  func fillingStatedReasons(missing: String, unresolved: (String, Placeholder) -> Void)
    -> ChapterResults
  {
    var filled = self
    for index in claims.indices {
      guard let reason = claims[index].spec.outcome.reason else { continue }
      let id = claims[index].spec.id
      filled.claims[index].spec.outcome = .notReproduced(
        because: filling(reason, missing: missing) { unresolved(id, $0) })
    }
    return filled
  }
}
