import YAMLPatch

/// The edit a resource request makes to its project file: merge, append or remove one item,
/// then validate the whole result. GitOps runs it once per attempt, on the file at the tip.
struct ResourceEdit {
    let request: ResourceRequest

    private var path: ResourcePath { request.path }

    /// The new text of `projects/<project>.yaml` given its text at the tip (nil: absent).
    func apply(to current: [UInt8]?) throws -> [UInt8] {
        guard let current else {
            throw CommandFailure(.noInput, "no such project '\(path.project)': the branch has no \(path.file)")
        }
        do {
            let tree = try DocumentTree(parsing: current)
            let edit = try edited(tree)
            guard edit.result.changed else { return current }
            try ProjectValidation.requireValid(edit.tree, file: path.file)
            return edit.result.text
        } catch let error as YAMLPatchError {
            throw CommandFailure(error, file: path.file)
        }
    }

    private func edited(_ tree: DocumentTree) throws -> VerifiedEdit {
        switch request.action {
        case .apply:
            return try editingTheOneItem(.merge(request.spec, appendLists: false), in: tree)
        case .delete:
            return try editingTheOneItem(.delete, in: tree)
        case .create:
            guard try count(of: path.selector, in: tree) == 0 else {
                throw CommandFailure(.dataError, "\(path.kind.singular) '\(path.name)' already exists in \(path.file); "
                    + "use action apply to change it", file: path.file)
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
        let hasList = tree.documents.first.flatMap { $0.root.child(forKey: path.kind.rawValue) }.map {
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

    private var noSuchItem: CommandFailure {
        CommandFailure(.dataError, "no \(path.kind.singular) named '\(path.name)' in \(path.file); "
            + "use action create to add it", file: path.file)
    }

    private func requireExactlyOne(_ count: Int) throws {
        if count == 0 { throw noSuchItem }
        if count > 1 {
            throw CommandFailure(.dataError, "\(count) \(path.kind.rawValue) are named '\(path.name)' in \(path.file); "
                + "names must be unique", file: path.file)
        }
    }
}
