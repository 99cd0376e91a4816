#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ssh-agent that libgit2 (through libssh2) asks to sign for SSH keys: the Unix socket
/// named by `SSH_AUTH_SOCK` in the process environment.
enum SSHAgent {
    /// Why no agent can be reached, or nil when something accepts a connection on
    /// `SSH_AUTH_SOCK` (the connection is closed at once; libssh2 makes its own).
    static func unavailability() -> String? {
        guard let variable = getenv("SSH_AUTH_SOCK"), variable.pointee != 0 else {
            return "no SSH agent: SSH_AUTH_SOCK is not set"
        }
        let path = String(cString: variable)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else {
            return "no SSH agent: SSH_AUTH_SOCK is longer than a socket address"
        }
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            bytes.copyBytes(from: path.utf8)
            bytes[path.utf8.count] = 0
        }
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return "no SSH agent: cannot open a socket" }
        defer { close(descriptor) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            return "no SSH agent at SSH_AUTH_SOCK (\(path)): \(String(cString: strerror(errno)))"
        }
        return nil
    }
}
