extension Dropout {
  /// The mask of `nextMask(shape:)`, bit for bit, and the stream left where it leaves it;
  /// drawn by four generators side by side (`DropoutMaskTests` compares the two).
  ///
  /// Four generators draw the first `4 · quarter` elements (quarter = ⌊n/32⌋ · 8), generator j
  /// the quarter that starts at element j · quarter, which is draw j · quarter / 2 of the
  /// stream (`JumpAhead`). Each step of `FourStreams` gives every generator's next number, and
  /// so the next two elements of each quarter; one step fills eight lanes of the mask. The
  /// rest is drawn one number after another.
  func nextMaskFromFourStreams(shape: [Int]) -> Tensor {
    let threshold = SIMD8<UInt32>(repeating: keepThreshold)
    let scale = SIMD8<Float>(repeating: keptScale)
    // The mask of eight elements from four random numbers, read as eight 32-bit lanes (each
    // number's low half first, as the stream is defined).
    @inline(__always)
    func mask(_ words: SIMD4<UInt64>) -> SIMD8<Float> {
      SIMD8<Float>().replacing(with: scale, where: unsafeBitCast(words, to: SIMD8<UInt32>.self) .< threshold)
    }

    return Tensor(shape: shape) { maskBuffer in
      let n = maskBuffer.count
      guard n > 0 else { return }
      let m = maskBuffer.baseAddress!
      // The stream is a local copy (a class property pays an exclusivity check per draw).
      var random = generator
      let quarter = n / 32 * 8
      if quarter > 0 {
        let jump = JumpAhead.cached(steps: quarter / 2)
        let second = random.jumped(jump), third = second.jumped(jump), fourth = third.jumped(jump)
        var streams = FourStreams(random, second, third, fourth)
        for i in stride(from: 0, to: quarter, by: 2) {
          let pairs = mask(streams.next())
          UnsafeMutableRawPointer(m + i).storeBytes(of: pairs.lowHalf.lowHalf, as: SIMD2<Float>.self)
          UnsafeMutableRawPointer(m + quarter + i).storeBytes(of: pairs.lowHalf.highHalf, as: SIMD2<Float>.self)
          UnsafeMutableRawPointer(m + 2 * quarter + i).storeBytes(of: pairs.highHalf.lowHalf, as: SIMD2<Float>.self)
          UnsafeMutableRawPointer(m + 3 * quarter + i).storeBytes(of: pairs.highHalf.highHalf, as: SIMD2<Float>.self)
        }
        // Where the fourth generator stopped: draw 2 · quarter of the stream. (One more jump
        // rather than reading the state out of `streams`, which would make the compiler keep
        // the four streams in memory instead of in registers.)
        random = fourth.jumped(jump)
      }
      // The rest one after another, from element 4 · quarter (an even index) on.
      var i = 4 * quarter
      while i + 8 <= n {
        let words = SIMD4(random.next(), random.next(), random.next(), random.next())
        UnsafeMutableRawPointer(m + i).storeBytes(of: mask(words), as: SIMD8<Float>.self)
        i += 8
      }
      var word: UInt64 = 0
      while i < n {
        if i % 2 == 0 { word = random.next() }
        let draw = UInt32(truncatingIfNeeded: i % 2 == 0 ? word : word >> 32)
        m[i] = draw < threshold[0] ? scale[0] : 0
        i += 1
      }
      generator = random
    }
  }
}
