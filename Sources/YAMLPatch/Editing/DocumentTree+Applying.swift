/// An edit planned but not yet verified: the splices, and the tree the new text must parse to.
struct EditPlan {
    /// In position order, none overlapping.
    var splices: [Splice]
    /// The old documents' roots with the operation applied in memory.
    var expectedRoots: [Node]
    var matchCount: Int
}

extension DocumentTree {
    /// Applies `edit` wherever `path` resolves, as splices on ``text``; then re-parses the new
    /// text and checks it is the old tree with exactly this edit applied.
    ///
    /// Throws `.noMatch` when the path resolves nowhere, `.alias` when the edit would go
    /// through or change an alias's meaning, `.value` when the value cannot go there,
    /// `.duplicateKey` when the text (or the value) has a key twice in one mapping, `.limit`
    /// when the result would nest deeper than ``maximumNestingDepth`` or the path has more
    /// steps than that, `.verification` when the re-parsed text is not what was expected.
    public func applying(_ edit: EditOperation, at path: YAMLPath) throws -> EditResult {
        try verified(try plan(edit, at: path))
    }

    /// ``applying(_:at:)``, whose verifying re-parse also builds the new text's tree, so a
    /// caller that reads the result (to validate it) does not parse it a third time.
    public func applyingWithTree(_ edit: EditOperation, at path: YAMLPath) throws -> VerifiedEdit {
        try verifiedWithTree(try plan(edit, at: path))
    }

    /// The splices and expected tree of `edit` at `path`, resolved by the one path walker.
    func plan(_ edit: EditOperation, at path: YAMLPath) throws -> EditPlan {
        let targets = try PathWalker(path, in: self).editTargets(creatingKeys: edit.createsKeys)
        try checkEditable(edit, at: targets)
        let layout = TextLayout(text)
        let writer = ValueWriter(style: IndentationStyle.detect(in: documents))
        var expectedRoots = documents.map(\.root)
        var splices: [Splice] = []
        var rest = targets[...]
        while let documentIndex = rest.first?.documentIndex {
            let inDocument = rest.prefix { $0.documentIndex == documentIndex }
            rest = rest.dropFirst(inDocument.count)
            var editor = DocumentEditor(
                layout: layout, writer: writer, document: documents[documentIndex], operation: edit)
            try editor.edit(inDocument, &expectedRoots[documentIndex])
            splices += editor.splices
        }
        try checkNoTabLines(after: splices, layout)
        return EditPlan(splices: try Self.ordered(splices), expectedRoots: expectedRoots, matchCount: targets.count)
    }

    /// Refuses splices followed by a white-space line holding a tab: libyaml reads such a line
    /// only right after an unquoted value at a shallower indentation, which an edit may change.
    private func checkNoTabLines(after splices: [Splice], _ layout: TextLayout) throws {
        for splice in splices {
            guard let tab = layout.tabInBlankLines(after: splice.range.upperBound) else { continue }
            let mark = MarkConverter(text, wideCharacters: []).mark(byteOffset: tab)
            throw YAMLPatchError(
                .value,
                "cannot edit next to the blank line here: it holds a tab, which YAML allows in it only "
                    + "in some places; remove the tab", at: mark)
        }
    }

    /// The new text of `plan`, proved by a re-parse compared with the expected tree.
    func verified(_ plan: EditPlan) throws -> EditResult {
        guard !plan.splices.isEmpty else { return unchanged(plan) }
        let newText = SplicedText(original: text, splices: plan.splices)
        try EditVerification.verify(newText, expectedRoots: plan.expectedRoots)
        return EditResult(newText: newText, changed: newText.differsFromOriginal, matchCount: plan.matchCount)
    }

    /// ``verified(_:)``, keeping the tree the re-parse builds.
    func verifiedWithTree(_ plan: EditPlan) throws -> VerifiedEdit {
        guard !plan.splices.isEmpty else { return VerifiedEdit(result: unchanged(plan), tree: self) }
        let newText = SplicedText(original: text, splices: plan.splices).assembled()
        let tree = try EditVerification.verifiedTree(newText.bytes, expectedRoots: plan.expectedRoots)
        let result = EditResult(newText: newText, changed: newText.differsFromOriginal, matchCount: plan.matchCount)
        return VerifiedEdit(result: result, tree: tree)
    }

    private func unchanged(_ plan: EditPlan) -> EditResult {
        EditResult(newText: SplicedText(original: text, splices: []), changed: false, matchCount: plan.matchCount)
    }

    /// Splices sorted by position; overlapping ones are refused.
    private static func ordered(_ splices: [Splice]) throws -> [Splice] {
        let sorted = splices.sorted {
            ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound)
        }
        let neighbours = zip(sorted, sorted.dropFirst())
        for (previous, next) in neighbours where previous.range.upperBound > next.range.lowerBound {
            throw YAMLPatchError(
                .value, "the path selects overlapping parts of the text (bytes \(previous.range) and \(next.range))")
        }
        return sorted
    }
}
