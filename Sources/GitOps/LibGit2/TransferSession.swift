internal import CLibGit2
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The state of one libgit2 network operation (clone, fetch or push), reached from libgit2's
/// C callbacks through their payload: it hands out credentials at most once per kind (the
/// token only over HTTPS or to loopback, and only to the address's own origin; the agent's keys
/// only over SSH, as the user of the address), records the server's per-reference refusals and
/// its side-band messages, watches the connections (`ConnectionMonitor`), and turns failures
/// into `GitOpsError`s free of secrets (the token, and any password in the address).
final class TransferSession {
    private let credentials: Credentials
    let url: String
    let monitor: ConnectionMonitor
    private var offeredKinds: UInt32 = 0
    /// Set when the remote asked again for a kind of credential already given (it refused it),
    /// or asked for one we do not have.
    private var authenticationRefused = false
    /// Why the SSH agent could not be reached, when an SSH remote asked for a key.
    private var agentUnavailability: String?
    /// `status` strings of the push_update_reference callback: the server refused these updates.
    private var refusals: [String] = []
    /// Text the server sent on the side band (hook output arrives here as `remote: …` lines).
    private var serverMessages = ""
    /// For a push: the reference it updates and the value it must still have in the server's
    /// advertisement (nil: absent), checked before anything is sent.
    var lease: (reference: String, expected: ObjectID?)?
    /// Set when the advertisement showed the leased reference at another value: nothing was sent.
    private(set) var leaseBroken = false

    init(credentials: Credentials, url: String, network: NetworkPolicy) {
        self.credentials = credentials
        self.url = url
        monitor = ConnectionMonitor(policy: network, url: url)
    }

    /// Throws `insecureTransport` before any connection when a token is to be used with a plain
    /// `http://` address whose host is not loopback (unless the policy allows it).
    func requireSafeTransport() throws {
        guard credentials.token != nil, let origin = RemoteOrigin(url), origin.scheme == "http",
              !origin.isLoopback, !monitor.policy.allowsInsecureHTTP else { return }
        throw GitOpsError.insecureTransport(remote: displayableURL(url))
    }

    /// Whether the token may be sent to `address`: same origin as the session's address, and
    /// HTTPS, loopback or explicitly allowed.
    private func tokenMayTravel(to address: String) -> Bool {
        guard let origin = RemoteOrigin(address), origin == RemoteOrigin(url) else { return false }
        return origin.scheme == "https" || origin.isLoopback || monitor.policy.allowsInsecureHTTP
    }

