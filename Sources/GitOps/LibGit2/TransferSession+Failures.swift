internal import CLibGit2
internal import SystemCalls

extension TransferSession {
    /// The failure of a network call as one of the network errors, or nil when it is none (a
    /// local-path remote that does not exist is `repositoryNotFound`, and never retried):
    /// what the socket stream saw (timeout, refused, unreachable, reset, DNS, another origin),
    /// the server's HTTP status (404: no repository; 5xx and other codes: unavailable), an
    /// unverifiable server, or a connection lost inside libgit2's HTTP, TLS or SSH code.
    func networkFailure(code: Int32, message: String) -> GitOpsError? {
        let remote = displayableURL(url)
        guard RemoteOrigin(url) != nil else { return localFailure(message: message) }
        switch monitor.failure {
        case .timedOut(let timeout):
            let seconds = timeout == .connect ? monitor.policy.connectTimeout : monitor.policy.idleTimeout
            return .remoteTimedOut(remote: remote, timeout: timeout, seconds: seconds, attempts: 1)
        case .unresolvable(let host, let reason):
            return .remoteUnavailable(remote: remote, reason: "cannot resolve \(host): \(reason)", attempts: 1)
        case .failed(let reason):
            return .remoteUnavailable(remote: remote, reason: reason, attempts: 1)
        case .otherOrigin(let target):
            return .redirectedToAnotherOrigin(remote: remote, target: target)
        case nil:
            break
        }
        if let status = Self.httpStatus(in: message) {
            if status == 404 { return .repositoryNotFound(remote: remote) }
            return .remoteUnavailable(remote: remote, reason: "the server answered HTTP \(status)", attempts: 1)
        }
        if code == GIT_ECERTIFICATE.rawValue { return .untrustedServer(remote: remote, reason: message) }
        if message.contains("cannot redirect from") {
            return .redirectedToAnotherOrigin(remote: remote, target: message)
        }
        let networkClasses = [GIT_ERROR_NET, GIT_ERROR_SSH, GIT_ERROR_HTTP, GIT_ERROR_SSL].map { Int32($0.rawValue) }
        if let errorClass = LibGit2.lastErrorClass(), networkClasses.contains(errorClass) {
            return .remoteUnavailable(remote: remote, reason: message, attempts: 1)
        }
        return nil
    }

    /// A local-path remote (no host: nothing to retry) that is missing or no repository is
    /// `repositoryNotFound`; anything else stays libgit2's error.
    private func localFailure(message: String) -> GitOpsError? {
        let path = url.hasPrefix("file://") ? String(url.dropFirst("file://".count)) : url
        let missing = (try? FileSystem.status(of: path)) == nil
        guard missing || message.contains("could not find repository") else { return nil }
        return .repositoryNotFound(remote: displayableURL(url))
    }

    /// The status of libgit2's "unexpected http status code: NNN".
    private static func httpStatus(in message: String) -> Int? {
        guard let range = message.firstRange(of: "unexpected http status code: ") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }
}
