import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
internal import SystemCalls

/// An exclusive `flock` on `config-api.lock` in a repository's common git folder (shared by
/// linked work trees, since they share references). In a clone it serialises the processes
/// (and threads: each lock opens its own file description) that update its references, index
/// and work tree; in a local remote it queues config-api writers of its branches. The file is
/// left in place; only the lock is released, when the object goes away.
final class GitDirectoryLock {
    private let file: FileDescriptor

    /// Waits up to `timeout` seconds for the lock on `<gitDirectory>/config-api.lock`;
    /// `waiting` runs once, before the wait, when another holder has it.
    init(gitDirectory: String, timeout: Double, waiting: () -> Void = {}) throws(GitOpsError) {
        let path = URL(fileURLWithPath: gitDirectory).appendingPathComponent("config-api.lock").path
        let taken: Bool
        do {
            file = try FileDescriptor.openOrCreateLockFile(path)
            if try file.lockExclusivelyIfFree() {
                taken = true
            } else {
                waiting()
                taken = try BlockingLockWait(file).succeeds(within: timeout)
            }
        } catch {
            throw .lockFailed(error)
        }
        guard taken else { throw .lockTimeout(path: path, seconds: timeout) }
    }

    deinit {
        file.unlock()
    }

    /// Runs `body` while holding the lock of `gitDirectory`.
    static func holding<Result>(_ gitDirectory: String, timeout: Double, waiting: () -> Void = {},
                                _ body: () throws -> Result) throws -> Result {
        let lock = try GitDirectoryLock(gitDirectory: gitDirectory, timeout: timeout, waiting: waiting)
        return try withExtendedLifetime(lock) { try body() }
    }
}

/// A blocking `flock` on a helper thread, waited for with a timeout: the kernel hands the lock
/// over the moment its holder releases it, so queued writers add no polling delay to each other
/// (a storm of writers on one remote is a chain of such hand-overs).
///
/// When the waiter gives up first, the helper, which keeps the file open, releases the lock as
/// soon as it gets it (and the file closes when the helper lets go of it).
private final class BlockingLockWait: @unchecked Sendable {
    private enum State { case waiting, locked, failed(SystemCallError), abandoned }

    private let file: FileDescriptor
    private let taken = DispatchSemaphore(value: 0)
    /// Serialises every read and write of `state` between the waiter and the helper.
    private let stateQueue = DispatchQueue(label: "config-api.lock-wait")
    private var state = State.waiting

    init(_ file: FileDescriptor) {
        self.file = file
    }

    /// Whether the lock was taken within `timeout` seconds.
    func succeeds(within timeout: Double) throws(SystemCallError) -> Bool {
        try DetachedThread.start { self.block() }
        _ = taken.wait(timeout: .now() + timeout)
        let outcome: Result<Bool, SystemCallError> = stateQueue.sync {
            switch state {
            case .locked: return .success(true)
            case .failed(let error): return .failure(error)
            case .waiting, .abandoned:
                state = .abandoned
                return .success(false)
            }
        }
        return try outcome.get()
    }

    private func block() {
        let result = Result { () throws(SystemCallError) in try file.lockExclusively() }
        let abandoned = stateQueue.sync {
            guard case .waiting = state else { return true }
            switch result {
            case .success: state = .locked
            case .failure(let error): state = .failed(error)
            }
            return false
        }
        if abandoned { file.unlock() } else { taken.signal() }
    }
}
