import GitOps

extension CommandFailure {
    /// A GitOps error with its documented exit code: 77 authentication refused (or no SSH agent, a token that
    /// would travel over plain HTTP, a server whose identity cannot be verified), 75 retries exhausted, 66 no
    /// repository/branch/remote or not a file, 65 a path outside the tree, 73 the update could not be written
    /// (server or hook refusal, lock, a lock file held by another process, uncommitted changes, a write that
    /// failed), 69 the remote unavailable (unreachable, reset, DNS, HTTP 5xx, a timeout, a redirect to another
    /// origin) or libgit2 not installed, 70 anything else from libgit2 (a bug).
    init(_ error: GitOpsError) {
        let status: ExitStatus
        switch error {
        case .authenticationRefused, .sshAgentUnavailable, .insecureTransport, .untrustedServer: status = .noPermission
        case .retriesExhausted: status = .temporaryFailure
        case .notARepository, .missingBranch, .missingRemote, .notAFile, .repositoryNotFound, .unresolvedRemoteHead:
            status = .noInput
        case .invalidPath: status = .dataError
        case .rejectedByServer, .uncommittedChanges, .branchCheckedOutElsewhere, .lockTimeout, .lockFailed,
             .lockFileHeld, .writeFailed, .fileSystemFailed:
            status = .cannotCreate
        case .libgit2Unavailable, .remoteUnavailable, .remoteTimedOut, .redirectedToAnotherOrigin: status = .unavailable
        case .libgit2: status = .software
        }
        self.init(status, error.description)
    }
}
