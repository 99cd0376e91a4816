import GitOps

extension CommandFailure {
    /// A GitOps error with its documented exit code: 77 authentication refused (or no SSH agent), 75 retries
    /// exhausted, 66 no repository/branch/remote or not a file, 65 a path outside the tree, 73 the update could not be
    /// written (server refusal, lock, uncommitted changes), 69 libgit2 is not installed, 70 anything else from libgit2.
    init(_ error: GitOpsError) {
        let status: ExitStatus
        switch error {
        case .authenticationRefused, .sshAgentUnavailable: status = .noPermission
        case .retriesExhausted: status = .temporaryFailure
        case .notARepository, .missingBranch, .missingRemote, .notAFile: status = .noInput
        case .invalidPath: status = .dataError
        case .rejectedByServer, .uncommittedChanges, .branchCheckedOutElsewhere, .lockTimeout, .lockFailed:
            status = .cannotCreate
        case .libgit2Unavailable: status = .unavailable
        case .libgit2: status = .software
        }
        self.init(status, error.description)
    }
}
