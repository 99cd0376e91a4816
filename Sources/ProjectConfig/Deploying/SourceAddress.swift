/// Where an application's source repository is, for the ancestry guard
/// (docs/contract.md#deploy-order): a template (`--source-url`) filled from the item.
///
/// The placeholders are `{owner}` and `{repo}` (the item's `git.owner` and `git.repo`, which
/// validation keeps to GitHub's characters), `{project}` and `{name}` (DNS labels). The default
/// is GitHub's HTTPS address; a local path template (`/srv/git/{repo}.git`) points at
/// repositories on disk, as the tests do.
public struct SourceAddress: Sendable, Equatable {
    /// GitHub, over HTTPS.
    public static let defaultTemplate = "https://github.com/{owner}/{repo}.git"

    /// The template.
    public let template: String

    public init(template: String = Self.defaultTemplate) {
        self.template = template
    }

    /// The address of `item`'s source repository; an application without `git.owner` and
    /// `git.repo` is refused when the template needs them.
    public func url(of item: DeployedItem) throws(ProjectConfigError) -> String {
        let needsSource = template.contains("{owner}") || template.contains("{repo}")
        let source = item.source
        if needsSource, source == nil {
            throw ProjectConfigError(
                .invalidProject, "\(item.path) has no git.owner and git.repo to find its source repository by",
                file: item.path.file)
        }
        return [
            ("{owner}", source?.owner ?? ""), ("{repo}", source?.repo ?? ""), ("{project}", item.path.project),
            ("{name}", item.path.name),
        ].reduce(template) { $0.replacing($1.0, with: $1.1) }
    }
}
