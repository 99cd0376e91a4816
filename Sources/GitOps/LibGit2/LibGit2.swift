internal import CLibGit2
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Process-wide libgit2 state and error translation: the bottom of the wrapper. Only the files
/// of this folder call libgit2; they hand out owning Swift types, never a C pointer.
enum LibGit2 {
    /// `git_libgit2_init()` runs once, on first use, for the whole process (never shut down).
    private static let initialized: Int32 = git_libgit2_init()

    /// Makes sure libgit2 is initialised; every handle constructor calls it.
    static func initialize() {
        _ = initialized
    }

    /// Points libgit2's system, XDG and global config search paths at `folder`, for the whole
    /// process: `user.name` and the rest then come only from the repositories' own config.
    static func searchConfigOnly(in folder: String) throws {
        initialize()
        for level in [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL] {
            try check(config_api_set_config_search_path(level, folder), "set the config search path")
        }
    }

    /// Throws `GitOpsError.libgit2` for a negative return code, with the message libgit2 left
    /// for this thread (read right away: `git_error_last()` is thread-local and can go stale).
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitOpsError) {
        guard code < 0 else { return }
        throw GitOpsError.libgit2(code: code, message: "\(operation()): \(lastErrorMessage())")
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
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
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
