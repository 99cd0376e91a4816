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

    /// 30 attempts, 50 ms to 2 s: enough for dozens of concurrent writers on one branch.
    public static let standard = RetryPolicy(maxAttempts: 30, baseDelay: 0.05, maxDelay: 2)

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
