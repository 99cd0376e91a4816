#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Unix-domain stream sockets (the kind an ssh-agent listens on).
public enum UnixDomainSocket {
    /// Connects to the socket at `path` and closes the connection at once: throws when nothing
    /// accepts connections there. A path longer than a socket address holds is `ENAMETOOLONG`.
    public static func checkAcceptsConnections(at path: String) throws(SystemCallError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw SystemCallError(operation: "connect", path: path, errorNumber: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            bytes.copyBytes(from: path.utf8)
            bytes[path.utf8.count] = 0
        }
        #if canImport(Glibc)
        let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        #else
        let streamType = SOCK_STREAM
        #endif
        let descriptor = try systemCall("socket", path: path) { socket(AF_UNIX, streamType, 0) }
        defer { close(descriptor) }
        try systemCall("connect", path: path) {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        }
    }
}
