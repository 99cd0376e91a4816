import GitOps
import ProjectConfig
import YAMLPatch

/// `config-api rollback`: deploys an earlier hash of an application, read from the history of
/// its project file at each attempt's base, optionally with a hold; order guards and holds do
/// not stop it (docs/contract.md#history-rollback-and-holds).
struct RollbackPlan: AttemptPlan {
    /// Which earlier hash.
    enum Target {
        /// The hash this many deployments back (1: the previous one).
        case stepsBack(Int)
        /// The hash of the history this names (a prefix, or a longer form, of it).
        case hash(String)
    }

    let path: ResourcePath
    let target: Target
    /// The hold to place, when given.
    let hold: String?
    /// The `--message` template.
    let template: String

    var subject: String { path.description }
    var facts: [(name: String, value: String)] { [("Action", "rollback"), ("Path", path.description)] }
    var file: String? { path.file }
    var branchNaming: (path: ResourcePath?, action: String) { (path, "rollback") }

    func decide(at base: CommitSnapshot) throws -> PlannedAttempt {
        let current = try base.file(path.file)
        guard let current, let deployed = try DeployedItem.read(path, in: current) else {
            throw ProjectConfigError(.conflict, "no application named '\(path.name)' in \(path.file)", file: path.file)
        }
        let hash = try targetHash(deployed: deployed.hash, at: base)
        var spec = [YAMLValue.Entry(key: "git", value: .mapping([.init(key: "hash", value: .string(hash))]))]
        if let hold { spec.append(.init(key: DeployedItem.holdKey, value: .string(hold))) }
        let request = try ResourceRequest(path: path, action: .apply, spec: .mapping(spec))
        let edited = try ResourceEdit(request: request).editedFile(of: current)
        return .write(
            [FileUpdate(path: path.file, bytes: edited.text)], message: message(to: hash, from: deployed.hash),
            trailers: [], warnings: edited.warnings.map { FileWarning(file: path.file, issue: $0) })
    }

    /// The hash to deploy, from the hashes the history holds.
    private func targetHash(deployed: String?, at base: CommitSnapshot) throws -> String {
        var walk = try ItemHistoryWalk(from: base, items: [path])
        var timeline = HashTimeline()
        timeline.addOlder(deployed)
        let wanted: Int? = if case .stepsBack(let steps) = target { deployed == nil ? steps - 1 : steps } else { nil }
        while wanted.map({ timeline.hashes.count <= $0 }) ?? true, let step = try walk.next() {
            for transition in step.transitions {
                timeline.addOlder(DeployedItem(path: path, value: transition.older.value ?? .null).hash)
            }
        }
        switch target {
        case .stepsBack(let steps):
            guard let wanted, let hash = timeline.hash(stepsBack: wanted) else {
                throw ProjectConfigError(
                    .invalidRequest,
                    "\(path) has \(max(0, timeline.hashes.count - 1)) earlier hashes in its history; "
                        + "--steps \(steps) goes back further", file: path.file)
            }
            return hash
        case .hash(let prefix):
            guard let hash = try timeline.hash(matching: prefix, of: path) else {
                throw ProjectConfigError(
                    .invalidRequest, "\(path) was never deployed with \(prefix); `config-api history "
                        + "\(path.project) \(path.name)` lists its hashes", file: path.file)
            }
            return hash
        }
    }

    /// `rollback projects/P/applications/N to <hash> (was <deployed>)`, or the `--message`
    /// template (`{hash}`, `{previous}` besides the usual placeholders); the hold in the body.
    private func message(to hash: String, from deployed: String?) -> String {
        let template =
            template == RepositoryOptions.defaultMessage ? "{action} {path} to {hash} (was {previous})" : template
        let subject = path.commitMessage(template: template, action: "rollback",
                                         extra: [("{hash}", hash), ("{previous}", deployed ?? "~")])
        guard let hold else { return subject }
        return subject + "\n\nHash updates are held until `config-api release \(path.project) \(path.name)`: \(hold)"
    }
}
