#if canImport(Glibc)
internal import CMalloc
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
        _ = mallopt(M_TRIM_THRESHOLD, 64 << 20)
        #endif
    }
}
