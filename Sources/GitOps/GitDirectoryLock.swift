import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on `config-api.lock` in a repository's common git folder (shared by
/// linked work trees, since they share references). In a clone it serialises the processes
/// (and threads: each lock opens its own file description) that update its references, index
/// and work tree; in a local remote it queues config-api writers of its branches. The file is
/// left in place; only the lock is released, when the object goes away.
final class GitDirectoryLock {
    private let descriptor: Int32

    /// Waits up to `timeout` seconds for the lock on `<gitDirectory>/config-api.lock`.
    init(gitDirectory: String, timeout: Double) throws {
        let path = URL(fileURLWithPath: gitDirectory).appendingPathComponent("config-api.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw GitOpsError.libgit2(code: -1, message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 || BlockingLockWait(descriptor).succeeds(within: timeout) else {
            throw GitOpsError.lockTimeout(path: path, seconds: timeout)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Runs `body` while holding the lock of `gitDirectory`.
    static func holding<Result>(_ gitDirectory: String, timeout: Double, _ body: () throws -> Result) throws -> Result {
        let lock = try GitDirectoryLock(gitDirectory: gitDirectory, timeout: timeout)
        return try withExtendedLifetime(lock) { try body() }
    }
}

/// A blocking `flock` on a helper thread, waited for with a timeout: the kernel hands the lock
/// over the moment its holder releases it, so queued writers add no polling delay to each other
/// (a storm of writers on one remote is a chain of such hand-overs).
///
/// Ownership of the descriptor: the waiter keeps it when the lock is taken; otherwise it is
/// closed exactly once, by the waiter on a failure, by the helper when the waiter gave up first
/// (releasing the lock should the helper get it after all).
private final class BlockingLockWait: @unchecked Sendable {
    private enum State { case waiting, locked, failed, abandoned }

    private let descriptor: Int32
    private let taken = DispatchSemaphore(value: 0)
    /// Serialises every read and write of `state` between the waiter and the helper.
    private let stateQueue = DispatchQueue(label: "config-api.lock-wait")
    private var state = State.waiting

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Whether the lock was taken within `timeout` seconds.
    func succeeds(within timeout: Double) -> Bool {
        DetachedThread.start { self.block() }
        _ = taken.wait(timeout: .now() + timeout)
        return stateQueue.sync {
            switch state {
            case .locked: return true
            case .waiting: state = .abandoned
            case .failed, .abandoned: close(descriptor)
            }
            return false
        }
    }

    private func block() {
        var code: Int32
        repeat { code = flock(descriptor, LOCK_EX) } while code != 0 && errno == EINTR
        let abandoned = stateQueue.sync {
            guard state == .waiting else { return true }
            state = code == 0 ? .locked : .failed
            return false
        }
        if abandoned { close(descriptor) } else { taken.signal() }
    }
}

/// A detached POSIX thread (Foundation's `Thread` is not in FoundationEssentials): a blocking
/// `flock` must not hold one of Dispatch's worker threads.
private enum DetachedThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    static func start(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            return body()
        }
        pthread_detach(thread)
    }
}
