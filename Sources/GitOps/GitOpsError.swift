public import SystemCalls

/// Why a git operation failed. Messages never contain a credential: remote addresses are shown
/// without user info and any text coming from libgit2 is redacted before it is stored here.
///
/// Exit codes (sysexits) that fit: `authenticationRefused` / `sshAgentUnavailable` → 77,
/// `retriesExhausted` → 75, `notARepository` / `missingBranch` / `missingRemote` / `notAFile` → 66,
/// `invalidPath` → 65, `rejectedByServer` / `uncommittedChanges` / `branchCheckedOutElsewhere` /
/// `lockTimeout` / `lockFailed` → 73, `libgit2Unavailable` → 69, `libgit2` → 70.
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
    /// libgit2 (the shared library of `version`, e.g. 1.5) could not be loaded: it is not
    /// installed, or not where the dynamic loader looks. Only git commands need it.
    case libgit2Unavailable(version: String, reason: String)
    /// Any other libgit2 failure, with its return code and message.
    case libgit2(code: Int32, message: String)

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
        case .libgit2Unavailable(let version, let reason): "libgit2 \(version) is not installed (\(reason))"
        case .libgit2(let code, let message): "libgit2 error \(code): \(message)"
        }
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
        case .notARepository, .missingBranch, .missingRemote, .invalidPath, .notAFile, .uncommittedChanges,
             .branchCheckedOutElsewhere, .lockTimeout, .lockFailed, .retriesExhausted,
             .libgit2Unavailable: return self
        }
    }
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
