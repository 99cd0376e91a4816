#if canImport(Glibc)
internal import CMalloc
internal import Glibc
import Synchronization
#endif

/// How the C library's allocator serves this process. Call these while the process has one
/// thread (glibc's `mallopt` is not safe while other threads allocate): config-api does, before
/// a command starts any.
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

    /// Before reading an input of `bytes` (at least ``largeInputBytes``; else nothing): puts
    /// the allocations that follow, the input's buffer first, on a stretch of the heap that the
    /// kernel may back with 2 MiB pages (`MADV_HUGEPAGE`, followed where transparent huge pages
    /// are `always` or `madvise`). The stretch is five times the input (for the input and its
    /// parsed tree), at most 30 MiB: for an input over about 5 MiB it holds the input and the
    /// first part of its tree. From then on, allocations under 32 MiB come from the heap
    /// (glibc's `M_MMAP_THRESHOLD`) rather than from a mapping each.
    ///
    /// Each 4 KiB page costs a fault on first touch and its release when the process ends; a
    /// 1.1 MB file and its tree take about 900 of them, and a handful of 2 MiB pages instead.
    /// The stretch is allocated once: the part before its first 2 MiB boundary is kept, so that
    /// the next allocation starts on the boundary, and the rest goes back to the heap's top,
    /// where it stays (``growHeapInLargeSteps()``, which this calls, keeps freed memory there);
    /// only the pages touched are ever faulted in. Returns the addresses advised; nil when none
    /// were: a small input, an allocator that refuses the settings or the stretch, or a kernel
    /// without transparent huge pages.
    @discardableResult
    public static func prepareForLargeInput(bytes: Int) -> Range<UInt>? {
        #if canImport(Glibc)
        guard bytes >= largeInputBytes else { return nil }
        growHeapInLargeSteps()
        let hugePage = 2 << 20
        // Below the threshold, so that the stretch itself comes from the heap too.
        let stretch = min(5 * bytes + 2 * hugePage, heapAllocationLimit - hugePage)
        guard mallopt(M_MMAP_THRESHOLD, Int32(heapAllocationLimit)) == 1, let block = malloc(stretch) else {
            return nil
        }
        let address = UInt(bitPattern: block)
        let start = (address + UInt(hugePage - 1)) & ~UInt(hugePage - 1)
        let end = (address + UInt(stretch)) & ~UInt(hugePage - 1)
        guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else {
            free(block)
            return nil
        }
        // glibc shrinks a block in place. A chunk takes 8 bytes more than asked, in steps of
        // 16, and is at least 32 bytes; a lead shorter than that is left in 4 KiB pages.
        let lead = Int(start - address)
        if lead >= 32, let kept = realloc(block, lead - 8) {
            leadAllocations.withLock { $0.append(UInt(bitPattern: kept)) }
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

    #if canImport(Glibc)
    /// The parts of stretches before their first 2 MiB boundary, kept for the process's life.
    private static let leadAllocations = Mutex<[UInt]>([])
    #endif

    /// Freed memory the heap keeps before giving it back (the largest input is 16 MiB).
    private static let trimThreshold = 128 << 20
    /// The largest allocation that comes from the heap once an input is large (larger ones get
    /// a mapping of their own); 32 MiB, the most glibc accepts for `M_MMAP_THRESHOLD` on 64-bit
    /// systems in every version.
    private static let heapAllocationLimit = 32 << 20
}
