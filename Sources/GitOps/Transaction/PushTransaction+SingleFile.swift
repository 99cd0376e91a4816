extension PushTransaction {
    /// Updates `file` (a path in the tree, e.g. `projects/p.yaml`) with `edit`, commits it with
    /// `message` and pushes it (or with `push: false` only moves the local branch): ``update(push:edit:)``
    /// for one file.
    ///
    /// `edit` receives the file's bytes at the tip (nil when absent) and returns the new bytes;
    /// returning them unchanged means "no change" (no commit). It may run once per attempt, and
    /// may throw to abort: its error propagates unchanged and no reference moves.
    public func commit(file: String, message: String, push: Bool,
                       edit: (_ current: [UInt8]?) throws -> [UInt8]) throws -> TransactionOutcome {
        let path = try Self.treePath(file)
        return try update(push: push) { base in
            .write([FileUpdate(path: path, bytes: try edit(base.file(path)))], message: message)
        }
    }

    /// `--dry-run` of ``commit(file:message:push:edit:)``: runs `edit` on the file at the local
    /// branch's tip (else the remote-tracking reference's), without fetching and without writing.
    public func preview(file: String, edit: (_ current: [UInt8]?) throws -> [UInt8]) throws -> TransactionOutcome {
        let path = try Self.treePath(file)
        return try preview { base in .write([FileUpdate(path: path, bytes: try edit(base.file(path)))], message: "") }
    }
}
