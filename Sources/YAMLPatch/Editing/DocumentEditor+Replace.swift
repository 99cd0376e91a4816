/// Replacing a node's value: scalars in place (their style and trailing comment kept),
/// collections as blocks at the file's indentation, or in flow style inside flow, in place of
/// a flow collection, or beside flow siblings. A trailing comment stays on the line where it
/// was: after the key when a block collection comes in on the lines below.
extension DocumentEditor {
    mutating func replace(_ node: Node, _ expected: inout Node, with value: YAMLValue, _ place: Place) throws {
        try checkReplaceable(node, place)
        if let old = node.plainData, old == value { return }
        let end = layout.contentEnd(of: node)
        let written: WrittenValue
        let range: Range<Int>
        var prefix = ""
        var suffix = ""
        if place.inFlow || !value.isNonEmptyCollection || place.siblingsAreFlow || node.collectionStyle == .flow {
            written = inlineValue(value, replacing: node, place)
            if node.collectionStyle == .block || startsBelowItsKeyUnindented(node, place) {
                range = try blockValueStart(of: node, place)..<end
                if case .root = place.slot {} else { prefix = " " }
            } else if node.start.offset == node.endOffset {
                let insertion = try emptyValueInsertion(node, place)
                (range, prefix, suffix) = (insertion.range, insertion.prefix, insertion.suffix)
                // A `: value` line under an explicit `? |` key that ends the text.
                if case .mappingValue(let key, _) = place.slot { keepValueOfBlockScalarEndingTheText(key) }
            } else {
                range = node.start.offset..<end
            }
        } else {
            let indentation: Int
            switch place.slot {
            case .root where layout.isFirstOnLine(node.start.offset):
                indentation = layout.column(of: node.start.offset)
                range = node.start.offset..<end
                // An empty document's value goes on lines of its own, before what follows.
                if node.start.offset == node.endOffset { suffix = "\n" }
            case .root:
                // After `--- `: a block collection starts on the next line.
                indentation = 0
                range = layout.spacesStart(before: node.start.offset)..<end
                prefix = "\n"
            case .mappingValue(let key, _):
                indentation =
                    keepsIndentation(node, value)
                    ? layout.column(of: node.start.offset)
                    : writer.nestedIndentation(of: value, underKeyAt: layout.column(of: key.start.offset))
                range = try blockValueStart(of: node, place)..<end
                prefix = "\n" + writer.spaces(indentation)
            case .sequenceItem(let dashEnd, _):
                indentation = layout.column(of: dashEnd ?? node.start.offset) + 1
                range = try blockValueStart(of: node, place)..<end
                prefix = " "
            }
            written = writer.block(value, indentation: indentation)
        }
        // A `#` right after the value would join a plain scalar instead of starting a comment.
        suffix += layout.spacing(before: range.upperBound)
        if range.upperBound == layout.bytes.count, layout.bytes.last != .newline, written.isClippedBlockScalar {
            suffix += "\n"  // the value's final line break
        }
        if case .root = place.slot, !written.isBlock, layout.directiveFollows(range.upperBound) {
            // A directive line ended the document; a top-level scalar would run on into it.
            suffix += (prefix + written.text + suffix).hasSuffix("\n") ? "...\n" : "\n..."
        }
        let text = prefix + written.text + suffix
        if written.isBlock, let lineEnd = layout.trailingCommentLineEnd(after: range.upperBound),
            let firstBreak = text.utf8.firstIndex(of: .newline)
        {
            // `key: value # comment` becoming a block: the comment stays on the key's line.
            splices.append(splice(range, String(text[..<firstBreak])))
            splices.append(splice(lineEnd..<lineEnd, String(text[firstBreak...]), lineOf: range.lowerBound))
        } else {
            splices.append(splice(range, text))
        }
        expected = written.node
    }

    /// A string keeps the old scalar's style when it can; anything else is written fresh.
    private func inlineValue(_ value: YAMLValue, replacing node: Node, _ place: Place) -> WrittenValue {
        guard case .string(let string) = value, case .scalar(_, let style) = node.content else {
            return writer.inline(value, inFlow: place.inFlow)
        }
        var indentation = 0
        if style == .literal || style == .folded {
            indentation =
                layout.indentationOfNextContentLine(after: node.start.offset, before: node.endOffset)
                ?? layout.column(of: node.start.offset) + writer.style.mappingStep
        }
        let placement = ScalarWriter.Placement(
            inFlow: place.inFlow, blockIndentation: indentation)
        let scalar = ScalarWriter.string(string, preferring: style, at: placement)
        return WrittenValue(text: scalar.text, node: .expected(.scalar(scalar.value, scalar.style)), isBlock: false)
    }

    /// Where a value starts being rewritten when its layout changes: after the key's `:` or
    /// the item's `-`, so the new value decides whether it stays on that line.
    private func blockValueStart(of node: Node, _ place: Place) throws -> Int {
        switch place.slot {
        case .root:
            return node.start.offset
        case .mappingValue(let key, _):
            guard let colonEnd = layout.emptyValueOffset(afterKey: key) else {
                throw YAMLPatchError(.value, "cannot find the ':' after the key here", at: key.start)
            }
            return min(colonEnd, node.start.offset)
        case .sequenceItem(let dashEnd, _):
            return min(dashEnd ?? node.start.offset, node.start.offset)
        }
    }

