/// The naming rules that project, application and database names and domains must follow
/// because the Helm chart turns them into Kubernetes objects and Traefik routes.
///
/// Each check returns nil when the text is acceptable, or a phrase saying what is wrong that
/// follows the quoted text in a message ("is empty", "contains ';'; …").
enum DNSNames {
    /// The longest DNS label (RFC 1123), and so the longest namespace or Service name.
    static let maximumLabelLength = 63
    /// The longest hostname (RFC 1123).
    static let maximumHostnameLength = 253

    /// A DNS-1123 label: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters, the rule for
    /// namespaces and most Kubernetes object names.
    static func labelProblem(_ text: String) -> String? {
        if text.isEmpty { return "is empty" }
        if text.utf8.count > maximumLabelLength {
            return "is \(text.utf8.count) characters long; at most \(maximumLabelLength) are allowed"
        }
        if let bad = text.unicodeScalars.first(where: { !isLabelCharacter($0) }) {
            if ("A"..."Z").contains(bad) { return "contains the capital letter '\(bad)'; use lowercase" }
            return "contains '\(DisplayText.visible(bad))'; only lowercase letters, digits and '-' are allowed"
        }
        if text.hasPrefix("-") || text.hasSuffix("-") { return "must start and end with a letter or digit" }
        return nil
    }

    /// A Kubernetes Service name (RFC 1035 label): a DNS-1123 label that starts with a letter.
    static func serviceNameProblem(_ text: String) -> String? {
        if let problem = labelProblem(text) { return problem }
        if let first = text.unicodeScalars.first, !("a"..."z").contains(first) {
            return "must start with a letter: it becomes a Kubernetes Service name (RFC 1035)"
        }
        return nil
    }

    /// A hostname that a Traefik `Host()` rule can match and that the chart can fold into an
    /// IngressRoute name: lowercase RFC 1123 labels joined by dots, at most 253 characters,
    /// no wildcard, no trailing dot, not an IP address.
    static func hostnameProblem(_ text: String) -> String? {
        if text.isEmpty { return "is empty" }
        if text.utf8.count > maximumHostnameLength {
            return "is \(text.utf8.count) characters long; a hostname has at most \(maximumHostnameLength)"
        }
        if text.hasPrefix("*") { return "is a wildcard; the chart's Host() rule matches exact hostnames only" }
        if text.hasSuffix(".") { return "ends with '.'; write the hostname without the trailing dot" }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            if let problem = labelProblem(String(label)) {
                return "is not a hostname: label '\(DisplayText.sanitized(String(label)))' \(problem)"
            }
        }
        if let last = labels.last, last.allSatisfy(\.isNumber) {
            return "looks like an IP address; the chart routes hostnames"
        }
        return nil
    }

    private static func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
