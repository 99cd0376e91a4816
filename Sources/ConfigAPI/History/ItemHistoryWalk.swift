import GitOps
import ProjectConfig

/// The changes of items of one project file, newest first, read from the first-parent history
/// of a commit with libgit2 (docs/contract.md#history-rollback-and-holds): GitOps lists the
/// commits that changed the file and hands out their blobs; ProjectConfig's tracker says which
/// items each of them changed, parsing only the versions it must.
struct ItemHistoryWalk {
    /// One commit that changed some of the followed items.
    struct Step {
        let revision: FileRevision
        let transitions: [ItemTransition]
    }

    private let history: FileHistory
    private var tracker: ItemHistoryTracker
    private var pending: FileRevision?

    /// The walk of `items` (all of one project file) from `snapshot`'s commit.
    init(from snapshot: CommitSnapshot, items: [ResourcePath]) throws {
        let file = items.first?.file ?? ""
        let history = try snapshot.history(of: file)
        let first = try history.next()
        let newest = try first?.blob.map { FileVersion(id: $0, bytes: try history.bytes(ofBlob: $0)) }
        self.history = history
        pending = first
        tracker = ItemHistoryTracker(items: items, newest: newest ?? FileVersion(id: nil, bytes: nil))
    }

    /// The items' states at the walk's start (before any step), then after each step.
    var states: [ResourcePath: ItemState] { tracker.states }

    /// How many versions of the file were parsed so far.
    var parses: Int { tracker.parses }

    /// Stops following `path`.
    mutating func stopFollowing(_ path: ResourcePath) {
        tracker.stopFollowing(path)
    }

    /// The next older commit that changed a followed item; nil at the root, or when no item is
    /// followed any more.
    mutating func next() throws -> Step? {
        while !tracker.items.isEmpty, let revision = pending {
            pending = try history.next()
            let older = FileVersion(id: revision.previousBlob,
                                    bytes: try revision.previousBlob.map(history.bytes(ofBlob:)))
            let transitions = tracker.step(to: older)
            if !transitions.isEmpty { return Step(revision: revision, transitions: transitions) }
        }
        return nil
    }
}
