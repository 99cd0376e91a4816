internal import CLibGit2
internal import SystemCalls

extension RepositoryHandle {
    /// The reference `name` (e.g. `HEAD`, `refs/heads/main`), nil when it does not exist.
    func reference(named name: String) throws -> ReferenceHandle? {
        var reference: OpaquePointer?
        let code = git_reference_lookup(&reference, pointer, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(code, "look up \(name)")
        return ReferenceHandle(reference!)
    }

    /// The commit a reference points at (peeling symbolic references), nil when it does not exist.
    func target(ofReference name: String) throws -> ObjectID? {
        var id = git_oid()
        let code = git_reference_name_to_id(&id, pointer, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(code, "resolve \(name)")
        return ObjectID(id)
    }

    /// Points `name` at `id` if it still points at `expected` (nil: if it does not exist yet),
    /// under git's lock file (the compare-and-swap of `git_reference_create_matching`, or a
    /// `git_reference_create` that refuses to overwrite). Returns false when the reference had
    /// moved or appeared (a lost race). A lock file held by another process is waited for
    /// briefly (a live git holds one for milliseconds: up to 20 checks, 50 ms apart), then
    /// reported as `lockFileHeld`.
    func moveReference(_ name: String, to id: ObjectID, expecting expected: ObjectID?,
                       logMessage: String) throws -> Bool {
        var newID = id.raw
        var oldID = expected?.raw ?? git_oid()
        for check in 1...Self.lockChecks {
            var reference: OpaquePointer?
            let code = expected == nil
                ? git_reference_create(&reference, pointer, name, &newID, 0, logMessage)
                : git_reference_create_matching(&reference, pointer, name, &newID, 1, &oldID, logMessage)
            git_reference_free(reference)
            if code == GIT_EMODIFIED.rawValue || code == GIT_EEXISTS.rawValue { return false }
            guard code == GIT_ELOCKED.rawValue else {
                try LibGit2.check(code, "update \(name)")
                return true
            }
            if check < Self.lockChecks { Clock.sleep(seconds: 0.05) }
        }
        throw LibGit2.heldLock(lockFilePath(ofReference: name))
    }

    /// How often `moveReference` looks at a held reference lock before reporting it.
    private static let lockChecks = 20

    /// The lock file git takes to change the reference `name` (`<common dir>/<name>.lock`).
    func lockFilePath(ofReference name: String) -> String {
        "\(commonDirectoryPath)/\(name).lock"
    }

    /// The names of every reference (`refs/heads/main`, `refs/remotes/origin/main`, …), sorted.
    func referenceNames() throws -> [String] {
        var names = git_strarray()
        try LibGit2.check(git_reference_list(&names, pointer), "list references")
        defer { git_strarray_dispose(&names) }
        return (0..<names.count).compactMap { names.strings[$0].map { String(cString: $0) } }.sorted()
    }

    /// Points `name` at `id` whatever it pointed at before (for remote-tracking references).
    func forceReference(_ name: String, to id: ObjectID, logMessage: String) throws {
        var reference: OpaquePointer?
        var newID = id.raw
        try LibGit2.check(git_reference_create(&reference, pointer, name, &newID, 1, logMessage), "update \(name)")
        git_reference_free(reference)
    }

    /// Whether `name` (e.g. `refs/heads/config-api/p/api`) follows git's reference-name rules.
    static func isValidReferenceName(_ name: String) throws -> Bool {
        try LibGit2.initialize()
        var valid: Int32 = 0
        try LibGit2.check(git_reference_name_is_valid(&valid, name), "check the reference name \(name)")
        return valid == 1
    }

    /// Whether `commit` has `ancestor` in its history (false when they are equal).
    func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        var descendant = commit.raw
        var base = ancestor.raw
        let code = git_graph_descendant_of(pointer, &descendant, &base)
        try LibGit2.check(code, "compare \(commit) with \(ancestor)")
        return code == 1
    }
}

/// Owns one `git_reference *`.
final class ReferenceHandle: OwnedPointer {
    init(_ pointer: OpaquePointer) {
        super.init(pointer, release: git_reference_free)
    }

    /// The full name of the reference, e.g. `refs/heads/main`.
    var name: String { String(cString: git_reference_name(pointer)) }

    /// The name a symbolic reference points at (`HEAD` → `refs/heads/main`); nil for a direct one.
    var symbolicTarget: String? { git_reference_symbolic_target(pointer).map { String(cString: $0) } }

    /// For a local branch: whether any work tree of the repository (this one or a linked one
    /// made by `git worktree add`) has it checked out.
    func isCheckedOutInAnyWorkTree() throws -> Bool {
        let checkedOut = git_branch_is_checked_out(pointer)
        try LibGit2.check(checkedOut, "check where \(name) is checked out")
        return checkedOut == 1
    }

    /// Deletes the reference from the repository (a failure leaves it in place).
    func delete() {
        git_reference_delete(pointer)
    }
}
