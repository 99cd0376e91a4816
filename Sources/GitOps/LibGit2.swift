import CLibGit2
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

/// Process-wide libgit2 state and error translation: the bottom of the thin C layer.
enum LibGit2 {
    /// `git_libgit2_init()` runs once, on first use, for the whole process (never shut down).
    private static let initialized: Int32 = git_libgit2_init()

    /// Makes sure libgit2 is initialised; every handle constructor calls it.
    static func ensureInitialized() {
        _ = initialized
    }

    /// Throws `GitOpsError.libgit2` for a negative return code, with the message libgit2 left
    /// for this thread (read right away: `git_error_last()` is thread-local and can go stale).
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws {
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

/// The 20-byte id of a git object (commit, tree or blob).
struct ObjectID: Equatable, CustomStringConvertible {
    var raw: git_oid

    init(_ raw: git_oid) {
        self.raw = raw
    }

    /// Full 40-character lowercase hex form.
    var description: String {
        var copy = raw
        var buffer = [CChar](repeating: 0, count: Int(GIT_OID_HEXSZ) + 1)
        git_oid_fmt(&buffer, &copy)
        return String(decoding: buffer.prefix(Int(GIT_OID_HEXSZ)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
        var left = lhs.raw
        var right = rhs.raw
        return git_oid_equal(&left, &right) != 0
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
