public import SystemCalls

/// Why a git operation failed. Messages never contain a credential: remote addresses are shown
/// without user info and any text coming from libgit2 is redacted before it is stored here.
///
/// Exit codes (sysexits) that fit: `authenticationRefused` / `sshAgentUnavailable` / `insecureTransport`
/// / `untrustedServer` → 77, `retriesExhausted` → 75, `notARepository` / `missingBranch` /
/// `unresolvedRemoteHead` / `missingRemote` / `notAFile` / `repositoryNotFound` → 66, `invalidPath` → 65,
/// `rejectedByServer` / `uncommittedChanges` / `branchCheckedOutElsewhere` / `lockTimeout` /
/// `lockFailed` / `writeFailed` / `fileSystemFailed` / `lockFileHeld` → 73, `remoteUnavailable` /
/// `remoteTimedOut` / `redirectedToAnotherOrigin` / `libgit2Unavailable` / `signerUnavailable` → 69,
/// `signingFailed` → 77, `libgit2` → 70 (a failure config-api does not expect: a bug).
public enum GitOpsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The remote refused the credentials (or asked for some and none were given).
    case authenticationRefused(remote: String)
    /// An SSH remote asked for a key and no ssh-agent could be reached (`reason` says why).
    case sshAgentUnavailable(remote: String, reason: String)
    /// Every attempt lost the race against other writers.
    case retriesExhausted(attempts: Int)
    /// The server declined the update (a hook, a protected branch) and the branch had not moved.
    case rejectedByServer(reason: String)
    /// No git repository at or above the folder.
    case notARepository(path: String)
    /// The branch does not exist (at the remote, or locally for `--no-push` and previews),
    /// or no branch was given and HEAD is detached.
    case missingBranch(String)
    /// No remote of that name is configured.
    case missingRemote(String)
    /// The file path is empty, absolute-only or leaves the repository (`..`).
    case invalidPath(String)
    /// The path names a folder, submodule or link in the commit's tree, not a regular file.
    case notAFile(path: String)
    /// `--no-push` would have to overwrite uncommitted changes in the work tree (nothing written).
    case uncommittedChanges(path: String)
    /// `--no-push` on a branch that another work tree of the repository has checked out.
    case branchCheckedOutElsewhere(String)
    /// Another process kept the clone's lock file longer than the timeout.
    case lockTimeout(path: String, seconds: Double)
    /// The lock file could not be opened, created or locked (the system call and its `errno`).
    case lockFailed(SystemCallError)
    /// A file or folder config-api keeps in a git folder could not be written (a full disk, a
    /// read-only folder): the system call and its `errno`.
    case writeFailed(SystemCallError)
    /// libgit2 could not read or write a repository's files (a full disk, a read-only folder):
    /// the operation and the system's message.
    case fileSystemFailed(message: String)
    /// libgit2 (the shared library of `version`, e.g. 1.5) could not be loaded: it is not
    /// installed, or not where the dynamic loader looks. Only git commands need it.
    case libgit2Unavailable(version: String, reason: String)
    /// Any other libgit2 failure, with its return code and message.
    case libgit2(code: Int32, message: String)
    /// The server could not be reached or failed (refused, unreachable, reset, DNS, HTTP 5xx),
    /// `attempts` times in a row.
    case remoteUnavailable(remote: String, reason: String, attempts: Int)
    /// The server stayed silent longer than a timeout, `attempts` times in a row.
    case remoteTimedOut(remote: String, timeout: NetworkTimeout, seconds: Double, attempts: Int)
    /// No repository at the address (HTTP 404, a missing path).
    case repositoryNotFound(remote: String)
    /// The server sent config-api to another origin (scheme, host and port), which it never follows.
    case redirectedToAnotherOrigin(remote: String, target: String)
    /// A token would have gone over plain HTTP to a host that is not loopback.
    case insecureTransport(remote: String)
    /// The server's identity could not be verified (an SSH host key missing from or different
    /// in `~/.ssh/known_hosts`, a TLS certificate not trusted).
    case untrustedServer(remote: String, reason: String)
    /// Another process's lock file is in the way, `ageSeconds` old, and nothing shows that its
    /// owner is gone.
    case lockFileHeld(path: String, ageSeconds: Int)
    /// No branch was given and the remote's HEAD names none that exists (`head`: the branch it
    /// names, when the transport says).
    case unresolvedRemoteHead(remote: String, head: String?, branches: [String])
    /// The commit could not be signed: no key, a key the program cannot use or cannot find,
    /// a refused or timed-out signer (`reason` never holds key material).
    case signingFailed(reason: String)
    /// The signing program (`ssh-keygen`, `gpg`) could not be started: it is not installed.
    case signerUnavailable(program: String, reason: String)

    public var description: String {
        switch self {
        case .authenticationRefused(let remote): "authentication refused by \(remote)"
        case .sshAgentUnavailable(let remote, let reason): "cannot authenticate to \(remote): \(reason)"
        case .retriesExhausted(let attempts): "push failed: the branch kept moving, gave up after \(attempts) attempts"
        case .rejectedByServer(let reason): "push rejected by the server: \(reason)"
        case .notARepository(let path): "not a git repository: \(path)"
        case .missingBranch(let branch): "no such branch: \(branch)"
        case .missingRemote(let remote): "no such remote: \(remote)"
        case .invalidPath(let path): "not a file path inside the repository: \(path)"
        case .notAFile(let path): "not a regular file in the commit: \(path)"
        case .uncommittedChanges(let path):
            "uncommitted changes in \(path) would be overwritten; commit or stash them first"
        case .branchCheckedOutElsewhere(let branch): "branch \(branch) is checked out in another work tree"
        case .lockTimeout(let path, let seconds):
            "could not lock \(path) within \(seconds) s (another config-api running?)"
        case .lockFailed(let error): "cannot lock the repository: \(error)"
        case .writeFailed(let error): "cannot write: \(error)"
        case .fileSystemFailed(let message): "cannot read or write the repository's files: \(message)"
        case .libgit2Unavailable(let version, let reason): "libgit2 \(version) is not installed (\(reason))"
        case .libgit2(let code, let message): "libgit2 error \(code): \(message)"
        case .remoteUnavailable(let remote, let reason, let attempts):
            "cannot reach \(remote): \(reason)\(Self.gaveUp(attempts))"
        case .remoteTimedOut(let remote, let timeout, let seconds, let attempts):
            "no answer from \(remote) within \(Self.seconds(seconds)) "
                + "(\(timeout.rawValue) timeout, --\(timeout.rawValue)-timeout)\(Self.gaveUp(attempts))"
        case .repositoryNotFound(let remote): "no git repository at \(remote)"
        case .redirectedToAnotherOrigin(let remote, let target):
            "\(remote) redirected to another origin, \(target); config-api follows no such redirect "
                + "(credentials stay with the configured origin): use the new address"
        case .insecureTransport(let remote):
            "refusing to send the token to \(remote) over plain HTTP (it is not loopback): "
                + "use https://, or --allow-insecure-http to send it anyway"
        case .untrustedServer(let remote, let reason): "cannot verify the identity of \(remote): \(reason)"
        case .lockFileHeld(let path, let age):
            "\(path) is held by another git process (the lock file is \(age) s old). If no git command is "
                + "running on that repository, a crashed one left it: remove it (rm '\(path)') and run again"
        case .unresolvedRemoteHead(let remote, let head, let branches):
            "the default branch of \(remote) "
                + (head.map { "(HEAD names \($0)) does not exist" } ?? "(its HEAD) names no existing branch")
                + (branches.isEmpty ? "; the repository has no branches" :
                    "; name one with --branch (branches: \(branches.prefix(10).joined(separator: ", ")))")
        case .signingFailed(let reason): "cannot sign the commit: \(reason)"
        case .signerUnavailable(let program, let reason):
            "cannot sign the commit: \(program) cannot be run (\(reason)); install "
                + (program == "ssh-keygen" ? "openssh-client" : "gnupg")
        }
    }

    /// Whether the failure may pass by itself: the server could not be reached, or was silent.
    public var isTransient: Bool {
        switch self {
        case .remoteUnavailable, .remoteTimedOut: true
        default: false
        }
    }

    /// A transient failure as it is reported after `attempts` attempts; other errors unchanged.
    func after(attempts: Int) -> GitOpsError {
        switch self {
        case .remoteUnavailable(let remote, let reason, _):
            .remoteUnavailable(remote: remote, reason: reason, attempts: attempts)
        case .remoteTimedOut(let remote, let timeout, let seconds, _):
            .remoteTimedOut(remote: remote, timeout: timeout, seconds: seconds, attempts: attempts)
        default: self
        }
    }

    private static func gaveUp(_ attempts: Int) -> String {
        attempts > 1 ? " (gave up after \(attempts) attempts)" : ""
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// The same error with every occurrence of `secret` replaced by `***`.
    func redacting(_ secret: String?) -> GitOpsError {
        guard let secret, !secret.isEmpty else { return self }
        func clean(_ text: String) -> String { text.replacing(secret, with: "***") }
        switch self {
        case .authenticationRefused(let remote): return .authenticationRefused(remote: clean(remote))
        case .sshAgentUnavailable(let remote, let reason):
            return .sshAgentUnavailable(remote: clean(remote), reason: clean(reason))
        case .rejectedByServer(let reason): return .rejectedByServer(reason: clean(reason))
        case .libgit2(let code, let message): return .libgit2(code: code, message: clean(message))
        case .fileSystemFailed(let message): return .fileSystemFailed(message: clean(message))
        case .remoteUnavailable(let remote, let reason, let attempts):
            return .remoteUnavailable(remote: clean(remote), reason: clean(reason), attempts: attempts)
        case .untrustedServer(let remote, let reason):
            return .untrustedServer(remote: clean(remote), reason: clean(reason))
        case .signingFailed(let reason): return .signingFailed(reason: clean(reason))
        case .notARepository, .missingBranch, .missingRemote, .invalidPath, .notAFile, .uncommittedChanges,
             .branchCheckedOutElsewhere, .lockTimeout, .lockFailed, .writeFailed, .retriesExhausted,
             .libgit2Unavailable, .remoteTimedOut, .repositoryNotFound, .redirectedToAnotherOrigin,
             .insecureTransport, .lockFileHeld, .unresolvedRemoteHead, .signerUnavailable: return self
        }
    }

    /// The same error with every one of `secrets` replaced by `***`.
    func redacting(lines secrets: [String]) -> GitOpsError {
        secrets.reduce(self) { $0.redacting($1) }
    }
}

/// Which network timeout fired (its flag is `--<rawValue>-timeout`).
public enum NetworkTimeout: String, Sendable, Equatable {
    /// Waiting for the server to accept the TCP connection.
    case connect
    /// Waiting for the server to send or take data on an open connection.
    case idle
}

/// `url` without user info (`https://user:secret@host/x` → `https://host/x`), for messages.
func displayableURL(_ url: String) -> String {
    guard let scheme = url.firstRange(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else {
        return url
    }
    let slash = url[scheme.upperBound...].firstIndex(of: "/") ?? url.endIndex
    guard at < slash else { return url }
    return String(url[..<scheme.upperBound]) + String(url[url.index(after: at)...])
}
