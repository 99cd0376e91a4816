import Foundation

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
        let deadline = Date().addingTimeInterval(timeout)
        var pause = 0.002
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                close(descriptor)
                throw GitOpsError.lockTimeout(path: path, seconds: timeout)
            }
            Thread.sleep(forTimeInterval: pause)
            pause = min(pause * 2, 0.05)
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
