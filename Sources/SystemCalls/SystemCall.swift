#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Runs one system call that reports failure by returning -1 and setting `errno`: retries it
/// while it is interrupted by a signal (`EINTR`), and turns any other failure into a
/// `SystemCallError` carrying the call's name, its path and `errno`. Every wrapper of this
/// module goes through here, so `errno` is read in one place, right after the call.
@discardableResult
func systemCall<Result: FixedWidthInteger>(_ operation: String, path: String? = nil,
                                           _ call: () -> Result) throws(SystemCallError) -> Result {
    while true {
        let result = call()
        guard result == -1 else { return result }
        let code = errno
        guard code == EINTR else { throw SystemCallError(operation: operation, path: path, errorNumber: code) }
    }
}

/// For the calls that return their error number instead of setting `errno` (`posix_spawn`,
/// `pthread_create`): 0 is success, anything else becomes a `SystemCallError`.
func systemCallReturningError(_ operation: String, path: String? = nil,
                              _ call: () -> Int32) throws(SystemCallError) {
    let code = call()
    guard code == 0 else { throw SystemCallError(operation: operation, path: path, errorNumber: code) }
}
