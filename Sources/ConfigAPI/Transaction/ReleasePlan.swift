import GitOps
import ProjectConfig

/// `config-api release`: removes an application's hold, so that its hash updates land again
/// (docs/contract.md#history-rollback-and-holds).
struct ReleasePlan: AttemptPlan {
    let path: ResourcePath
    /// The `--message` template (`{action}` is `release`).
    let template: String

    var subject: String { path.description }
    var facts: [(name: String, value: String)] { [("Action", "release"), ("Path", path.description)] }
    var file: String? { path.file }
    var branchNaming: (path: ResourcePath?, action: String) { (path, "release") }

    func decide(at base: CommitSnapshot) throws -> PlannedAttempt {
        let edited = try HoldRelease(path: path).editedFile(of: try base.file(path.file))
        return .write(
            [FileUpdate(path: path.file, bytes: edited.text)],
            message: path.commitMessage(template: template, action: "release"), trailers: [],
            warnings: edited.warnings.map { FileWarning(file: path.file, issue: $0) })
    }
}
