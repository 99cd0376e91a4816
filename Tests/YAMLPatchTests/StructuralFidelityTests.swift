import Foundation
import Testing

@testable import YAMLPatch

/// Structural edits on every fixture file (the Argo Helm values files and the YAML test suite's
/// valid cases), one test case per file: merge adding a key, append a scalar and a mapping,
/// delete a key and an item, replace a scalar by a mapping and a mapping by a scalar, at the
/// first, middle and last place each can go in the file (nine places in the Argo Helm files;
/// every place with `FIDELITY_PLACES=all`).
///
/// Fidelity: the edit touches only the lines of its target, and within them does only what the
/// edit must. Read from the splices, as old lines removed, changed or inserted before:
/// - delete (block): exactly the entry's lines are removed: from its own comment lines directly
///   above at its column to its last line and the comment lines after it indented deeper; also
///   blank lines right after them (the one that separated it, or those a `|+` scalar before it
///   would take in); nothing else. An entry sharing its line with its parent's `- ` may touch the
///   next entry's first line; a last entry leaves `{}`/`[]` on its parent's line.
/// - insert (block mapping or sequence): only whole new lines, at one place: after the last entry,
///   its comment lines indented deeper and those at its column right after it; or, for a key in a
///   mapping of at least three strictly sorted keys, before the block (own comments included) of
///   the first key that sorts after it. The new lines are the entry's, at the entries' column,
///   plus one blank line exactly when every entry of the collection is separated from the next
///   by one (not right after a `|+` scalar).
/// - replace (block): only the lines from the key (or `-`) to the end of the value change; a
///   scalar's trailing comment stays on the key's line when a mapping comes in below it.
/// - anything inside a flow collection: only the lines of the outermost flow collection change.
/// And the data: every document reads back as the old data with exactly this edit applied.
///
/// An edit next to a blank line that holds a tab is refused (libyaml reads such a line only after
/// an unquoted value): the test checks the refusal names that line.
///
/// Left out by rule (each is covered elsewhere): files libyaml refuses or that have no document;
/// places reached through an alias or holding an anchor that aliases name (edits refuse them);
/// entries whose key does not start its line (explicit `?` keys) or whose `-` is on another
/// line; paths that resolve in more than one document.
@Suite struct StructuralFidelityTests {
    @Test(arguments: FidelityTests.fixtureFiles)
    func structuralEditsTouchOnlyTheirTargetsLines(_ file: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixtures + file)))
        guard let tree = try? DocumentTree(parsing: bytes), !tree.documents.isEmpty else { return }
        let places = EditPlace.all(in: tree)
        for edit in StructuralEdit.allCases {
            for place in Self.spread(
                places.filter { edit.applies(to: $0, in: tree) }, count: Self.placeCount(file))
            {
                try check(edit, at: place, in: tree, file)
            }
        }
    }

    /// Every kind of edit has many places across the fixtures (the numbers are printed).
    @Test func everyEditHasPlacesToGo() throws {
        var counts: [StructuralEdit: Int] = [:]
        for file in FidelityTests.fixtureFiles {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixtures + file)))
            guard let tree = try? DocumentTree(parsing: bytes), !tree.documents.isEmpty else { continue }
            let places = EditPlace.all(in: tree)
            for edit in StructuralEdit.allCases {
                counts[edit, default: 0] +=
                    Self.spread(places.filter { edit.applies(to: $0, in: tree) }, count: Self.placeCount(file))
                    .count
            }
        }
        print("structural fidelity cases:", StructuralEdit.allCases.map { "\($0) \(counts[$0] ?? 0)" })
        for edit in StructuralEdit.allCases { #expect(counts[edit, default: 0] >= 100, "\(edit)") }
    }

    /// How many places of a file each edit is tried at: nine in an Argo Helm file, three in a
    /// YAML test suite case; every place with `FIDELITY_PLACES=all` in the environment (a few
    /// minutes instead of seconds: `FIDELITY_PLACES=all swift test --filter StructuralFidelityTests`).
    static func placeCount(_ file: String) -> Int {
        if ProcessInfo.processInfo.environment["FIDELITY_PLACES"] == "all" { return .max }
        return file.hasPrefix("argo") ? 9 : 3
    }

    /// `count` places spread evenly over `places`, first and last included.
    static func spread(_ places: [EditPlace], count: Int) -> [EditPlace] {
        guard places.count > count else { return places }
        return (0..<count).map { places[$0 * (places.count - 1) / (count - 1)] }
    }

    private func check(_ edit: StructuralEdit, at place: EditPlace, in tree: DocumentTree, _ file: String) throws {
        let name = "\(file) \(edit) \(YAMLPath(steps: place.path))"
        let result: EditResult
        do {
            result = try tree.applying(edit.operation, at: YAMLPath(steps: place.path))
        } catch let error as YAMLPatchError where error.kind == .value && error.message.contains("holds a tab") {
            // The rule for edits next to a blank line holding a tab: refused, where that line is.
            let line = try #require(error.mark?.line, "\(name)")
            return #expect(TextLines(tree.text).bytes(line - 1).contains(UInt8(ascii: "\t")), "\(name): \(error)")
        }
        var spliced = tree.text
        for splice in result.splices.reversed() { spliced.replaceSubrange(splice.range, with: splice.replacement) }
        #expect(spliced == result.text, "\(name): the text is not the old text with the splices")
        let lines = TextLines(tree.text)
        let changes = LineChanges(result.splices, in: lines)
        let rules = FidelityRules(lines: lines, layout: TextLayout(tree.text), name: name)
        let isInsertion = [.mergeAddingAKey, .appendScalar, .appendMapping].contains(edit)
        if let flow = place.enclosingFlow ?? (isInsertion && place.node.collectionStyle == .flow ? place.node : nil) {
            rules.expectWithin(changes, lines.line(of: flow.start.offset)...lines.lastLine(endingAt: flow.endOffset))
        } else {
            switch edit {
            case .deleteKey, .deleteItem: rules.expectDeletion(changes, place)
            case .mergeAddingAKey, .appendScalar, .appendMapping: rules.expectInsertion(changes, edit, place, tree)
            case .scalarToMapping, .mappingToScalar:
                rules.expectReplacement(changes, edit, place, new: TextLines(result.text))
            }
        }
        try expectData(edit, at: place, in: tree, becomes: result.text, name)
    }

    /// Every document reads back as before, the edited one with the edit applied to its data.
    private func expectData(
        _ edit: StructuralEdit, at place: EditPlace, in tree: DocumentTree, becomes text: [UInt8], _ name: String
    ) throws {
        let new = try DocumentTree(parsing: text)
        #expect(new.documents.count == tree.documents.count, "\(name)")
        for (index, (old, edited)) in zip(tree.documents, new.documents).enumerated() {
            guard var expected = try? tree.value(of: old.root, in: old) else { continue }
            if index == place.documentIndex { expected = edit.applied(to: expected, at: place) }
            #expect(try new.value(of: edited.root, in: edited) == expected, "\(name): document \(index) differs")
        }
    }
}

