#if canImport(Glibc)
  import CMalloc
#endif

/// How the C allocator treats the memory that tensors free.
public enum Allocator {
  /// Keeps freed memory in the process for the next allocation instead of handing it back to
  /// the kernel.
  ///
  /// A training step frees and allocates the same tensors every step. By default glibc returns
  /// the top of the heap to the kernel once more than a few hundred KiB of it is free, and
  /// serves blocks over 128 KiB (a 256 × 128 weight gradient) by `mmap`, so every step pays
  /// page faults to get the same memory back. After this call glibc keeps up to 256 MiB of
  /// freed memory and maps only blocks over 32 MiB. It also stops keeping small freed blocks in
  /// "fast bins", which glibc must sweep together before it can serve each large block; small
  /// blocks still come from glibc's per-thread cache. Numbers do not change; only where memory
  /// comes from (bench/PERFORMANCE.md has what it bought).
  /// - Returns: whether the allocator took all three settings (false where the C library is not
  ///   glibc, where this does nothing).
  @discardableResult
  public static func retainFreedMemory() -> Bool {
    #if canImport(Glibc)
      // mallopt returns 1 on success. Blocks over 32 MiB (a one-off huge tensor) still come
      // straight from the kernel and go back to it when freed.
      return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1
        && mallopt(M_MXFAST, 0) == 1
    #else
      return false
    #endif
  }
}
