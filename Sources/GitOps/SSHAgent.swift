internal import SystemCalls

/// The ssh-agent that libgit2 (through libssh2) asks to sign for SSH keys: the Unix socket
/// named by `SSH_AUTH_SOCK` in the process environment.
enum SSHAgent {
    /// Why no agent can be reached, or nil when something accepts a connection on
    /// `SSH_AUTH_SOCK` (the connection is closed at once; libssh2 makes its own).
    static func unavailability() -> String? {
        guard let path = ProcessEnvironment.value(of: "SSH_AUTH_SOCK"), !path.isEmpty else {
            return "no SSH agent: SSH_AUTH_SOCK is not set"
        }
        do {
            try UnixDomainSocket.checkAcceptsConnections(at: path)
            return nil
        } catch {
            return "no SSH agent at SSH_AUTH_SOCK (\(path)): \(error.reason)"
        }
    }
}