    /// The bytes an empty value's text replaces (usually none), and what goes before and after it.
    typealias EmptyValueInsertion = (range: Range<Int>, prefix: String, suffix: String)

    /// Where a value goes where there was none, and what goes around it: after `key:` or `-`;
    /// `: ` after a flow key without a colon (a key spanning lines is written again on one
    /// line first, as YAML requires of a key followed by `:`); a `: ` line under an explicit
    /// `? key`; for an empty document, on the line where libyaml placed it, or after `---`.
    private func emptyValueInsertion(_ node: Node, _ place: Place) throws -> EmptyValueInsertion {
        let offset = node.start.offset
        switch place.slot {
        case .root:
            let lineStart = layout.lineStart(of: offset)
            if lineStart < offset, layout.bytes[lineStart..<offset].contains(.hash) {
                return (offset..<offset, "\n", "")  // after a comment at the end of the text
            }
            return lineStart == offset ? (offset..<offset, "", "\n") : (offset..<offset, " ", "")
        case .sequenceItem(let dashEnd, _):
            let start = dashEnd ?? offset
            return (start..<start, " ", "")
        case .mappingValue(let key, let style):
            if let colonEnd = layout.emptyValueOffset(afterKey: key) { return (colonEnd..<colonEnd, " ", "") }
            let keyEnd = layout.contentEnd(of: key)
            // A tag right before `:` would take the colon into its name.
            let colon = key.tag != nil && key.scalarText == "" ? " : " : ": "
            if style == .flow, !layout.hasLineBreak(in: key.range) {
                try checkFitsOneLine(String(decoding: layout.bytes[key.start.offset..<keyEnd], as: UTF8.self), key)
                return (keyEnd..<keyEnd, colon, "")
            }
            if style == .flow { return (key.start.offset..<keyEnd, try oneLineKey(key) + ": ", "") }
            let column = layout.explicitKeyColumn(before: key.start.offset)
            return (keyEnd..<keyEnd, "\n" + writer.spaces(column) + ": ", "")
        }
    }

    /// A flow key that spans lines, written on one line in its own style.
    private func oneLineKey(_ key: Node) throws -> String {
        guard key.properties == nil, case .scalar(let text, let style) = key.content else {
            throw YAMLPatchError(
                .value, "cannot give a value to this key: it spans lines and is not a scalar", at: key.start)
        }
        let placement = ScalarWriter.Placement(inFlow: true, blockIndentation: 0)
        let written = ScalarWriter.string(text, preferring: style, at: placement)
        guard written.style == style, !written.text.contains("\n") else {
            throw YAMLPatchError(
                .value,
                "cannot give a value to this key: it spans lines and cannot be written on one line in its style",
                at: key.start)
        }
        try checkFitsOneLine(written.text, key)
        return written.text
    }

    /// Refuses to put a `:` after a flow key written as `text` when YAML readers would not
    /// look that far for it (libyaml stops 1024 characters after a key's start, and then reads
    /// the key as an entry of its own).
    private func checkFitsOneLine(_ text: String, _ key: Node) throws {
        guard text.unicodeScalars.count > DocumentTree.maximumKeyLength else { return }
        throw YAMLPatchError(
            .value,
            "cannot give a value to this key: it is more than \(DocumentTree.maximumKeyLength) characters on one "
                + "line, further than YAML readers look for the ':' after a key", at: key.start)
    }

    /// Whether a value starts on a line below its key or its item's `-` at no deeper a column
    /// (a block scalar may: `key:` then `|` at the key's column); another value there would be
    /// read as a key or as text after the collection. An empty value has no text of its own
    /// there: it is inserted after its `:` instead.
    private func startsBelowItsKeyUnindented(_ node: Node, _ place: Place) -> Bool {
        guard node.start.offset < node.endOffset else { return false }
        let column = layout.column(of: node.start.offset)
        switch place.slot {
        case .mappingValue(let key, .block) where layout.hasLineBreak(in: key.endOffset..<node.start.offset):
            return column <= layout.explicitKeyColumn(before: key.start.offset)
        case .sequenceItem(let dashEnd?, .block) where layout.lineStart(of: node.start.offset) > dashEnd:
            return column <= layout.column(of: dashEnd - 1)
        default:
            return false
        }
    }

    /// A block collection replaced by one of the same kind keeps its column.
    private func keepsIndentation(_ node: Node, _ value: YAMLValue) -> Bool {
        guard node.anchor == nil, node.tag == nil else { return false }
        switch (node.content, value) {
        case (.mapping(_, .block), .mapping), (.sequence(_, .block), .sequence): return true
        default: return false
        }
    }
}

extension YAMLValue {
    /// A mapping or sequence with at least one entry (written as a block outside flow).
    var isNonEmptyCollection: Bool {
        switch self {
        case .mapping(let entries): return !entries.isEmpty
        case .sequence(let items): return !items.isEmpty
        case .null, .bool, .int, .bigInteger, .double, .string: return false
        }
    }
}
