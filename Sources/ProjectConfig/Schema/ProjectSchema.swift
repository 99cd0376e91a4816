/// The project file, `projects/<project>.yaml`, as the platform's Helm chart consumes it:
/// defined once, here. ``ProjectValidation`` checks files by walking this definition, and
/// ``jsonSchema()`` exports it for Helm (docs/contract.md#validation).
///
/// Decisions beyond the chart's field list:
/// - Unknown keys are refused at every level: Helm silently ignores a typo such as `domain:`,
///   so the routes would just be missing. Keys starting with `x-` are the escape for notes a
///   team keeps in the file; the chart never reads them.
/// - Application and database names are unique across both lists: the chart makes a Service
///   named after each and a secret `<project>-<name>-secret` in the one namespace. They start
///   with a letter (Service names are RFC 1035 labels) and fit the longest object name the chart
///   derives from them.
/// - Values the chart prints into manifests must have the YAML type it expects: an unquoted `8.0`
///   version or `1234567` hash is a number, which Helm renders as `8` or `1.234567e+06`.
/// - Merge keys (`<<`) and a second document are refused (the validator says why); plain
///   anchors and aliases are followed.
public enum ProjectSchema {
    /// The whole file.
    public static let projectFile = MappingSchema(
        title: "the project file",
        fields: [
            FieldSchema(
                "applications", .nullable(.list(ListSchema(of: .mapping(application), itemNoun: "application"))),
                required: false, summary: "The project's applications: each is built from GitHub and deployed."),
            FieldSchema(
                "databases", .nullable(.list(ListSchema(of: .mapping(database), itemNoun: "database"))),
                required: false, summary: "The project's databases: each runs as a StatefulSet with a volume."),
        ],
        requiresOneOf: ["applications", "databases"],
        keysSetElsewhere: [
            KeySetElsewhere(
                "project", .text(.dnsLabel),
                summary: "The project: its namespace and the prefix of its names. Set by the ApplicationSet "
                    + "from the file name (--set-string project=<project>), never in the project file.",
                reason: "project is set by the ApplicationSet from the file "
                    + "name (--set-string project=…); remove it"),
            KeySetElsewhere(
                "platform", nil,
                summary: "What every project shares (registry, GitOps repository, images): the chart's "
                    + "values.yaml, never a project file.",
                reason: "platform holds what every project shares and is set in the "
                    + "chart's values.yaml; remove it"),
        ])

    /// One item of `applications`.
    public static let application = MappingSchema(
        title: "application",
        fields: [
            FieldSchema(
                "name", .text(.serviceName), required: true,
                summary: "The application's name: its Service, Deployment and image.",
                crossChecks: [.unique(resourceNames), .derivedName(applicationLabel)]),
            FieldSchema("git", .mapping(git), required: true, summary: "Where the application's source is built from."),
            FieldSchema("port", .integer(1...65_535), required: true, summary: "The port the application listens on."),
            FieldSchema(
                "domains",
                .nullable(
                    .list(
                        ListSchema(
                            of: .text(.hostname), itemNoun: "domain",
                            itemChecks: [.unique(routedHosts), .derivedName(ingressRoute)]))),
                required: false, summary: "Hostnames routed to the application."),
        ],
        nameKey: "name")

    /// The `git` block of an application.
    public static let git = MappingSchema(
        title: "git",
        fields: [
            FieldSchema("type", .choice(["github"]), required: true, summary: "The chart builds from github.com only."),
            FieldSchema("owner", .text(.gitHubOwner), required: true, summary: "The GitHub user or organisation."),
            FieldSchema("repo", .text(.gitHubRepository), required: true, summary: "The repository, without .git."),
            FieldSchema("branch", .text(.gitBranch), required: true, summary: "The branch whose pushes are built."),
            FieldSchema(
                "hash", .nullable(.text(.commitHash)), required: false,
                summary: "The commit deployed, written by config-api after each build; ~ before the first."),
        ])

    /// One item of `databases`.
    public static let database = MappingSchema(
        title: "database",
        fields: [
            FieldSchema(
                "name", .text(.serviceName), required: true,
                summary: "The database's name: its Service, StatefulSet and secret.",
                crossChecks: [.unique(resourceNames), .derivedName(statefulSet)]),
            FieldSchema("type", .choice(databaseTypes), required: true, summary: "The database image the chart runs."),
            FieldSchema(
                "version", .text(.imageTag), required: true,
                summary: "The image tag, as a string (\"8.0\", not 8.0)."),
            FieldSchema("port", .integer(1...65_535), required: true, summary: "The port the database listens on."),
            FieldSchema("size", .storageSize, required: true, summary: "The volume's size: 5Gi, 500Mi, 1G or 1024."),
        ],
        nameKey: "name")

    /// The database images the chart knows how to configure (`image: <type>:<version>`).
    public static let databaseTypes = ["mysql", "postgres", "redis", "mongodb"]

    /// Application and database names: both become Services and secrets in one namespace.
    public static let resourceNames = UniquenessScope(
        name: "resource names", verb: "used",
        reason: "applications and databases share the project's namespace, where the chart creates a Service "
            + "and a secret named after each, and a resource path must name exactly one item")

    /// Domains: one host goes to one IngressRoute.
    public static let routedHosts = UniquenessScope(
        name: "domains", verb: "routed", reason: "Traefik cannot route one host to two IngressRoutes")

    /// The chart labels an application's pods `app: <name>-app`, and label values stop at 63.
    static let applicationLabel = DerivedName(
        object: "pod label value", template: "{value}-app", maximumLength: 63,
        reason: "the chart's label 'app: <name>-app' must fit in 63")

    /// Kubernetes labels a StatefulSet's pods with its name plus an 11-character revision hash,
    /// and label values stop at 63.
    static let statefulSet = DerivedName(
        object: "StatefulSet name", template: "{project}-{value}-db", maximumLength: 52,
        reason: "Kubernetes labels its pods with the name plus a revision hash; shorten the name")

    /// Each domain gets an IngressRoute `<project>-<application>-<domain with dashes>-route`.
    static let ingressRoute = DerivedName(
        object: "IngressRoute name", template: "{project}-{name}-{dashed-value}-route", maximumLength: 253,
        reason: "an object name has at most 253 characters", mustBeUnique: true)
}
