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
            "Commit message; {action}, {path}, {project}, {kind}, {name} and {trailer:KEY} are replaced.",
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

    @Option(help: ArgumentHelp("Attempts before giving up while the server cannot be reached (refused, reset, DNS, "
                               + "HTTP 5xx, a timeout); then exit 69.", valueName: "N"))
    var networkAttempts: Int = RetryPolicy.standard.maxNetworkAttempts

    @Option(help: ArgumentHelp("Seconds to wait for the server to accept a connection.", valueName: "SECONDS"))
    var connectTimeout: Double = NetworkPolicy.standard.connectTimeout

    @Option(help: ArgumentHelp("Seconds a connection may stay silent before the attempt is abandoned (git "
                               + "servers send keep-alives every 5 s).", valueName: "SECONDS"))
    var idleTimeout: Double = NetworkPolicy.standard.idleTimeout

    @Flag(help: "Send the token over plain http:// to a host that is not loopback (refused by default).")
    var allowInsecureHTTP = false

    @OptionGroup(title: "Signed and traceable commits") var commit: CommitOptions

    @Flag(name: .shortAndLong, help: "Log every attempt to stderr.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print no retry or recovery lines; warnings and errors only.")
    var quiet = false

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
        if networkAttempts < 1 {
            throw ValidationError("--network-attempts must be at least 1")
        }
        if !(connectTimeout > 0 && connectTimeout.isFinite && idleTimeout > 0 && idleTimeout.isFinite) {
            throw ValidationError("--connect-timeout and --idle-timeout must be positive numbers of seconds")
        }
        if verbose, quiet {
            throw ValidationError("-v and -q exclude each other")
        }
        if noPush, commit.pushBranchTemplate != nil {
            throw ValidationError("--push-to with --no-push: --push-to names the branch a push goes to")
        }
    }

    /// The network limits from `--connect-timeout`, `--idle-timeout` and `--allow-insecure-http`.
    var networkPolicy: NetworkPolicy {
        NetworkPolicy(connectTimeout: connectTimeout, idleTimeout: idleTimeout, allowsInsecureHTTP: allowInsecureHTTP)
    }

    /// The parsed `--author`.
    var commitIdentity: CommitIdentity? { author.flatMap(CommitIdentity.init(parsing:)) }

    /// The retry policy with `--max-attempts`.
    var retryPolicy: RetryPolicy {
        var policy = RetryPolicy.standard
        policy.maxAttempts = maxAttempts
        policy.maxNetworkAttempts = networkAttempts
        return policy
    }

    /// The commit message for `request`, from the template.
    func commitMessage(for request: ResourceRequest) -> String {
        request.commitMessage(template: message)
    }
}
