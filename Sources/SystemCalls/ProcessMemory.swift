#if canImport(Glibc)
internal import CMalloc
internal import Glibc
#endif

/// How the C library's allocator serves this process.
public enum ProcessMemory {
    /// Makes the heap grow in steps of 8 MiB and keep what is freed at its top (glibc's
    /// `M_TOP_PAD` and `M_TRIM_THRESHOLD`; elsewhere nothing). A command runs for moments and
    /// builds one tree after another: by default the heap grows 128 KiB at a time, one `brk`
    /// each (about fifty for a 1 MB file), and memory freed at its top goes back to the kernel,
    /// to be faulted in page by page again when the next tree is built. Untouched pages of a
    /// step cost nothing.
    public static func growHeapInLargeSteps() {
        #if canImport(Glibc)
        _ = mallopt(M_TOP_PAD, 8 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, Int32(trimThreshold))
        #endif
    }

    /// The smallest input for which ``prepareForLargeInput(bytes:)`` does anything: below it,
    /// a command touches too little memory for 2 MiB pages to pay.
    public static let largeInputBytes = 1 << 20

    /// Before reading an input of `bytes` (at least ``largeInputBytes``; else nothing): the
    /// next allocations, which hold the input and its parsed tree (about four times its size),
    /// come from the heap (glibc's `M_MMAP_THRESHOLD`, instead of a mapping of their own each),
    /// from a stretch of it that the kernel may back with 2 MiB pages (`MADV_HUGEPAGE`, used
    /// where transparent huge pages are `always` or `madvise`; elsewhere a no-op).
    ///
    /// A 1.1 MB file otherwise costs about 900 page faults of 4 KiB, each paid on the way in
    /// and again when the process ends; in 2 MiB pages it is a handful. The stretch is
    /// allocated once and given back, so it stays at the heap's top (``growHeapInLargeSteps()``
    /// keeps freed memory up to `trimThreshold`); only the pages touched are ever faulted in.
    /// Returns the addresses advised, nil when none were (a small input, or a kernel without
    /// transparent huge pages).
    @discardableResult
    public static func prepareForLargeInput(bytes: Int) -> Range<UInt>? {
        #if canImport(Glibc)
        guard bytes >= largeInputBytes else { return nil }
        let hugePage = 2 << 20
        // Below the threshold, so that the stretch itself comes from the heap too.
        let stretch = min(5 * bytes + 2 * hugePage, heapAllocationLimit - hugePage)
        _ = mallopt(M_MMAP_THRESHOLD, Int32(heapAllocationLimit))
        guard let block = malloc(stretch) else { return nil }
        let address = UInt(bitPattern: block)
        let start = (address + UInt(hugePage - 1)) & ~UInt(hugePage - 1)
        let end = (address + UInt(stretch)) & ~UInt(hugePage - 1)
        guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else {
            free(block)
            return nil
        }
        // What comes before the first 2 MiB boundary stays allocated (glibc shrinks a block in
        // place; the rest goes back to the heap's top), so that the input's buffer, allocated
        // next, starts at the boundary. A chunk takes 8 bytes more than asked, in steps of 16,
        // and is at least 32 bytes; a lead shorter than that is left in 4 KiB pages.
        let lead = Int(start - address)
        if lead >= 32, let kept = realloc(block, lead - 8) {
            leadAllocation = kept
        } else {
            free(block)
        }
        // A hint: where the kernel has no huge pages to give, the heap keeps 4 KiB pages.
        guard (try? systemCall("madvise") { madvise(first, Int(end - start), MADV_HUGEPAGE) }) != nil else {
            return nil
        }
        return start..<end
        #else
        return nil
        #endif
    }

    /// The allocation before the stretch's first 2 MiB boundary, kept for the process's life.
    nonisolated(unsafe) private static var leadAllocation: UnsafeMutableRawPointer?

    /// Freed memory the heap keeps before giving it back (the largest input is 16 MiB).
    private static let trimThreshold = 128 << 20
    /// The largest allocation that comes from the heap once an input is large (larger ones get
    /// a mapping of their own); 32 MiB, the most every glibc accepts for `M_MMAP_THRESHOLD`.
    private static let heapAllocationLimit = 32 << 20
}
