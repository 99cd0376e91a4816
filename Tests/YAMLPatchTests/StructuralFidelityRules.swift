import Testing

@testable import YAMLPatch

/// A place a structural edit can go: a node a path of scalar keys and indexes reaches, with
/// where its entry sits in the text.
struct EditPlace {
    var path: [YAMLPath.Step]
    var documentIndex: Int
    var node: Node
    /// The key, when the node is a mapping's value.
    var key: Node?
    /// The node's position among its parent's entries.
    var index: Int?
    var parent: Node?
    /// Where the node's entry starts: its key, or its item (whose `-` is before it); the node
    /// at the root.
    var slotStart: Int
    /// Where the parent's entry starts (for a parent that a delete leaves empty).
    var parentSlotStart: Int?
    /// The outermost flow collection holding the node (not itself), if any.
    var enclosingFlow: Node?
    /// No alias on the way or at it, and no node an alias refers to encloses it or is inside it.
    var isEditable: Bool
    /// The entry's key starts its line (after spaces and `- `), or the item's `-` is on its line.
    var startsItsLine: Bool
    /// The same for every entry of the node, when it is a collection.
    var entriesStartTheirLines: Bool

    /// Every place of every document, in document order.
    static func all(in tree: DocumentTree) -> [EditPlace] {
        let lines = TextLines(tree.text)
        var places: [EditPlace] = []
        for (index, document) in tree.documents.enumerated() {
            var aliases = AliasTargets()
            aliases.visit(document.root)
            let root = EditPlace(
                path: [], documentIndex: index, node: document.root, slotStart: document.root.start.offset,
                isEditable: true, startsItsLine: true, entriesStartTheirLines: true)
            collect(root, aliases, lines, into: &places)
        }
        return places
    }

    private static func collect(
        _ place: EditPlace, _ aliases: AliasTargets, _ lines: TextLines, into places: inout [EditPlace]
    ) {
        var place = place
        let node = place.node
        if case .alias = node.content { return }
        place.isEditable =
            place.isEditable && !aliases.containsTarget(node) && !(place.key.map(aliases.containsTarget) ?? false)
        var children: [EditPlace] = []
        switch node.content {
        case .mapping(let pairs, _):
            var seen: Set<String> = []
            for (position, pair) in pairs.enumerated() {
                guard let text = pair.key.scalarText, seen.insert(text).inserted else { continue }
                children.append(
                    child(
                        of: place, .key(text), pair.value, key: pair.key, index: position,
                        slotStart: pair.key.start.offset, startsItsLine: lines.startsItsLine(pair.key.start.offset)))
            }
        case .sequence(let items, _):
            for (position, item) in items.enumerated() {
                let dashed = lines.startsItsLine(item.start.offset) && lines.followsADash(item.start.offset)
                let slotStart = node.collectionStyle == .block ? lines.dash(beforeItemAt: item.start.offset) : nil
                children.append(
                    child(
                        of: place, .index(position), item, key: nil, index: position,
                        slotStart: slotStart ?? item.start.offset, startsItsLine: dashed))
            }
        case .scalar, .alias:
            break
        }
        place.entriesStartTheirLines = children.count == node.entryCount && children.allSatisfy(\.startsItsLine)
        places.append(place)
        for child in children { collect(child, aliases, lines, into: &places) }
    }

    private static func child(
        of parent: EditPlace, _ step: YAMLPath.Step, _ node: Node, key: Node?, index: Int, slotStart: Int,
        startsItsLine: Bool
    ) -> EditPlace {
        EditPlace(
            path: parent.path + [step], documentIndex: parent.documentIndex, node: node, key: key, index: index,
            parent: parent.node, slotStart: slotStart, parentSlotStart: parent.slotStart,
            enclosingFlow: parent.enclosingFlow ?? (parent.node.collectionStyle == .flow ? parent.node : nil),
            isEditable: parent.isEditable && !(parent.node.anchor != nil),
            startsItsLine: startsItsLine, entriesStartTheirLines: true)
    }

    /// Whether an edit at the path has this one place to go (no other document has it).
    func resolvesOnce(in tree: DocumentTree) -> Bool {
        (try? PathWalker(YAMLPath(steps: path), in: tree).editTargets(creatingKeys: true))?.count == 1
    }
}

/// The fidelity rules of ``StructuralFidelityTests``, checked on an edit's line changes.
struct FidelityRules {
    let lines: TextLines
    let layout: TextLayout
    let name: String

