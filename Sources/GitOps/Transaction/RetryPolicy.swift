import Logging
internal import SystemCalls

/// How often and how patiently a transaction retries after losing a race to another writer, or
/// when the server could not be reached or stayed silent: exponential backoff with decorrelated
/// jitter (each delay is random between `baseDelay` and three times the previous one, capped at
/// `maxDelay`), at most `maxAttempts` attempts in all, of which at most `maxNetworkAttempts` may
/// fail to reach the server.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (at least 1).
    public var maxAttempts: Int
    /// The smallest delay between two attempts, in seconds.
    public var baseDelay: Double
    /// The largest delay between two attempts, in seconds.
    public var maxDelay: Double
    /// Attempts that may fail to reach the server (refused, reset, DNS, HTTP 5xx, a timeout)
    /// before the transaction gives up (at least 1).
    public var maxNetworkAttempts: Int

    /// 60 attempts, 50 ms to 2 s (about two minutes at worst): 32 writers racing over smart
    /// HTTP on a loaded 2-core machine needed up to 19 attempts, so this leaves a margin of 3×.
    /// 4 network attempts: a server that hangs costs at most four idle timeouts (4 minutes with
    /// the standard 60 s), a passing hiccup (a 502, a reset) is ridden out.
    public static let standard = RetryPolicy(maxAttempts: 60, baseDelay: 0.05, maxDelay: 2, maxNetworkAttempts: 4)

    /// A policy from its limits (values are clamped to sane minimums).
    public init(maxAttempts: Int, baseDelay: Double, maxDelay: Double, maxNetworkAttempts: Int = 4) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
        self.maxNetworkAttempts = max(1, maxNetworkAttempts)
    }

    /// The delay to wait after a lost race, given the previous delay (nil after the first attempt).
    func nextDelay(after previous: Double?) -> Double {
        let upper = min(maxDelay, max(baseDelay, (previous ?? baseDelay) * 3))
        return upper > baseDelay ? Double.random(in: baseDelay...upper) : baseDelay
    }
}

/// The waits of one retried operation: each sleeps the policy's next jittered delay, after one
/// line that says why and when the next attempt comes.
struct RetrySchedule {
    let policy: RetryPolicy
    private var previous: Double?

    init(_ policy: RetryPolicy) {
        self.policy = policy
    }

    /// Logs `<reason>, retrying (attempt <next>/<total>) in <delay> ms` at notice level (shown
    /// without `-v`), then sleeps the delay.
    mutating func pause(because reason: String, nextAttempt: Int, of total: Int, logger: Logger?) {
        let delay = policy.nextDelay(after: previous)
        previous = delay
        logger?.notice("\(reason), retrying (attempt \(nextAttempt)/\(total)) in \(Int(delay * 1000)) ms")
        Clock.sleep(seconds: delay)
    }
}
