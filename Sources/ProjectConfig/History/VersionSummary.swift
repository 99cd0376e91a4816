import YAMLPatch

/// An item's state in one version of its project file.
public enum ItemState: Sendable, Equatable {
    /// The file has no such item (or there is no file).
    case absent
    /// The item's mapping, aliases expanded.
    case present(YAMLValue)
    /// The version does not parse, so what it held is unknown (the parser's message).
    case unreadable(String)

    /// The item's value, when present.
    public var value: YAMLValue? {
        if case .present(let value) = self { return value }
        return nil
    }
}

/// Where an item sits in a version whose lines are all simple (``LineShape``): the content lines
/// just before and after it, and the column of its list's `-`. A change outside these lines
/// that keeps to simple lines cannot change the item (``ItemHistoryTracker``).
struct ItemWindow: Equatable {
    /// The last content line before the item (1-based; 0 when none).
    var previousLine: Int
    /// The first content line after the item (1-based; the line count + 1 when none).
    var nextLine: Int
    /// The indentation of the `-` of the item's list.
    var column: Int

    /// The window `shift` lines further down.
    func shifted(by shift: Int) -> ItemWindow {
        ItemWindow(previousLine: previousLine + shift, nextLine: nextLine + shift, column: column)
    }
}

/// What one parsed version of a project file says about the tracked items.
struct VersionSummary {
    var states: [ResourcePath: ItemState]
    /// For present items, when every line of the version is simple.
    var windows: [ResourcePath: ItemWindow]

    /// Parses `text` and reads `items` from it.
    init(parsing text: [UInt8], items: [ResourcePath]) {
        let tree: DocumentTree
        do {
            tree = try DocumentTree(parsing: text)
        } catch {
            let message = (error as? YAMLPatchError)?.message ?? "\(error)"
            states = Dictionary(uniqueKeysWithValues: items.map { ($0, ItemState.unreadable(message)) })
            windows = [:]
            return
        }
        states = [:]
        windows = [:]
        let isSimple = tree.documents.count <= 1 && tree.documents.allSatisfy { Self.isSimple($0.root, in: tree.text) }
        let lines = isSimple ? LineTable(text) : nil
        for path in items {
            do {
                guard let match = try tree.matches(of: path.selector).first else {
                    states[path] = .absent
                    continue
                }
                states[path] = .present(try tree.value(of: match.node, in: tree.documents[match.documentIndex]))
                if let lines, let list = tree.documents.first?.root.child(forKey: path.kind.rawValue) {
                    windows[path] = lines.window(around: match.node, column: list.start.column - 1)
                }
            } catch let error as YAMLPatchError where error.kind == .noMatch {
                states[path] = .absent
            } catch {
                states[path] = .unreadable((error as? YAMLPatchError)?.message ?? "\(error)")
            }
        }
    }

    /// No anchors, aliases or tags; scalars plain or quoted on one line; flow collections on
    /// one line; block mappings whose keys are one-line plain scalars with the value on the
    /// key's line unless it is a block collection.
    static func isSimple(_ node: Node, in text: [UInt8]) -> Bool {
        guard node.anchor == nil, node.tag == nil else { return false }
        let isOneLine = !text[node.range].contains(UInt8(ascii: "\n"))
        switch node.content {
        case .alias:
            return false
        case .scalar(_, let style):
            return style != .literal && style != .folded && isOneLine
        case .sequence(let items, let style):
            return (style == .block || isOneLine) && items.allSatisfy { isSimple($0, in: text) }
        case .mapping(let pairs, let style):
            if style == .flow { return isOneLine && pairs.allSatisfy { isSimplePair($0, in: text) } }
            return pairs.allSatisfy { pair in
                guard case .scalar(_, .plain) = pair.key.content, isSimplePair(pair, in: text) else { return false }
                return pair.value.start.line == pair.key.start.line || isBlockCollection(pair.value)
            }
        }
    }

    private static func isSimplePair(_ pair: Node.Pair, in text: [UInt8]) -> Bool {
        isSimple(pair.key, in: text) && isSimple(pair.value, in: text)
    }

    private static func isBlockCollection(_ node: Node) -> Bool {
        switch node.content {
        case .mapping(_, .block), .sequence(_, .block): return true
        default: return false
        }
    }
}

/// The line starts of a text, to turn byte offsets into lines and find content lines.
struct LineTable {
    private let text: [UInt8]
    private var starts: [Int] = [0]

    init(_ text: [UInt8]) {
        self.text = text
        for (offset, byte) in text.enumerated() where byte == UInt8(ascii: "\n") && offset + 1 < text.count {
            starts.append(offset + 1)
        }
    }

    var count: Int { text.isEmpty ? 0 : starts.count }

    /// The 1-based line holding byte `offset`.
    func line(of offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// Whether the 1-based line `line` is blank or a comment.
    func isBlank(_ line: Int) -> Bool {
        let end = line < starts.count ? starts[line] - 1 : text.count
        return LineShape(text[starts[line - 1]..<end]) == .blank
    }

    /// The window of `node` (an item of a list whose `-` is at `column`).
    func window(around node: Node, column: Int) -> ItemWindow {
        let first = node.start.line
        let last = line(of: max(node.start.offset, node.endOffset - 1))
        var previous = first - 1
        while previous > 0, isBlank(previous) { previous -= 1 }
        var next = last + 1
        while next <= count, isBlank(next) { next += 1 }
        return ItemWindow(previousLine: previous, nextLine: next, column: column)
    }
}
