import Foundation
import Testing

@testable import YAMLPatch

/// Every fixture file, one test case each: the YAML test suite's valid cases and the Argo Helm
/// values files. Setting a leaf scalar (the first, middle and last one a path can address, in
/// any document) changes that leaf's data only, in every document where the path resolves,
/// and every splice stays within the leaf's own lines; an edit that would go through an alias
/// or change a node an alias refers to is refused instead.
///
/// An edit next to a blank line holding a tab is refused instead, naming that line (libyaml
/// reads such a line only right after an unquoted value, which the edit may change).
///
/// A file with no such leaf (every value sits under a key that is not a scalar) gets a key
/// added to its root mapping, or an item to its root sequence, instead: only insertions,
/// and the data gains exactly that entry. A file that cannot be edited says why by a checked
/// rule: libyaml itself refuses it (some valid test-suite cases hit libyaml bugs), or it holds
/// no document (only comments), so every path matches nothing.
@Suite struct FidelityTests {
    static let newValue = "config-api ✓ edit"

    /// Fixture files whose edits are known to go wrong, with the reason.
    static let knownMisses: [String: String] = [:]

    static let fixtureFiles: [String] = ["yaml-test-suite", "argo-helm"].flatMap { folder in
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures + folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    @Test func everyFixtureFileIsListed() {
        #expect(Self.fixtureFiles.count == 344)
    }

    @Test(arguments: fixtureFiles)
    func settingALeafTouchesNothingElse(_ file: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixtures + file)))
        guard let tree = try? DocumentTree(parsing: bytes) else { return expectLibYAMLRefuses(bytes) }
        guard !tree.documents.isEmpty else { return expectNothingMatches(tree) }
        let leaves = Leaf.all(in: tree)
        let chosen = leaves.isEmpty ? [] : Set([0, leaves.count / 2, leaves.count - 1]).sorted().map { leaves[$0] }
        let edit = { leaves.isEmpty ? try checkAddingAnEntry(to: tree) : try check(chosen, in: tree) }
        if let reason = Self.knownMisses[file] {
            withKnownIssue(Comment(rawValue: reason)) { try edit() }
        } else {
            try edit()
        }
    }

    /// The rule for a file that does not parse: libyaml's own event scan refuses it too, and
    /// the error says where.
    private func expectLibYAMLRefuses(_ bytes: [UInt8]) {
        #expect(YAMLEventScan.count(bytes) == nil, "libyaml accepts the file, YAMLPatch does not")
        let error = #expect(throws: YAMLPatchError.self) { try DocumentTree(parsing: bytes) }
        #expect(error?.kind == .syntax && error?.mark != nil)
    }

    /// The rule for a file without a document: every path, the root's too, matches nothing.
    private func expectNothingMatches(_ tree: DocumentTree) {
        let error = #expect(throws: YAMLPatchError.self) {
            try tree.applying(.set(.string(Self.newValue)), at: YAMLPath("."))
        }
        #expect(error?.kind == .noMatch)
    }

    /// Adds a key to the root mapping (an item to the root sequence) of every document.
    private func checkAddingAnEntry(to tree: DocumentTree) throws {
        let key = "config-api-new-key"
        let roots = tree.documents.map(\.root.content)
        let result: EditResult
        if roots.allSatisfy({ if case .sequence = $0 { true } else { false } }) {
            result = try tree.applying(.append(.string(Self.newValue)), at: YAMLPath("."))
        } else {
            result = try tree.applying(.set(.string(Self.newValue)), at: YAMLPath(steps: [.key(key)]))
        }
        #expect(result.splices.allSatisfy { $0.range.isEmpty }, "an insertion replaced bytes")
        let newTree = try DocumentTree(parsing: result.text)
        for (old, new) in zip(tree.documents, newTree.documents) {
            let added: YAMLValue =
                switch try tree.value(of: old.root, in: old) {
                case .mapping(let entries): .mapping(entries + [.init(key: key, value: .string(Self.newValue))])
                case .sequence(let items): .sequence(items + [.string(Self.newValue)])
                case let other: other
                }
            #expect(try newTree.value(of: new.root, in: new) == added)
        }
    }

    private func check(_ leaves: [Leaf], in tree: DocumentTree) throws {
        for leaf in leaves {
            let outcome = Leaf.Outcome(of: leaf.path, in: tree)
            let path = YAMLPath(steps: leaf.path)
            if outcome.touchesAnAlias {
                let error = #expect(throws: YAMLPatchError.self, "\(path)") {
                    try tree.applying(.set(.string(Self.newValue)), at: path)
                }
                #expect(error?.kind == .alias, "\(path): \(String(describing: error))")
                continue
            }
            let result: EditResult
            do {
                result = try tree.applying(.set(.string(Self.newValue)), at: path)
            } catch let error as YAMLPatchError where error.kind == .value && error.message.contains("holds a tab") {
                let line = try #require(error.mark?.line)
                #expect(TextLines(tree.text).bytes(line - 1).contains(UInt8(ascii: "\t")), "\(path): \(error)")
                continue
            }
            #expect(result.matchCount == outcome.resolved.count, "\(path)")
            try expectSplicesWithinLeafLines(result, outcome, tree, path)
            try expectDataChangedAtTheLeafOnly(result, leaf, outcome, tree, path)
        }
    }

    private func expectSplicesWithinLeafLines(
        _ result: EditResult, _ outcome: Leaf.Outcome, _ tree: DocumentTree,
        _ path: YAMLPath
    ) throws {
        let layout = TextLayout(tree.text)
        let allowed = outcome.resolved.map { resolved -> Range<Int> in
            let node = resolved.node
            let first = node.start.offset == node.endOffset ? (resolved.key ?? node) : node
            let end = resolved.key.map { layout.entryEnd(key: $0, value: node) } ?? layout.contentEnd(of: node)
            return layout.lineStart(of: first.start.offset)..<layout.nextLineStart(after: end)
        }
        for splice in result.splices {
            #expect(
                allowed.contains {
                    $0.lowerBound <= splice.range.lowerBound && splice.range.upperBound <= $0.upperBound
                },
                "\(path): bytes \(splice.range) are outside the leaf's lines")
        }
        var spliced = Array(tree.text)
        for splice in result.splices.reversed() { spliced.replaceSubrange(splice.range, with: splice.replacement) }
        #expect(spliced == result.text, "\(path): the text is not the old text with the splices")
    }

    private func expectDataChangedAtTheLeafOnly(
        _ result: EditResult, _ leaf: Leaf, _ outcome: Leaf.Outcome,
        _ tree: DocumentTree, _ path: YAMLPath
    ) throws {
        let newTree = try DocumentTree(parsing: result.text)
        #expect(newTree.documents.count == tree.documents.count)
        for (index, (old, new)) in zip(tree.documents, newTree.documents).enumerated() {
            var expected = try tree.value(of: old.root, in: old)
            if outcome.resolved.contains(where: { $0.documentIndex == index }) {
                expected = expected.replacing(at: leaf.path[...], with: .string(Self.newValue))
            }
            #expect(try newTree.value(of: new.root, in: new) == expected, "\(path): document \(index) differs")
        }
    }
}

extension YAMLValue {
    /// This value with the value at `path` replaced (unchanged where the path does not lead).
    func replacing(at path: ArraySlice<YAMLPath.Step>, with value: YAMLValue) -> YAMLValue {
        guard let step = path.first else { return value }
        switch (step, self) {
        case (.key(let key), .mapping(var entries)):
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = entries[index].value.replacing(at: path.dropFirst(), with: value)
            }
            return .mapping(entries)
        case (.index(let index), .sequence(var items)) where items.indices.contains(index):
            items[index] = items[index].replacing(at: path.dropFirst(), with: value)
            return .sequence(items)
        default:
            return self
        }
    }
}
