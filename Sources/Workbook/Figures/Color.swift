/// An opaque sRGB colour, 8 bits per channel. Transparency is not part of a colour: every
/// drawing call that can be translucent takes its own `alpha` (0 = invisible, 1 = opaque).
public struct Color: Sendable, Equatable, Hashable, CustomStringConvertible {
  public let r: Int
  public let g: Int
  public let b: Int

  /// - Precondition: each channel is in 0...255.
  public init(r: Int, g: Int, b: Int) {
    precondition(
      (0...255).contains(r) && (0...255).contains(g) && (0...255).contains(b),
      "Color(r: \(r), g: \(g), b: \(b)): channels must be in 0...255")
    self.r = r
    self.g = g
    self.b = b
  }

  public var description: String { "rgb(\(r), \(g), \(b))" }

  /// The straight mix `(1 - t) · self + t · other`, channel by channel; `t` is clamped to 0...1.
  public func mixed(with other: Color, _ t: Double) -> Color {
    let t = min(max(t, 0), 1)
    func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) * (1 - t) + Double(b) * t).rounded()) }
    return Color(r: mix(r, other.r), g: mix(g, other.g), b: mix(b, other.b))
  }

  // The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"): eight colours that
  // stay distinguishable under the common forms of colour-vision deficiency.
  public static let black = Color(r: 0, g: 0, b: 0)
  public static let orange = Color(r: 230, g: 159, b: 0)
  public static let sky = Color(r: 86, g: 180, b: 233)
  public static let green = Color(r: 0, g: 158, b: 115)
  public static let yellow = Color(r: 240, g: 228, b: 66)
  public static let blue = Color(r: 0, g: 114, b: 178)
  public static let vermillion = Color(r: 213, g: 94, b: 0)
  public static let purple = Color(r: 204, g: 121, b: 167)
  /// A neutral grey for reference lines and annotations (not an Okabe–Ito colour).
  public static let gray = Color(r: 120, g: 120, b: 120)
  public static let white = Color(r: 255, g: 255, b: 255)
}

/// The order in which a panel gives colours to series that do not name one.
public enum Palette {
  /// Okabe–Ito colours, most distinct first; yellow comes late because it is faint on white.
  public static let colors: [Color] = [
    .blue, .orange, .green, .vermillion, .purple, .sky, .yellow, .black,
  ]

  /// The `i`-th series colour, cycling through `colors`; negative `i` counts from the end.
  public static func series(_ i: Int) -> Color {
    let n = colors.count
    return colors[((i % n) + n) % n]
  }
}
