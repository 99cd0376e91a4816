/// What one attempt's edit decided, given the branch as it is at the attempt's base (a
/// ``CommitSnapshot``): a transaction runs the edit again on every attempt, so each decision is
/// taken on the tip it will be committed on.
public enum AttemptDecision {
    /// Commit these files with `message` (one update per path). Files whose bytes equal the
    /// base's are left out; when none differs there is no commit (the outcome is unchanged).
    case write([FileUpdate], message: String)
    /// Write nothing and end the transaction: the caller's own reason (an order guard found the
    /// update superseded, a hold). The outcome says `declined`.
    case decline
}

/// The new bytes of one file of an attempt's commit.
public struct FileUpdate: Sendable, Equatable {
    /// The path in the tree, e.g. `projects/shop.yaml`.
    public var path: String
    /// The file's new bytes.
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// One file an attempt's edit returned, before and after (equal when the edit left it as it was).
public struct FileChange: Sendable, Equatable {
    /// The path in the tree.
    public var path: String
    /// The bytes at the base; nil when the file did not exist.
    public var before: [UInt8]?
    /// The bytes the edit returned.
    public var after: [UInt8]

    /// Whether the edit changed the file.
    public var isChanged: Bool { before != after }
}