/// The edits, each with its operation and the data it makes.
enum StructuralEdit: String, CaseIterable, Sendable {
    case mergeAddingAKey, appendScalar, appendMapping, deleteKey, deleteItem, scalarToMapping, mappingToScalar

    static let newKey = "config-api-new"
    static let mapping = YAMLValue.mapping([
        .init(key: "config-api", value: .string("v")), .init(key: "port", value: .int(8080)),
    ])

    var operation: EditOperation {
        switch self {
        case .mergeAddingAKey:
            return .merge(.mapping([.init(key: Self.newKey, value: .string("v"))]), appendLists: false)
        case .appendScalar: return .append(.string("v"))
        case .appendMapping: return .append(Self.mapping)
        case .deleteKey, .deleteItem: return .delete
        case .scalarToMapping: return .set(Self.mapping)
        case .mappingToScalar: return .set(.string("v"))
        }
    }

    func applies(to place: EditPlace, in tree: DocumentTree) -> Bool {
        guard place.isEditable, place.resolvesOnce(in: tree) else { return false }
        let node = place.node
        switch self {
        case .mergeAddingAKey:
            guard case .mapping(let pairs, let style) = node.content else { return false }
            return (style == .flow || !pairs.isEmpty) && node.child(forKey: Self.newKey) == nil
        case .appendScalar, .appendMapping:
            guard case .sequence(let items, let style) = node.content else { return false }
            return style == .flow || !items.isEmpty
        case .deleteKey: return place.key != nil && place.startsItsLine
        case .deleteItem: return place.index != nil && place.key == nil && place.startsItsLine
        case .scalarToMapping: return node.scalarText != nil && place.parent != nil && place.startsItsLine
        case .mappingToScalar:
            return node.entryCount > 0 && node.scalarText == nil && place.key != nil && place.startsItsLine
        }
    }

    /// `value`, the document's data, with this edit applied at `place`.
    func applied(to value: YAMLValue, at place: EditPlace) -> YAMLValue {
        let parentPath = place.path.dropLast()
        switch self {
        case .mergeAddingAKey:
            return value.modifying(at: place.path[...]) { mapping in
                guard case .mapping(var entries) = mapping else { return }
                let keys = entries.map(\.key)
                let entry = YAMLValue.Entry(key: Self.newKey, value: .string("v"))
                if keys.count >= 3,
                    zip(keys, keys.dropFirst()).allSatisfy({ $0.utf8.lexicographicallyPrecedes($1.utf8) }),
                    let position = keys.firstIndex(where: { Self.newKey.utf8.lexicographicallyPrecedes($0.utf8) })
                {
                    entries.insert(entry, at: position)
                } else {
                    entries.append(entry)
                }
                mapping = .mapping(entries)
            }
        case .appendScalar, .appendMapping:
            let item: YAMLValue = self == .appendScalar ? .string("v") : Self.mapping
            return value.modifying(at: place.path[...]) {
                if case .sequence(let items) = $0 { $0 = .sequence(items + [item]) }
            }
        case .deleteKey, .deleteItem:
            return value.modifying(at: parentPath) { parent in
                switch (parent, place.path.last) {
                case (.mapping(let entries), .key(let key)?): parent = .mapping(entries.filter { $0.key != key })
                case (.sequence(var items), .index(let index)?):
                    items.remove(at: index)
                    parent = .sequence(items)
                default: break
                }
            }
        case .scalarToMapping: return value.modifying(at: place.path[...]) { $0 = Self.mapping }
        case .mappingToScalar: return value.modifying(at: place.path[...]) { $0 = .string("v") }
        }
    }
}
