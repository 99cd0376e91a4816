import ArgumentParser
import GitOps
import ProjectConfig

/// The order guards of hash updates (docs/contract.md#deploy-order): the options `apply`, `bump`
/// and `dispatch` share, besides ``RepositoryOptions``.
struct OrderOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Deploy a hash only when its commit descends from the deployed one in the application's source "
            + "repository; an older one ends as superseded, a diverged one is refused (65)."))
    var requireAncestry = false

    @Option(help: ArgumentHelp(
        "An ordering key (an integer: the source commit's time in Unix seconds, a build number), recorded in "
            + "the commit; an update whose key is not greater than the last recorded one ends as superseded.",
        valueName: "KEY"))
    var orderKey: String?

    @Flag(help: "Deploy a commit that does not descend from the deployed one anyway (with --require-ancestry).")
    var allowDiverged = false

    @Option(help: ArgumentHelp(
        "The source repository's address; {owner}, {repo} (the item's git.owner, git.repo), {project} and "
            + "{name} are replaced (default: \(SourceAddress.defaultTemplate)).", valueName: "TEMPLATE"))
    var sourceURL: String?

    @Option(help: ArgumentHelp(
        "Where source repositories are kept between runs (default: $XDG_CACHE_HOME/config-api/sources, else "
            + "~/.cache/config-api/sources).", valueName: "DIR"))
    var sourceCache: String?

    /// The requirement the flags ask for.
    func requirement() throws(CommandFailure) -> OrderRequirement {
        do {
            return OrderRequirement(
                ancestry: requireAncestry,
                key: try orderKey.map { text throws(ProjectConfigError) in
                    try OrderKey(parsing: text, origin: "--order-key")
                })
        } catch {
            throw CommandFailure(.usage, error.message)
        }
    }

    /// The order checks for `requirement` (the flags' and a payload's together).
    func checks(_ requirement: OrderRequirement, credentials: Credentials, repository: RepositoryOptions,
                environment: [String: String]) -> OrderChecks {
        let template = sourceURL ?? SourceAddress.defaultTemplate
        let cache = SourceRepositoryCache(
            folder: sourceCacheFolder(environment), credentials: credentials, network: repository.networkPolicy,
            retry: repository.retryPolicy,
            logger: StandardErrorLogHandler.logger(verbose: repository.verbose, quiet: repository.quiet))
        return OrderChecks(order: requirement, allowsDiverged: allowDiverged, source: SourceAddress(template: template),
                           cache: cache)
    }

    /// `--source-cache`, else `$XDG_CACHE_HOME/config-api/sources`, else `$HOME/.cache/config-api/sources`.
    private func sourceCacheFolder(_ environment: [String: String]) -> String {
        if let sourceCache, !sourceCache.isEmpty { return sourceCache }
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return "\(cache)/config-api/sources" }
        return "\(environment["HOME"] ?? "/tmp")/.cache/config-api/sources"
    }
}
