internal import CLibGit2
internal import SystemCalls

/// Process-wide libgit2 state and error translation: the bottom of the wrapper. Only the files
/// of this folder call libgit2; they hand out owning Swift types, never a C pointer.
enum LibGit2 {
    /// Loads the library and runs `git_libgit2_init()`, once, on first use, for the whole
    /// process (never shut down); the error when the library cannot be loaded.
    private static let loadFailure: GitOpsError? = {
        if let message = config_api_libgit2_load() {
            let version = LIBGIT2_SOVERSION.split(separator: ".").prefix(2).joined(separator: ".")
            return .libgit2Unavailable(version: version, reason: String(cString: message))
        }
        git_libgit2_init()
        if SocketStream.register() < 0 {
            return .libgit2(code: -1, message: "register the socket stream: \(lastErrorMessage())")
        }
        return nil
    }()

    /// Makes sure libgit2 is loaded and initialised; every handle constructor calls it. File
    /// commands never do, so they never load libgit2.
    static func initialize() throws(GitOpsError) {
        if let loadFailure { throw loadFailure }
    }

    /// Points libgit2's system, XDG and global config search paths at `folder`, for the whole
    /// process: `user.name` and the rest then come only from the repositories' own config.
    static func searchConfigOnly(in folder: String) throws {
        try initialize()
        for level in [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL] {
            try check(config_api_set_config_search_path(level, folder), "set the config search path")
        }
    }

    /// Throws `GitOpsError.libgit2` for a negative return code, with the message libgit2 left
    /// for this thread (read right away: `git_error_last()` is thread-local and can go stale).
    /// A lock file another process holds (`GIT_ELOCKED`) is `lockFileHeld`, with its path; a
    /// failure of the operating system (a full disk, a read-only folder: `GIT_ERROR_OS`) is
    /// `fileSystemFailed`.
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitOpsError) {
        guard code < 0 else { return }
        let message = lastErrorMessage()
        if code == GIT_ELOCKED.rawValue, let path = lockedPath(in: message) { throw heldLock(path) }
        if lastErrorClass() == Int32(GIT_ERROR_OS.rawValue) {
            throw GitOpsError.fileSystemFailed(message: "\(operation()): \(message)")
        }
        throw GitOpsError.libgit2(code: code, message: "\(operation()): \(message)")
    }

    /// `lockFileHeld` for the lock file at `path`, with its age.
    static func heldLock(_ path: String) -> GitOpsError {
        let modified = (try? FileSystem.status(of: path))??.modified
        let age = modified.map { max(0, Int(Clock.wallSeconds() - $0)) } ?? 0
        return .lockFileHeld(path: path, ageSeconds: age)
    }

    /// The path in libgit2's "failed to lock file '<path>' for writing".
    private static func lockedPath(in message: String) -> String? {
        guard let start = message.firstRange(of: "lock file '")?.upperBound,
              let end = message[start...].firstIndex(of: "'") else { return nil }
        return String(message[start..<end])
    }

    /// The class (`GIT_ERROR_NET`, `GIT_ERROR_SSH`, …) of the last libgit2 error on this thread.
    static func lastErrorClass() -> Int32? {
        git_error_last()?.pointee.klass
    }

    /// The message of the last libgit2 error on this thread, or a generic text when there is none.
    static func lastErrorMessage() -> String {
        guard let error = git_error_last(), let message = error.pointee.message else {
            return "unknown libgit2 error"
        }
        return String(cString: message)
    }
}

/// Calls `body` with a `git_strarray` holding `strings` (valid only during the call).
func withStringArray<Result>(_ strings: [String], _ body: (inout git_strarray) throws -> Result) rethrows -> Result {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { string in
        let text = string.utf8CString
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: text.count)
        text.withUnsafeBufferPointer { copy.initialize(from: $0.baseAddress!, count: $0.count) }
        return copy
    }
    defer { pointers.forEach { $0?.deallocate() } }
    return try pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}

/// Calls `body` with a C string for `text`, or with nil.
func withOptionalCString<Result>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> Result) -> Result {
    guard let text else { return body(nil) }
    return text.withCString(body)
}
