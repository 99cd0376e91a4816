/// What a transaction did.
public struct TransactionOutcome: Sendable, Equatable {
    /// Whether the edit changed the file (false: no commit was made).
    public var changed: Bool
    /// The new commit (full hex id), nil when nothing changed or for a preview.
    public var commit: String?
    /// The commit the edit was applied to (the remote tip, or the local tip for `--no-push`
    /// and previews), full hex id.
    public var base: String
    /// Attempts made: 1 when nobody else wrote meanwhile.
    public var attempts: Int
    /// The file before the edit (nil: it did not exist).
    public var before: [UInt8]?
    /// The file after the edit.
    public var after: [UInt8]?
    /// Whether the clone's own branch (and its work tree, when checked out) now has the commit.
    public var localBranchUpdated: Bool
    /// What went wrong after the push landed (the clone could not follow), one sentence each.
    public var warnings: [String] = []
    /// The branch the commit was pushed to: the transaction's branch, or the one `--push-to`
    /// named; nil when nothing was pushed.
    public var branch: String? = nil
}
