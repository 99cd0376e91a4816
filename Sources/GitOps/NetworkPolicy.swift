#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Limits and permissions for every network operation (clone, fetch, push). libgit2 1.5 has no
/// timeouts of its own: config-api makes the TCP connections itself (a socket stream registered
/// with libgit2, under TLS and SSH too) and enforces these on them.
public struct NetworkPolicy: Sendable, Equatable {
    /// Seconds to wait for a TCP connection to the server to be accepted (each address tried
    /// shares them). Resolving the host name comes before, bounded by the system resolver's own
    /// timeouts (`/etc/resolv.conf`).
    public var connectTimeout: Double
    /// Seconds the connection may stay silent (nothing received, nothing sent) before the
    /// operation is abandoned.
    public var idleTimeout: Double
    /// Whether a token may be sent over plain `http://` to a host that is not loopback.
    public var allowsInsecureHTTP: Bool

    /// 30 s to connect (a server that accepts at all does so in well under a second; 30 s rides
    /// out a lost SYN's retransmissions, 1, 2, 4, 8 s), 60 s of silence (git servers send a
    /// keep-alive every 5 s while they prepare a pack or run hooks: `uploadpack.keepAlive`,
    /// `receive.keepAlive`), and no token over plain HTTP except to loopback.
    public static let standard = NetworkPolicy(connectTimeout: 30, idleTimeout: 60, allowsInsecureHTTP: false)

    /// A policy from its parts (timeouts below 1 ms are raised to 1 ms).
    public init(connectTimeout: Double, idleTimeout: Double, allowsInsecureHTTP: Bool) {
        self.connectTimeout = max(0.001, connectTimeout)
        self.idleTimeout = max(0.001, idleTimeout)
        self.allowsInsecureHTTP = allowsInsecureHTTP
    }
}

/// The scheme, host and port of a remote address: where a connection may go and where a token
/// may be sent.
struct RemoteOrigin: Equatable {
    var scheme: String
    var host: String
    var port: String

    /// The origin of `url` (`https://host[:port]/…`, `ssh://[user@]host[:port]/…`,
    /// `user@host:path`); nil for a local path or an address without a host.
    init?(_ url: String) {
        if let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
           let host = components.host, !host.isEmpty {
            let defaults = ["http": "80", "https": "443", "ssh": "22", "git": "9418"]
            guard let port = components.port.map(String.init) ?? defaults[scheme] else { return nil }
            self.init(scheme: scheme, host: host, port: port)
        } else if !url.contains("://"), let colon = url.firstIndex(of: ":"),
                  !url[..<colon].contains("/"), url.first != "/" {
            let authority = url[..<colon]
            let host = authority.split(separator: "@").last.map(String.init) ?? ""
            guard !host.isEmpty else { return nil }
            self.init(scheme: "ssh", host: host, port: "22")
        } else {
            return nil
        }
    }

    init(scheme: String, host: String, port: String) {
        self.scheme = scheme
        self.host = Self.normalised(host)
        self.port = port
    }

    /// Whether a connection to `host`:`port` stays at this origin.
    func admits(host: String, port: String) -> Bool {
        Self.normalised(host) == self.host && port == self.port
    }

    /// Whether the host is this machine: `localhost`, 127.0.0.0/8 or ::1. Decided from the
    /// address alone (no name is resolved).
    var isLoopback: Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false).map { UInt8($0) }
        return octets.count == 4 && octets.allSatisfy { $0 != nil } && octets[0] == 127
    }

    /// `scheme://host:port`, for messages.
    var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost):\(port)"
    }

    private static func normalised(_ host: String) -> String {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host
    }
}
