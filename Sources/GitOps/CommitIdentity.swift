/// The author and committer of the commits a transaction makes.
public struct CommitIdentity: Sendable, Equatable, CustomStringConvertible {
    /// The person's (or bot's) name.
    public var name: String
    /// The e-mail address, without angle brackets.
    public var email: String

    /// The identity used when neither `--author` nor git config gives one.
    public static let fallback = CommitIdentity(name: "config-api", email: "config-api@users.noreply.github.com")

    /// An identity from its parts.
    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// Parses `Name <email>` (as `git commit --author` takes it); nil when it is not of that form.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else { return nil }
        let name = trimmed[..<open].trimmingSpaces
        let email = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
        guard !name.isEmpty, !email.isEmpty, !email.contains("<"), !email.contains(">") else { return nil }
        self.init(name: name, email: String(email))
    }

    public var description: String { "\(name) <\(email)>" }
}
