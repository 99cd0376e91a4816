/// A format a string must have, said twice: as a check that explains what is wrong (for
/// config-api's messages), and as JSON Schema keywords (for Helm's `values.schema.json`).
/// `ProjectConfigTests` hold the two to the same answers.
public struct TextFormat: Sendable {
    /// What the text is, for the schema's description: `a DNS-1123 label`.
    public let name: String
    /// JSON Schema `pattern`: an accepted text matches it. Written without look-around, so
    /// that both ECMA-262 and Go's RE2 (Helm's validator) read it alike.
    public let pattern: String
    /// A pattern no accepted text matches (JSON Schema `not: {pattern: …}`), for the rules a
    /// pattern without look-around cannot say; nil when there are none.
    public let excludedPattern: String?
    /// The longest accepted text, in characters (all these formats are ASCII); nil: no limit.
    public let maximumLength: Int?
    /// Nil when `text` has the format, else what is wrong, as a phrase that follows the quoted
    /// text: "contains ';'; …", "is not a commit hash (…)".
    public let problem: @Sendable (String) -> String?

    public init(
        name: String, pattern: String, excludedPattern: String? = nil, maximumLength: Int?,
        problem: @escaping @Sendable (String) -> String?
    ) {
        self.name = name
        self.pattern = pattern
        self.excludedPattern = excludedPattern
        self.maximumLength = maximumLength
        self.problem = problem
    }
}

extension TextFormat {
    /// A DNS-1123 label (a namespace, a project): lowercase letters, digits and `-`.
    public static let dnsLabel = TextFormat(
        name: "a DNS-1123 label", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
        maximumLength: DNSNames.maximumLabelLength, problem: DNSNames.labelProblem)

    /// A Kubernetes Service name: a DNS-1123 label that starts with a letter.
    public static let serviceName = TextFormat(
        name: "a DNS label starting with a letter (a Kubernetes Service name)", pattern: "^[a-z]([-a-z0-9]*[a-z0-9])?$",
        maximumLength: DNSNames.maximumLabelLength, problem: DNSNames.serviceNameProblem)

    /// A hostname a Traefik `Host()` rule matches: lowercase labels joined by dots, not an address.
    public static let hostname = TextFormat(
        name: "a lowercase hostname", pattern: "^\(label)(\\.\(label))*$", excludedPattern: "(^|\\.)[0-9]+$",
        maximumLength: DNSNames.maximumHostnameLength, problem: DNSNames.hostnameProblem)

    /// A GitHub user or organisation.
    public static let gitHubOwner = TextFormat(
        name: "a GitHub owner", pattern: "^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$",
        maximumLength: GitHubNames.maximumOwnerLength, problem: GitHubNames.ownerProblem)

    /// A GitHub repository name, without `.git`.
    public static let gitHubRepository = TextFormat(
        name: "a GitHub repository name", pattern: "^[A-Za-z0-9._-]+$", excludedPattern: "^[.][.]?$|[.]git$",
        maximumLength: GitHubNames.maximumRepositoryLength, problem: GitHubNames.repositoryProblem)

    /// A git branch that is safe in the chart's URLs and filters.
    public static let gitBranch = TextFormat(
        name: "a git branch", pattern: "^[A-Za-z0-9._/-]+$",
        excludedPattern: "^[-/]|/$|//|[.][.]|[.]$|(^|/)[.]|[.]lock(/|$)",
        maximumLength: GitHubNames.maximumBranchLength, problem: GitHubNames.branchProblem)

    /// A commit hash: 7 to 40 hexadecimal digits.
    public static let commitHash = TextFormat(
        name: "a commit hash", pattern: "^[0-9a-fA-F]{7,40}$", maximumLength: 40, problem: GitHubNames.hashProblem)

    /// A container image tag (the chart runs `<type>:<version>`).
    public static let imageTag = TextFormat(
        name: "an image tag", pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", maximumLength: 128,
        problem: ContainerImageNames.tagProblem)

    /// A positive Kubernetes quantity of bytes: `5Gi`, `500Mi`, `1G`, `1024`.
    public static let storageQuantity = TextFormat(
        name: "a Kubernetes quantity", pattern: "^[0-9]+([.][0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$",
        excludedPattern: "^0+([.]0+)?[A-Za-z]*$", maximumLength: nil, problem: KubernetesQuantity.storageProblem)

    /// One DNS label inside a hostname pattern.
    private static let label = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"
}
