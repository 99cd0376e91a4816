#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import YAMLPatch

/// The checks of one application or database, and of the values the chart prints into the
/// manifests it renders from them.
extension ProjectValidator {
    /// The database images the chart knows how to configure (`image: {{ $db.type }}:{{ $db.version }}`).
    static let databaseTypes = ["mysql", "postgres", "redis", "mongodb"]
    /// Longest StatefulSet name: its pods get a `controller-revision-hash` label of the name
    /// plus 11 characters, and label values stop at 63.
    static let maximumStatefulSetName = 52

    mutating func checkApplication(_ item: TypedNode, index: Int) {
        let what = Self.label(of: item, kind: .applications, index: index)
        guard let fields = fields(of: item, what: what, known: ["name", "git", "port", "domains"],
                                  required: ["name", "git", "port"]) else { return }
        let name = fields["name"].flatMap { checkName($0, kind: .applications, what: what) }
        if let git = fields["git"] { checkGit(git, what: what) }
        if let port = fields["port"] { checkPort(port, what: what) }
        if let domains = fields["domains"], domains.value != .null { checkDomains(domains, what: what, application: name) }
    }

    mutating func checkDatabase(_ item: TypedNode, index: Int) {
        let what = Self.label(of: item, kind: .databases, index: index)
        guard let fields = fields(of: item, what: what, known: ["name", "type", "version", "port", "size"],
                                  required: ["name", "type", "version", "port", "size"]) else { return }
        _ = fields["name"].flatMap { checkName($0, kind: .databases, what: what) }
        if let node = fields["type"], let type = string(node, field: "type", what: what), !Self.databaseTypes.contains(type) {
            let hint = Self.closest(to: type, among: Self.databaseTypes).map { " (did you mean '\($0)'?)" } ?? ""
            report(node, "\(what): database type '\(shown(type))' is not supported\(hint); the chart configures "
                + Self.databaseTypes.joined(separator: ", "))
        }
        if let node = fields["version"], let version = string(node, field: "version", what: what),
           let problem = Self.imageTagProblem(version) {
            report(node, "\(what): version '\(shown(version))' \(problem)")
        }
        if let port = fields["port"] { checkPort(port, what: what) }
        if let size = fields["size"] { checkSize(size, what: what) }
    }

    /// `application 'api'` when the item has a string name, else `applications[2]`.
    private static func label(of item: TypedNode, kind: ResourcePath.Kind, index: Int) -> String {
        if case .string(let name)? = item.value["name"] { return "\(kind.singular) '\(shown(name))'" }
        return "\(kind.rawValue)[\(index)]"
    }

    /// Checks a name and records it; returns it when it is a valid, first-seen name.
    private mutating func checkName(_ node: TypedNode, kind: ResourcePath.Kind, what: String) -> String? {
        guard let name = string(node, field: "name", what: what) else { return nil }
        if let problem = DNSNames.serviceNameProblem(name) {
            report(node, "\(what): the name \(problem); it names Kubernetes objects")
            return nil
        }
        switch kind {
        case .applications where name.utf8.count > DNSNames.maximumLabelLength - 4:
            report(node, "\(what): the name is longer than \(DNSNames.maximumLabelLength - 4) characters; "
                + "the chart's label 'app: <name>-app' must fit in 63")
        case .databases where project.utf8.count + name.utf8.count + 4 > Self.maximumStatefulSetName:
            report(node, "\(what): the StatefulSet '\(project)-\(name)-db' would be longer than \(Self.maximumStatefulSetName) characters "
                + "(Kubernetes labels its pods with the name plus a revision hash); shorten the name")
        default: break
        }
        let owner = "\(kind.singular) '\(name)'"
        if let first = names[name] {
            let reason = first.owner.hasPrefix(kind.singular)
                ? "two \(kind.rawValue) with one name would render the same Kubernetes objects twice, and the path projects/\(project)/\(kind.rawValue)/\(name) would match both"
                : "applications and databases share the project's namespace, where the chart creates a Service and a secret named after each, so names must be unique across both lists"
            report(node, "\(what): the name '\(name)' is already used by the \(first.owner) at line \(first.line): \(reason)")
            return nil
        }
        names[name] = FirstUse(owner: owner, line: node.line)
        return name
    }

