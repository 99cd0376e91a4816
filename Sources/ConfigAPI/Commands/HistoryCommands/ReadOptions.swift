import ArgumentParser
import GitOps

/// Where `history` and `status` read from: a clone's branch (`-C DIR`), or a temporary clone of
/// `--remote URL`. They read the branch as it is there: run `git pull` first, or use `--remote`.
struct ReadOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Read the git clone at DIR.", valueName: "DIR"))
    var directory: String = "."

    @Option(help: ArgumentHelp("Clone URL into a temporary folder and read it.", valueName: "URL"))
    var remote: String?

    @Option(help: "Branch to read (default: the checked-out branch, or the remote's default branch).")
    var branch: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if remote != nil, directory != "." {
            throw ValidationError("-C and --remote exclude each other: --remote clones into a temporary folder")
        }
    }

    /// The tip of the branch to read, in the repository (kept alive with it: a temporary clone
    /// is deleted when the repository goes away).
    func snapshot() throws -> (GitRepository, CommitSnapshot) {
        try GitRepository.readObjectsWithoutVerifyingTheirIDs()
        let repository: GitRepository
        if let remote {
            let logger = StandardErrorLogHandler.logger(verbose: false, quiet: false)
            repository = try GitRepository.cloneIntoTemporaryFolder(
                url: remote, branch: branch, credentials: Credentials.fromEnvironment(Environment.current()),
                logger: logger)
        } else {
            repository = try GitRepository.open(at: directory)
        }
        return (repository, try repository.snapshot(ofBranch: branch))
    }
}
