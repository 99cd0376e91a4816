import GitOps

extension SysexitCode {
    /// A GitOps error's exit code: 77 authentication refused (or no SSH agent), 75 retries
    /// exhausted, 66 no repository, branch or remote, or not a file, 65 a path outside the
    /// tree, 73 the update could not be written (server refusal, lock, uncommitted changes),
    /// 69 libgit2 is not installed, 70 anything else from libgit2.
    init(_ error: GitOpsError) {
        switch error {
        case .authenticationRefused, .sshAgentUnavailable: self = .noPermission
        case .retriesExhausted: self = .temporaryFailure
        case .notARepository, .missingBranch, .missingRemote, .notAFile: self = .noInput
        case .invalidPath: self = .dataError
        case .rejectedByServer, .uncommittedChanges, .branchCheckedOutElsewhere, .lockTimeout, .lockFailed:
            self = .cannotCreate
        case .libgit2Unavailable: self = .unavailable
        case .libgit2: self = .software
        }
    }
}