    private mutating func checkGit(_ node: TypedNode, what: String) {
        guard let git = fields(of: node, what: "\(what) git", known: ["type", "owner", "repo", "branch", "hash"],
                               required: ["type", "owner", "repo", "branch"]) else { return }
        if let type = git["type"], type.value != .string("github") {
            report(type, "\(what): git.type must be github (the chart builds from github.com), not \(type.written)")
        }
        let rules: [(field: String, problem: (String) -> String?)] = [
            ("owner", GitHubNames.ownerProblem), ("repo", GitHubNames.repositoryProblem), ("branch", GitHubNames.branchProblem),
        ]
        for rule in rules {
            if let field = git[rule.field], let text = string(field, field: "git.\(rule.field)", what: what), let problem = rule.problem(text) {
                report(field, "\(what): git.\(rule.field) '\(shown(text))' \(problem)")
            }
        }
        if let hash = git["hash"], hash.value != .null, let text = string(hash, field: "git.hash", what: what),
           let problem = GitHubNames.hashProblem(text) {
            report(hash, "\(what): git.hash \(problem)")
        }
    }

    private mutating func checkPort(_ node: TypedNode, what: String) {
        switch node.value {
        case .int(let port) where (1...65_535).contains(port): return
        case .int(let port): report(node, "\(what): port \(port) is out of range 1–65535")
        case .string(let text) where Int(text) != nil:
            report(node, "\(what): port must be a number, not the string \"\(text)\"; remove the quotes")
        default: report(node, "\(what): port must be a number 1–65535, not \(ResourceRequest.kind(of: node.value)) \(node.written)")
        }
    }

    private mutating func checkDomains(_ node: TypedNode, what: String, application: String?) {
        guard let items = node.items else {
            report(node, "\(what): domains must be a list of hostnames, not \(ResourceRequest.kind(of: node.value)) \(node.written)")
            return
        }
        var routeNames: [String: String] = [:]
        for item in items {
            guard let domain = string(item, field: "domain", what: what) else { continue }
            if let problem = DNSNames.hostnameProblem(domain) {
                report(item, "\(what): domain '\(shown(domain))' \(problem)")
                continue
            }
            if let first = domains[domain] {
                report(item, "\(what): domain '\(domain)' is already routed by the \(first.owner) at line \(first.line); "
                    + "Traefik cannot route one host to two IngressRoutes")
                continue
            }
            domains[domain] = FirstUse(owner: what, line: item.line)
            let folded = domain.replacing(".", with: "-")
            if let other = routeNames[folded] {
                report(item, "\(what): domains '\(other)' and '\(domain)' both become the IngressRoute name …-\(folded)-route")
            }
            routeNames[folded] = domain
            if let application, project.utf8.count + application.utf8.count + folded.utf8.count + 8 > 253 {
                report(item, "\(what): the IngressRoute name '\(project)-\(application)-\(folded)-route' would be longer than 253 characters")
            }
        }
    }

    private mutating func checkSize(_ node: TypedNode, what: String) {
        switch node.value {
        case .int(let bytes) where bytes > 0: return
        case .string(let text):
            if let problem = KubernetesQuantity.storageProblem(text) { report(node, "\(what): size \(problem)") }
        default:
            report(node, "\(what): size must be a Kubernetes quantity like 5Gi, 500Mi, 1G or 1024, not \(node.written)")
        }
    }

    /// The string value of `node`, or nil after reporting that it is something else; a scalar
    /// that YAML reads as a number or boolean gets the advice to quote it.
    private mutating func string(_ node: TypedNode, field: String, what: String) -> String? {
        switch node.value {
        case .string(let text): return text
        case .int, .double, .bool:
            report(node, "\(what): \(field) \(node.written) is read as \(ResourceRequest.kind(of: node.value)), which Helm "
                + "prints differently (8.0 becomes 8, 1234567 becomes 1.234567e+06); quote it: \"\(node.written)\"")
        default:
            report(node, "\(what): \(field) must be a string, not \(ResourceRequest.kind(of: node.value)) \(node.written)")
        }
        return nil
    }

    /// Nil when `tag` can follow `image:` — `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}` — else why not.
    private static func imageTagProblem(_ tag: String) -> String? {
        let allowed = tag.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_.-".unicodeScalars.contains($0)
        }
        guard allowed, (1...128).contains(tag.utf8.count), !tag.hasPrefix("."), !tag.hasPrefix("-") else {
            return "cannot be an image tag (the chart runs <type>:<version>): letters, digits, '_', '.' and '-', "
                + "at most 128, not starting with '.' or '-'"
        }
        return nil
    }
}