    /// Every change lies within `region` (insertions before its lines or right after it).
    func expectWithin(_ changes: LineChanges, _ region: ClosedRange<Int>) {
        for line in changes.removed + changes.changed {
            #expect(
                region.contains(line),
                "\(name): line \(line + 1) changed, outside lines \(region.lowerBound + 1)...\(region.upperBound + 1)")
        }
        let range = "lines \(region.lowerBound + 1)...\(region.upperBound + 1)"
        for insertion in changes.insertions {
            #expect(
                (region.lowerBound...region.upperBound + 1).contains(insertion.before),
                "\(name): lines inserted before line \(insertion.before + 1), outside \(range)")
        }
    }

    /// The column of an entry: its key's, or its item's `-`.
    func column(ofEntryAt slotStart: Int, isItem: Bool) -> Int {
        let lineStart = lines.starts[lines.line(of: slotStart)]
        guard isItem, lines.text[slotStart] != UInt8(ascii: "-") else { return slotStart - lineStart }
        return (lines.text[lineStart..<slotStart].lastIndex(of: UInt8(ascii: "-")) ?? slotStart) - lineStart
    }

    /// The last line of entry `index` of `collection`.
    func lastLine(ofEntry index: Int, of collection: Node) -> Int {
        switch collection.content {
        case .mapping(let pairs, _):
            return lines.lastLine(endingAt: layout.entryEnd(key: pairs[index].key, value: pairs[index].value))
        case .sequence(let items, _): return lines.lastLine(endingAt: layout.contentEnd(of: items[index]))
        case .scalar, .alias: return lines.line(of: collection.start.offset)
        }
    }

    func firstOffset(ofEntry index: Int, of collection: Node) -> Int {
        switch collection.content {
        case .mapping(let pairs, _): return pairs[index].key.start.offset
        case .sequence(let items, .block):
            return lines.dash(beforeItemAt: items[index].start.offset) ?? items[index].start.offset
        case .sequence(let items, .flow): return items[index].start.offset
        case .scalar, .alias: return collection.start.offset
        }
    }

    /// The first of the comment lines at `column` directly above `line` (`line` if none).
    func ownCommentsStart(_ line: Int, column: Int) -> Int {
        var first = line
        while first > 0, lines.isComment(first - 1), lines.indentation(first - 1) == column { first -= 1 }
        return first
    }

    /// The last of the comment lines after `line` indented deeper than `column` (blank lines may
    /// come between), and with `attached` those at `column` before any blank line.
    func trailingCommentsEnd(_ line: Int, column: Int, attached: Bool) -> Int {
        var last = line
        var next = line + 1
        var sawBlank = false
        while next < lines.count {
            if lines.isBlank(next) {
                sawBlank = true
            } else if lines.isComment(next),
                lines.indentation(next) > column || (attached && !sawBlank && lines.indentation(next) == column)
            {
                last = next
            } else {
                break
            }
            next += 1
        }
        return last
    }

    func expectDeletion(_ changes: LineChanges, _ place: EditPlace) {
        guard let parent = place.parent, let index = place.index else { return }
        let first = lines.line(of: place.slotStart)
        let last = lastLine(ofEntry: index, of: parent)
        if parent.entryCount == 1 {
            return expectWithin(changes, lines.line(of: place.parentSlotStart ?? 0)...last)
        }
        let column = column(ofEntryAt: place.slotStart, isItem: place.key == nil)
        if lines.followsADash(place.slotStart) {
            // The entry shares its first line with its parent's `- `: the next entry moves up.
            return expectWithin(changes, first...lines.line(of: firstOffset(ofEntry: index + 1, of: parent)))
        }
        let expected =
            ownCommentsStart(first, column: column)...trailingCommentsEnd(last, column: column, attached: false)
        #expect(changes.insertions.isEmpty && changes.changed.isEmpty, "\(name): a delete changed or inserted lines")
        let removed = changes.removed.sorted()
        let entry = "lines \(expected.lowerBound + 1)...\(expected.upperBound + 1)"
        #expect(expected.allSatisfy(removed.contains), "\(name): \(entry) not all removed: \(removed.map { $0 + 1 })")
        let extra = removed.filter { !expected.contains($0) }
        #expect(
            extra.allSatisfy(lines.isBlank)
                && extra == Array((expected.upperBound + 1)..<(expected.upperBound + 1 + extra.count)),
            "\(name): removed lines \(extra.map { $0 + 1 }) beyond the entry's")
    }

    func expectInsertion(_ changes: LineChanges, _ edit: StructuralEdit, _ place: EditPlace, _ tree: DocumentTree) {
        let node = place.node
        guard place.entriesStartTheirLines, node.entryCount > 0 else {
            return expectWithin(
                changes, lines.line(of: place.slotStart)...lines.lastLine(endingAt: layout.contentEnd(of: node)))
        }
        let isSequence = node.scalarText == nil && { if case .sequence = node.content { true } else { false } }()
        let column = column(ofEntryAt: firstOffset(ofEntry: 0, of: node), isItem: isSequence)
        let position = edit == .mergeAddingAKey ? sortedPosition(of: StructuralEdit.newKey, in: node) : nil
        var point: Int
        if let position {
            let start = firstOffset(ofEntry: position, of: node)
            if lines.indentation(lines.line(of: start)) < column {
                // The first key shares its line with its parent's `- `: the new key takes that line.
                return expectWithin(changes, lines.line(of: start)...lines.line(of: start))
            }
            point = ownCommentsStart(lines.line(of: start), column: column)
        } else {
            point =
                trailingCommentsEnd(lastLine(ofEntry: node.entryCount - 1, of: node), column: column, attached: true)
                + 1
        }
        point = min(point, lines.count)
        #expect(changes.removed.isEmpty, "\(name): an insertion removed lines \(changes.removed.map { $0 + 1 })")
        let headerRewrite = lines.text.last != UInt8(ascii: "\n")
        #expect(
            changes.changed.allSatisfy {
                headerRewrite && (lines.string($0).contains("|") || lines.string($0).contains(">"))
            },
            "\(name): an insertion changed lines \(changes.changed.map { $0 + 1 })")
        guard changes.insertions.count == 1, let insertion = changes.insertions.first else {
            Issue.record("\(name): \(changes.insertions.count) insertions instead of one")
            return
        }
        #expect(insertion.before == point, "\(name): inserted before line \(insertion.before + 1), not \(point + 1)")
        let spaced = separatesEntriesByBlankLines(node)
        let keepBefore = position == nil && layout.keepsTrailingBreaks(node.lastLeaf(ofEntry: node.entryCount - 1))
        let blanks = insertion.lines.filter { $0.allSatisfy { $0 == " " } }
        #expect(
            blanks.count == (spaced && !keepBefore ? 1 : 0),
            "\(name): \(blanks.count) blank lines inserted (entries \(spaced ? "" : "not ")all set apart)")
        if let blank = blanks.first {
            #expect(
                insertion.lines[position == nil ? 0 : insertion.lines.count - 1] == blank,
                "\(name): the blank line is not where it sets the entry apart")
        }
        let entryLines = insertion.lines.filter { !$0.allSatisfy { $0 == " " } }
        #expect(
            entryLines.first.map { TextLines(Array($0.utf8)).indentation(0) } == column,
            "\(name): the new entry is not at column \(column)")
        #expect(
            entryLines.dropFirst().allSatisfy { TextLines(Array($0.utf8)).indentation(0) > column },
            "\(name): the new entry's lines are not nested")
    }

    /// Where a new key goes in a mapping of at least three strictly sorted keys; nil otherwise.
    private func sortedPosition(of key: String, in node: Node) -> Int? {
        guard case .mapping(let pairs, _) = node.content else { return nil }
        let keys = pairs.compactMap(\.key.scalarText)
        guard keys.count == pairs.count, keys.count >= 3,
            zip(keys, keys.dropFirst()).allSatisfy({ $0.utf8.lexicographicallyPrecedes($1.utf8) })
        else { return nil }
        return keys.firstIndex { key.utf8.lexicographicallyPrecedes($0.utf8) }
    }

    /// Whether a blank line separates every entry from the next (two entries at least).
    private func separatesEntriesByBlankLines(_ node: Node) -> Bool {
        guard node.entryCount >= 2 else { return false }
        return (1..<node.entryCount).allSatisfy { index in
            let previous = lastLine(ofEntry: index - 1, of: node)
            let next = lines.line(of: firstOffset(ofEntry: index, of: node))
            return (previous + 1..<max(next, previous + 1)).contains(where: lines.isBlank)
        }
    }

    func expectReplacement(_ changes: LineChanges, _ edit: StructuralEdit, _ place: EditPlace, new: TextLines) {
        guard let parent = place.parent, let index = place.index else { return }
        let first = lines.line(of: place.slotStart)
        expectWithin(changes, first...lastLine(ofEntry: index, of: parent))
        let old = lines.string(first)
        let valueEnd = layout.contentEnd(of: place.node)
        guard edit == .scalarToMapping, lines.line(of: valueEnd) == first,
            let comment = lines.bytes(first)[valueEnd...].drop(while: { $0 == UInt8(ascii: " ") }).first,
            comment == UInt8(ascii: "#"), valueEnd < lines.text.count, lines.text[valueEnd] == UInt8(ascii: " ")
        else { return }
        let trailing = String(decoding: lines.bytes(first)[valueEnd...], as: UTF8.self)
        #expect(
            new.string(first).hasSuffix(trailing),
            "\(name): the comment left the key's line: \(old) → \(new.string(first))")
    }
}
