import Math

extension SeededGenerator {
  /// The random stream called `name` of `seed`: a generator determined by the seed and the name
  /// alone, so it does not depend on what else the program drew before, in which order, or on
  /// which thread.
  ///
  ///     var evaluation = SeededGenerator(seed: 2014, stream: "evaluation")
  ///     var job = SeededGenerator(seed: 2014, stream: "sweep/momentum SGD/seed 3")
  ///
  /// The same seed and name give the same stream, in every process and on every machine; two
  /// different names give unrelated streams (as unrelated as two seeds). A family of streams
  /// is a family of names, such as `"sweep/\(variant)/\(seed)"`; separate the parts so that no
  /// two members spell the same name ("sweep/1/12" and "sweep/11/2", not "sweep112").
  ///
  /// The stream's seed is `mix(seed + mix(fnv1a(name)))`: the name's UTF-8 bytes hashed by
  /// 64-bit FNV-1a (Fowler, Noll & Vo), a stable hash, unlike Swift's `Hasher`, which is seeded
  /// afresh in every process; `mix` is SplitMix64's finaliser (Steele, Lea & Flood 2014), which
  /// spreads a change in any input bit over the whole word.
  public init(seed: UInt64, stream name: String) {
    self.init(seed: NamedStream.seed(seed, name: name))
  }
}

/// The arithmetic behind `SeededGenerator(seed:stream:)`.
enum NamedStream {
  /// The seed of the stream `name` of `seed`.
  static func seed(_ seed: UInt64, name: String) -> UInt64 {
    mix(seed &+ mix(fnv1a(name)))
  }

  /// 64-bit FNV-1a of the UTF-8 bytes of `text`.
  static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash
  }

  /// SplitMix64's finaliser: a bijection of 64-bit words with good avalanche.
  static func mix(_ word: UInt64) -> UInt64 {
    var z = word &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
