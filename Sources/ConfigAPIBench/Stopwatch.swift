import SystemCalls

/// Timing for the benchmarks: wall clock and this thread's CPU time, best of N, with the two
/// sides of a comparison interleaved so that both see the same machine load.
enum Stopwatch {
    /// The best wall-clock and CPU times of one side of a comparison, in seconds.
    struct Best {
        var wall = Double.infinity
        var cpu = Double.infinity
    }

    /// `runs` rounds of `first` then `second`; the best wall and CPU time of each. A body returns
    /// the CPU seconds it measured itself (a child process's), or nil for this thread's.
    static func interleaved(runs: Int, _ first: () throws -> Double?, _ second: () throws -> Double?) rethrows -> (
        Best, Best
    ) {
        var results = (Best(), Best())
        for _ in 0..<runs {
            try measure(first, into: &results.0)
            try measure(second, into: &results.1)
        }
        return results
    }

    /// Runs `body` once; `body` returns the CPU seconds it measured itself, or nil to use this
    /// thread's CPU clock.
    private static func measure(_ body: () throws -> Double?, into best: inout Best) rethrows {
        let (wallStart, cpuStart) = (now(), threadCPU())
        let ownCPU = try body()
        best.wall = min(best.wall, now() - wallStart)
        best.cpu = min(best.cpu, ownCPU ?? (threadCPU() - cpuStart))
    }

    static func now() -> Double { Clock.monotonicSeconds() }

    private static func threadCPU() -> Double { Clock.threadCPUSeconds() }

    /// Peak resident set size of this process so far, in MB (getrusage).
    static func peakMemoryMB() -> Double { ResourceUsage.peakResidentMegabytes() }
}
