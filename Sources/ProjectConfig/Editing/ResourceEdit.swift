import YAMLPatch

/// The edit a resource request makes to its project file: merge into, append or remove one
/// item, then validate the whole result. A git transaction runs it once per attempt, on the
/// file as it is at the tip (docs/contract.md#the-transaction).
///
/// One run parses the file once; YAMLPatch's verifying re-parse of the edited text builds the
/// tree that validation reads, so the file is never parsed a third time.
public struct ResourceEdit: Sendable {
    /// The request this edit carries out.
    public let request: ResourceRequest

    public init(request: ResourceRequest) {
        self.request = request
    }

    private var path: ResourcePath { request.path }

    /// The new text of `projects/<project>.yaml` given its `current` text (nil: the file does
    /// not exist); `current` itself when nothing changes. Refusals are ``ProjectConfigError``s:
    /// a missing file, a missing or existing item, an edit YAMLPatch refuses, an invalid result.
    public func editedText(of current: [UInt8]?) throws(ProjectConfigError) -> [UInt8] {
        guard let current else {
            throw ProjectConfigError(
                .missingProject, "no such project '\(path.project)': the branch has no \(path.file)")
        }
        let edit: VerifiedEdit
        do {
            edit = try edited(try DocumentTree(parsing: current))
        } catch let error as YAMLPatchError {
            throw ProjectConfigError(error, file: path.file)
        } catch {
            // `edited` throws nothing else; anything else would be a bug, reported as one (exit 70).
            throw error as? ProjectConfigError ?? ProjectConfigError(.edit(.verification), "\(error)", file: path.file)
        }
        guard edit.result.changed else { return current }
        try ProjectValidation.requireValid(edit.tree, file: path.file)
        return edit.result.text
    }

    /// The request applied to the parsed file, verified, with the tree of the new text.
    public func edited(_ tree: DocumentTree) throws -> VerifiedEdit {
        switch request.action {
        case .apply:
            return try editingTheOneItem(.merge(request.spec, appendLists: false), in: tree)
        case .delete:
            return try editingTheOneItem(.delete, in: tree)
        case .create:
            guard try count(of: path.selector, in: tree) == 0 else {
                throw ProjectConfigError(
                    .conflict,
                    "\(path.kind.singular) '\(path.name)' already exists in "
                        + "\(path.file); use action apply to change it", file: path.file)
            }
            return try appendingNewItem(to: tree)
        }
    }

    /// Appends `{name: <name>, ...spec}` to the list, or starts the list when it is absent or null.
    private func appendingNewItem(to tree: DocumentTree) throws -> VerifiedEdit {
        var entries = [YAMLValue.Entry(key: "name", value: .string(path.name))]
        if case .mapping(let specEntries) = request.spec {
            entries += specEntries.filter { $0.key != "name" }
        }
        let item = YAMLValue.mapping(entries)
        let list = YAMLPath(steps: [.key(path.kind.rawValue)])
        let hasList =
            tree.documents.first.flatMap { $0.root.child(forKey: path.kind.rawValue) }.map {
                if case .sequence = $0.content { return true } else { return false }
            } ?? false
        return hasList
            ? try tree.applyingWithTree(.append(item), at: list)
            : try tree.applyingWithTree(.set(.sequence([item])), at: list)
    }

    private func count(of selector: YAMLPath, in tree: DocumentTree) throws -> Int {
        do {
            return try tree.matches(of: selector).count
        } catch let error as YAMLPatchError where error.kind == .noMatch {
            return 0
        }
    }

    /// The edit of the item the path names, refused unless exactly one item has that name.
    private func editingTheOneItem(_ operation: EditOperation, in tree: DocumentTree) throws -> VerifiedEdit {
        let edit: VerifiedEdit
        do {
            edit = try tree.applyingWithTree(operation, at: path.selector)
        } catch let error as YAMLPatchError where error.kind == .noMatch {
            throw noSuchItem
        }
        try requireExactlyOne(edit.result.matchCount)
        return edit
    }

    private var noSuchItem: ProjectConfigError {
        ProjectConfigError(
            .conflict,
            "no \(path.kind.singular) named '\(path.name)' in \(path.file); "
                + "use action create to add it", file: path.file)
    }

    private func requireExactlyOne(_ count: Int) throws(ProjectConfigError) {
        if count == 0 { throw noSuchItem }
        if count > 1 {
            throw ProjectConfigError(
                .conflict,
                "\(count) \(path.kind.rawValue) are named '\(path.name)' in "
                    + "\(path.file); names must be unique", file: path.file)
        }
    }
}
