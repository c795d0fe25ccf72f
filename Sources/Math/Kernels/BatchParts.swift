import Dispatch
import Synchronization

/// How many threads share the work of one batch of images. With more than one, a convolution
/// splits its batch into that many parts and computes each on its own thread — the patches, the
/// products and the gradients of its images — and adds the parts' kernel gradients at the end
/// (`Variable.convolutionInParts`). OpenBLAS is then set to one thread, so that the parts'
/// products do not compete for its threads. One by default: the chapters train several models
/// side by side instead.
///
/// The results depend on the count only through rounding: OpenBLAS may round a product's last
/// columns differently when a part has fewer of them, and the parts' kernel gradients are added
/// at the end. Batch normalisation shares out whole channels, so its numbers do not depend on it.
/// A chapter that sets the count always sets the same one, whatever the machine.
public enum BatchWorkers {
  private static let stored = Atomic<Int>(1)

  /// The number of threads that share a batch.
  public static var count: Int { stored.load(ordering: .relaxed) }

  /// Sets the number of threads that share a batch (at least one); with more than one, OpenBLAS
  /// runs one thread per call.
  public static func set(_ count: Int) {
    stored.store(max(1, count), ordering: .relaxed)
    if count > 1 { BLAS.setThreadCount(1) }
  }
}

/// A batch of `count` images cut into consecutive parts, one per batch worker (fewer when the
/// batch is smaller).
struct BatchParts {
  let ranges: [Range<Int>]

  init(of count: Int, parts: Int = BatchWorkers.count) {
    let n = max(1, min(count, parts))
    ranges = (0..<n).map { p in (count * p / n)..<(count * (p + 1) / n) }
  }

  /// `body(part, images)` for every part, concurrently; the results in the parts' order.
  func map<Result>(_ body: (Int, Range<Int>) -> Result) -> [Result] {
    guard ranges.count > 1 else { return [body(0, ranges[0])] }
    let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: ranges.count)
    slots.initialize(repeating: nil)
    defer { slots.deinitialize().deallocate() }
    withoutActuallyEscaping(body) { body in
      // Each part reads shared inputs and writes only its own slot.
      nonisolated(unsafe) let (body, slots) = (body, slots)
      let ranges = ranges
      DispatchQueue.concurrentPerform(iterations: ranges.count) { p in slots[p] = body(p, ranges[p]) }
    }
    return slots.map { $0! }
  }
}

extension BatchWorkers {
  /// `body(part)` for consecutive parts of 0..<count (channels, say), one part per batch worker,
  /// concurrently. Each part must write only its own elements; the results are then the same,
  /// bit for bit, as one pass over 0..<count.
  static func split(_ count: Int, _ body: (Range<Int>) -> Void) {
    guard count > 0 else { return }
    _ = BatchParts(of: count).map { _, part in body(part) }
  }
}
