#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The variables of this process's environment.
public enum ProcessEnvironment {
    /// The value of `name` (`getenv`), nil when it is not set.
    public static func value(of name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
