/// How often and how patiently a transaction retries after losing a race to another writer:
/// exponential backoff with decorrelated jitter (each delay is random between `baseDelay` and
/// three times the previous one, capped at `maxDelay`), at most `maxAttempts` attempts in all.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (at least 1).
    public var maxAttempts: Int
    /// The smallest delay between two attempts, in seconds.
    public var baseDelay: Double
    /// The largest delay between two attempts, in seconds.
    public var maxDelay: Double

    /// 60 attempts, 50 ms to 2 s (about two minutes at worst): 32 writers racing over smart
    /// HTTP on a loaded 2-core machine needed up to 19 attempts, so this leaves a margin of 3×.
    public static let standard = RetryPolicy(maxAttempts: 60, baseDelay: 0.05, maxDelay: 2)

    /// A policy from its limits (values are clamped to sane minimums).
    public init(maxAttempts: Int, baseDelay: Double, maxDelay: Double) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
    }

    /// The delay to wait after a lost race, given the previous delay (nil after the first attempt).
    func nextDelay(after previous: Double?) -> Double {
        let upper = min(maxDelay, max(baseDelay, (previous ?? baseDelay) * 3))
        return upper > baseDelay ? Double.random(in: baseDelay...upper) : baseDelay
    }
}
