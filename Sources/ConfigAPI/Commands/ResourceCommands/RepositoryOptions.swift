import ArgumentParser
import GitOps
import ProjectConfig

/// Where a resource command commits, and how: the options `apply`, `bump` and `dispatch` share.
struct RepositoryOptions: ParsableArguments {
    @Option(name: .customShort("C"), help: ArgumentHelp("Work in the git clone at DIR.", valueName: "DIR"))
    var directory: String = "."

    @Option(
        help: ArgumentHelp(
            "Clone URL into a temporary folder first (for a container with no checkout).",
            valueName: "URL"))
    var remote: String?

    @Option(help: "Branch to update (default: the checked-out branch, or the remote's default branch).")
    var branch: String?

    @Option(
        help: ArgumentHelp(
            "Commit message; {action}, {path}, {project}, {kind}, {name} are replaced.",
            valueName: "TEMPLATE"))
    var message: String = "{action} {path}"

    @Option(
        help: ArgumentHelp(
            "Author and committer (default: git config, else config-api).",
            valueName: "\"NAME <EMAIL>\""))
    var author: String?

    @Flag(help: "Print the diff the update would make, and change nothing.")
    var dryRun = false

    @Flag(help: "Commit to the local branch only; do not push.")
    var noPush = false

    @Option(help: "Attempts before giving up while other writers keep moving the branch.")
    var maxAttempts: Int = RetryPolicy.standard.maxAttempts

    @Flag(name: .shortAndLong, help: "Log every attempt to stderr.")
    var verbose = false

    func validate() throws {
        if remote != nil, directory != "." {
            throw ValidationError("-C and --remote exclude each other: --remote clones into a temporary folder")
        }
        if remote != nil, noPush {
            throw ValidationError("--no-push with --remote would commit into a temporary clone that is then deleted")
        }
        if author != nil, commitIdentity == nil {
            throw ValidationError("--author must look like \"Name <email@example.com>\"")
        }
        if maxAttempts < 1 {
            throw ValidationError("--max-attempts must be at least 1")
        }
    }

    /// The parsed `--author`.
    var commitIdentity: CommitIdentity? { author.flatMap(CommitIdentity.init(parsing:)) }

    /// The retry policy with `--max-attempts`.
    var retryPolicy: RetryPolicy {
        var policy = RetryPolicy.standard
        policy.maxAttempts = maxAttempts
        return policy
    }

    /// The commit message for `request`, from the template.
    func commitMessage(for request: ResourceRequest) -> String {
        request.commitMessage(template: message)
    }
}
