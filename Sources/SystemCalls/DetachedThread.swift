#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A detached POSIX thread, for work that blocks in the kernel (a waiting `flock`) and so must
/// not hold one of Dispatch's worker threads. (FoundationEssentials has no `Thread`.)
public enum DetachedThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Runs `body` on a new detached thread; throws (without running it) when no thread can be made.
    public static func start(_ body: @escaping @Sendable () -> Void) throws(SystemCallError) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        do {
            try systemCallReturningError("pthread_create") {
                pthread_create(&thread, nil, { context in
                    guard let context else { return nil }
                    Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
                    return nil
                }, context)
            }
        } catch {
            Unmanaged<Body>.fromOpaque(context).release()
            throw error
        }
        #if canImport(Glibc)
        pthread_detach(thread)
        #else
        pthread_detach(thread!)
        #endif
    }
}
