#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Waiting and reading the system's clocks.
public enum Clock {
    /// Sleeps for `seconds` (`nanosleep`, resumed for the time left when a signal interrupts it).
    public static func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        let whole = seconds.rounded(.towardZero)
        var request = timespec(tv_sec: Int(whole), tv_nsec: Int((seconds - whole) * 1e9))
        var remaining = timespec()
        _ = try? systemCall("nanosleep") { () -> Int32 in
            let result = nanosleep(&request, &remaining)
            request = remaining
            return result
        }
    }

    /// Seconds on the monotonic clock, from an arbitrary origin: differences measure elapsed time.
    public static func monotonicSeconds() -> Double { seconds(CLOCK_MONOTONIC) }

    /// Seconds since the epoch on the real-time clock (comparable with file modification times).
    public static func wallSeconds() -> Double { seconds(CLOCK_REALTIME) }

    /// The CPU time this thread has used so far, in seconds.
    public static func threadCPUSeconds() -> Double { seconds(CLOCK_THREAD_CPUTIME_ID) }

    private static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// What this process has used of the machine so far.
public enum ResourceUsage {
    /// The peak resident set size of this process so far, in MB (`getrusage`).
    public static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1024 / 1024
        #endif
    }
}