    /// Calls `body` with callbacks whose payload is this session, kept alive during the call,
    /// and with the session's connection monitor in charge of the connections libgit2 opens.
    func withCallbacks(_ body: (git_remote_callbacks) -> Int32) -> Int32 {
        var callbacks = git_remote_callbacks()
        git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION))
        let payload = Unmanaged.passRetained(self)
        defer { payload.release() }
        callbacks.payload = payload.toOpaque()
        callbacks.credentials = { out, url, usernameFromURL, allowedTypes, payload in
            let session = Unmanaged<TransferSession>.fromOpaque(payload!).takeUnretainedValue()
            return session.acquireCredential(out, url.map { String(cString: $0) },
                                             usernameFromURL.map { String(cString: $0) }, allowedTypes)
        }
        callbacks.push_update_reference = { reference, status, payload in
            guard let status else { return 0 }
            let session = Unmanaged<TransferSession>.fromOpaque(payload!).takeUnretainedValue()
            session.refusals.append("\(reference.map { String(cString: $0) } ?? "?"): \(String(cString: status))")
            return 0
        }
        callbacks.push_negotiation = { updates, count, payload in
            let session = Unmanaged<TransferSession>.fromOpaque(payload!).takeUnretainedValue()
            let list = (0..<count).compactMap { updates?[$0]?.pointee }
            return session.checkLease(list.map { (String(cString: $0.dst_refname), ObjectID($0.src)) })
        }
        callbacks.sideband_progress = { text, length, payload in
            guard let text, length > 0 else { return 0 }
            let session = Unmanaged<TransferSession>.fromOpaque(payload!).takeUnretainedValue()
            let bytes = UnsafeRawBufferPointer(start: text, count: Int(length))
            session.serverMessages += String(decoding: bytes, as: UTF8.self)
            return 0
        }
        return monitor.during { body(callbacks) }
    }

    /// libgit2's push negotiation: `updates` are (reference, the value the server advertised,
    /// zero when absent). The push goes on only if the leased reference still has the expected
    /// value; otherwise nothing is sent (`leaseBroken`).
    private func checkLease(_ updates: [(reference: String, advertised: ObjectID)]) -> Int32 {
        guard let lease, let update = updates.first(where: { $0.reference == lease.reference }) else { return 0 }
        guard update.advertised != (lease.expected ?? .zero) else { return 0 }
        leaseBroken = true
        git_error_set_str(Int32(GIT_ERROR_REFERENCE.rawValue), "\(lease.reference) moved since it was fetched")
        return GIT_EUSER.rawValue
    }

    /// Throws for a failed libgit2 call: `sshAgentUnavailable` when an SSH key was needed and
    /// no agent answered, `authenticationRefused` when the credentials were refused or lack the
    /// permission (HTTP 403, e.g. a token without write access), a network error
    /// (`networkFailure`: timeouts, unreachable, 404, an unverifiable server, …), `missingBranch`
    /// for a not-found `branch` (when given), else the libgit2 error.
    func check(_ code: Int32, _ operation: @autoclosure () -> String, missingBranch branch: String? = nil) throws {
        guard code < 0 else { return }
        let message = LibGit2.lastErrorMessage()
        if let agentUnavailability {
            throw redacted(.sshAgentUnavailable(remote: displayableURL(url), reason: agentUnavailability))
        }
        if authenticationRefused || code == GIT_EAUTH.rawValue || message.contains("status code: 403") {
            throw redacted(.authenticationRefused(remote: displayableURL(url)))
        }
        if let failure = networkFailure(code: code, message: message) { throw redacted(failure) }
        if let branch, code == GIT_ENOTFOUND.rawValue { throw GitOpsError.missingBranch(branch) }
        throw redacted(.libgit2(code: code, message: "\(operation()): \(message)"))
    }

    /// The server's refusal of a push (reference statuses, then its side-band lines without
    /// progress noise), nil when it refused nothing.
    var refusalReport: String? {
        guard !refusals.isEmpty else { return nil }
        let statuses = displayableServerText(refusals.joined(separator: "; "))
        let messages = displayableServerText(serverMessages, dropping: "remote:")
        let report = messages.isEmpty ? statuses : "\(statuses) — \(messages)"
        return secrets.reduce(report) { $0.replacing($1, with: "***") }
    }

    private var secrets: [String] {
        [credentials.token, URLComponents(string: url)?.password].compactMap { $0 }.filter { !$0.isEmpty }
    }

    private func redacted(_ error: GitOpsError) -> GitOpsError {
        secrets.reduce(error) { $0.redacting($1) }
    }

    private func acquireCredential(_ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>?,
                                   _ requestingURL: String?, _ usernameFromURL: String?,
                                   _ allowedTypes: UInt32) -> Int32 {
        let kind: git_credential_t
        if allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0, credentials.token != nil, overHTTP {
            guard tokenMayTravel(to: requestingURL ?? "") else {
                return refuse("refusing to send the token to \(displayableURL(requestingURL ?? "?"))")
            }
            kind = GIT_CREDENTIAL_USERPASS_PLAINTEXT
        } else if allowedTypes & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
            kind = GIT_CREDENTIAL_SSH_KEY
        } else if allowedTypes & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
            kind = GIT_CREDENTIAL_USERNAME
        } else {
            return refuse("authentication required and no credentials available (set CONFIG_API_TOKEN or GITHUB_TOKEN)")
        }
        guard offeredKinds & kind.rawValue == 0 else { return refuse("the remote refused the credentials") }
        if kind == GIT_CREDENTIAL_SSH_KEY, let reason = SSHAgent.unavailability() {
            agentUnavailability = reason
            return refuse(reason)
        }
        offeredKinds |= kind.rawValue
        let user = usernameFromURL ?? "git"
        switch kind {
        case GIT_CREDENTIAL_USERPASS_PLAINTEXT:
            return git_credential_userpass_plaintext_new(out, credentials.username, credentials.token ?? "")
        case GIT_CREDENTIAL_SSH_KEY:
            return git_credential_ssh_key_from_agent(out, user)
        default:
            return git_credential_username_new(out, user)
        }
    }

    /// Whether the remote is reached over HTTP(S), the only transport the token is sent on (an
    /// SSH server that offers password authentication never gets it).
    private var overHTTP: Bool {
        let scheme = url.prefix { $0 != ":" }.lowercased()
        return scheme == "http" || scheme == "https"
    }

    private func refuse(_ reason: String) -> Int32 {
        authenticationRefused = true
        git_error_set_str(Int32(GIT_ERROR_NET.rawValue), reason)
        return GIT_EUSER.rawValue
    }
}
