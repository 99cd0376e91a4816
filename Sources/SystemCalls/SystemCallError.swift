#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A system call that failed: which one, on which path (when it is about one), and the `errno`
/// it left, with the C library's text for it.
public struct SystemCallError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The system call, e.g. `open` or `rename`.
    public let operation: String
    /// The file or socket path the call was about, nil when none.
    public let path: String?
    /// The `errno` value.
    public let errorNumber: Int32

    /// An error from its parts.
    public init(operation: String, path: String?, errorNumber: Int32) {
        self.operation = operation
        self.path = path
        self.errorNumber = errorNumber
    }

    /// `strerror` of the error number, e.g. "No such file or directory".
    public var reason: String { String(cString: strerror(errorNumber)) }

    /// Whether the call would have had to wait (`EWOULDBLOCK`/`EAGAIN`), e.g. a lock held elsewhere.
    public var wouldBlock: Bool { errorNumber == EWOULDBLOCK || errorNumber == EAGAIN }

    /// `operation path: reason`, e.g. `open /x/y: Permission denied`.
    public var description: String {
        "\(operation)\(path.map { " \($0)" } ?? ""): \(reason)"
    }
}
