#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How to authenticate to a remote: an HTTPS token (basic auth, user `x-access-token`), and SSH
/// keys through the running ssh-agent. The token is never printed: `description`,
/// `debugDescription` and `dump()` show it redacted.
public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The HTTPS token (GitHub App / PAT / `GITHUB_TOKEN`), or nil to send none.
    public var token: String?
    /// The HTTPS basic-auth user name that goes with the token.
    public var username: String

    /// Credentials with an optional token and GitHub's token user name.
    public init(token: String? = nil, username: String = "x-access-token") {
        self.token = token
        self.username = username
    }

    /// `CONFIG_API_TOKEN`, else `GITHUB_TOKEN` (empty values count as absent).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Credentials {
        let token = ["CONFIG_API_TOKEN", "GITHUB_TOKEN"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        return Credentials(token: token)
    }

    public var description: String {
        token == nil ? "Credentials(no token)" : "Credentials(token: <redacted>, username: \(username))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["token": token == nil ? "nil" : "<redacted>", "username": username])
    }
}
