/// One commit of a branch's first-parent history that changed a file: who made it, when, its
/// message, and the file's blob at the commit and at its first parent.
public struct FileRevision: Sendable {
    /// The commit's id, 40 hex digits.
    public let commit: String
    /// The author.
    public let author: CommitIdentity
    /// The author's time, in seconds since 1970-01-01 UTC.
    public let time: Int64
    /// The author's offset from UTC, in minutes.
    public let offsetMinutes: Int
    /// The whole message, trailers included.
    public let message: String
    /// The file's blob at this commit; nil when the commit removed it.
    public let blob: String?
    /// The file's blob at the first parent; nil when the parent had no such file (or there is
    /// no parent).
    public let previousBlob: String?

    /// The message's first line.
    public var subject: String { String(message.prefix { $0 != "\n" }) }

    /// The message's trailers (`Key: value` lines of its last paragraph), in order, as
    /// `git interpret-trailers --parse` reads them.
    public var trailers: [(key: String, value: String)] { messageTrailers(message) }
}

/// The commits that changed one file, walking a branch's first parents from a tip towards its
/// root, newest first: what the branch went through, as `git log --first-parent -- FILE` lists
/// it. A commit counts when the file's blob id differs from its first parent's, so only the
/// tree entries along the file's path are read, never a diff; the caller reads the bytes of
/// the blobs it needs (``bytes(ofBlob:)``), once per distinct blob.
///
/// Walking is lazy: ``next()`` reads commits only until it finds the next one that changed the
/// file, so a caller that finds what it looks for early stops early.
public final class FileHistory {
    private let repository: RepositoryHandle
    private let path: String
    /// The next commit to compare with its parent, and the file's blob id there.
    private var pending: (commit: CommitHandle, blob: ObjectID?)?

    init(repository: RepositoryHandle, path: String, tip: ObjectID) throws {
        self.repository = repository
        self.path = path
        let commit = try repository.commit(tip)
        pending = (commit, try blobID(in: commit))
    }

    /// The next older commit that changed the file; nil after the root. Throws
    /// `incompleteHistory` when a parent is missing (a shallow clone).
    public func next() throws -> FileRevision? {
        while let (commit, blob) = pending {
            guard let parentID = commit.firstParentID else {
                pending = nil
                return blob == nil ? nil : revision(commit, blob: blob, previous: nil)
            }
            guard let parent = try repository.commitIfPresent(parentID) else {
                throw GitOpsError.incompleteHistory(commit: "\(commit.id)")
            }
            let parentBlob = try blobID(in: parent)
            pending = (parent, parentBlob)
            if parentBlob != blob { return revision(commit, blob: blob, previous: parentBlob) }
        }
        return nil
    }

    /// The bytes of the blob `id` (a ``FileRevision/blob`` or ``FileRevision/previousBlob``).
    public func bytes(ofBlob id: String) throws -> [UInt8] {
        guard let blob = ObjectID(hex: id) else { throw GitOpsError.invalidPath(id) }
        return try repository.blob(blob).bytes
    }

    private func blobID(in commit: CommitHandle) throws -> ObjectID? {
        try repository.tree(commit.treeID).entry(atPath: path)?.id
    }

    private func revision(_ commit: CommitHandle, blob: ObjectID?, previous: ObjectID?) -> FileRevision {
        let author = commit.author
        return FileRevision(commit: "\(commit.id)", author: author.identity, time: author.time,
                            offsetMinutes: author.offsetMinutes, message: commit.message,
                            blob: blob.map { "\($0)" }, previousBlob: previous.map { "\($0)" })
    }
}
