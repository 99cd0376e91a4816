import GitOps

extension SysexitCode {
    /// A GitOps error's exit code (docs/contract.md#exit-codes): 77 authentication refused (or no
    /// SSH agent, a token that would travel over plain HTTP, a server whose identity cannot be
    /// verified), 75 retries exhausted, 66 no repository, branch or remote, or not a file, 65 a
    /// path outside the tree, 73 the update could not be written (server or hook refusal, a lock
    /// file held by another process, uncommitted changes, a write that failed), 69 the remote is
    /// unavailable (unreachable, reset, DNS, HTTP 5xx, a timeout, a redirect to another origin)
    /// or libgit2 or the signing program is not installed, 77 also a signing key that is
    /// missing or cannot sign, 70 anything else from libgit2 (a bug).
    init(_ error: GitOpsError) {
        switch error {
        case .authenticationRefused, .sshAgentUnavailable, .insecureTransport, .untrustedServer, .signingFailed:
            self = .noPermission
        case .retriesExhausted: self = .temporaryFailure
        case .notARepository, .missingBranch, .missingRemote, .notAFile, .repositoryNotFound, .unresolvedRemoteHead:
            self = .noInput
        case .invalidPath: self = .dataError
        case .rejectedByServer, .uncommittedChanges, .branchCheckedOutElsewhere, .lockTimeout, .lockFailed,
            .lockFileHeld, .writeFailed, .fileSystemFailed:
            self = .cannotCreate
        case .libgit2Unavailable, .remoteUnavailable, .remoteTimedOut, .redirectedToAnotherOrigin, .signerUnavailable:
            self = .unavailable
        case .libgit2: self = .software
        }
    }
}
