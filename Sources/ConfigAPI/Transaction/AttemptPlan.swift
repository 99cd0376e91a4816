import GitOps
import ProjectConfig

/// Why an attempt wrote nothing although it was asked to (docs/contract.md#deploy-order): the
/// outcomes `superseded` and `held`, both exit 0.
struct DeclinedUpdate: Equatable {
    enum Kind: String {
        /// Something newer is deployed.
        case superseded
        /// The application is held (`rollback --hold`) until `release`.
        case held
    }

    let kind: Kind
    /// Why, in one line (for the notice).
    let reason: String
}

/// A problem a project file had before the attempt's edit and still has: a warning, not a veto
/// (docs/contract.md#validation).
struct FileWarning {
    let file: String
    let issue: ValidationIssue
}

/// What one attempt of a resource command does at its base.
enum PlannedAttempt {
    /// Commit these files with this message (the expanded template, before the `--trailer`s,
    /// provenance and sign-off are added) and these trailers of its own; `warnings` are the
    /// problems the files already had.
    case write([FileUpdate], message: String, trailers: [CommitTrailer], warnings: [FileWarning] = [])
    /// Write nothing: superseded or held.
    case declined(DeclinedUpdate)
}

/// A resource command's work, run once per attempt of its transaction on the attempt's base
/// (``DeployTransaction``): the edits of the files it changes, and the checks that may decline.
protocol AttemptPlan {
    /// What the run changes, as the report names it: `projects/p/applications/api`.
    var subject: String { get }
    /// The facts of the GitHub Actions summary, besides the commit and the attempts.
    var facts: [(name: String, value: String)] { get }
    /// The file an error that names none is reported in.
    var file: String? { get }
    /// The item the `--push-to` template is filled from (nil: several, no placeholders), and
    /// its `{action}`.
    var branchNaming: (path: ResourcePath?, action: String) { get }
    /// What to do at `base`.
    func decide(at base: CommitSnapshot) throws -> PlannedAttempt
}
