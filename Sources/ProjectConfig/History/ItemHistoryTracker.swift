/// One version of a project file in a history walk: its blob id (two versions with one id are
/// the same bytes) and its bytes; nil for both when the file did not exist.
public struct FileVersion: Sendable {
    public let id: String?
    public let bytes: [UInt8]?

    public init(id: String?, bytes: [UInt8]?) {
        self.id = id
        self.bytes = bytes
    }
}

/// An item that differs between two consecutive versions of its file, and how.
public struct ItemTransition: Sendable, Equatable {
    /// The item.
    public let path: ResourcePath
    /// Its state in the older version.
    public let older: ItemState
    /// Its state in the newer version.
    public let newer: ItemState
    /// The fields that changed (all of them when it was created or deleted).
    public var changes: [FieldChange] { FieldChange.between(older.value, newer.value) }

    /// `created`, `modified`, `deleted`, or `unreadable` when the newer version does not parse.
    public var kind: String {
        switch (older, newer) {
        case (_, .unreadable): "unreadable"
        case (.present, .present): "modified"
        case (_, .present): "created"
        default: "deleted"
        }
    }
}

/// Follows items of one project file from a version to ever older ones
/// (docs/contract.md#history-rollback-and-holds), and says at each step which of them changed.
///
/// Parsing every version would cost the whole history's bytes through libyaml (10,000 versions
/// of a 20-application file are 44 MB). Most steps change other items, so a step is first
/// judged from the bytes: the region of lines the two versions do not share (``ChangedRegion``).
/// When the newer version's lines are all simple, the region's lines on both sides are simple
/// too (``LineShape``), it does not touch an item's window (the item's lines and the content
/// lines just around them), and it neither adds or removes a line naming the item nor changes
/// the lines that put the item in its list (less indented than its `-`), then the item is the
/// same in the older version, its lines shifted by the region's difference in line counts. Any
/// doubt, for any tracked item, and the older version is parsed, once per distinct blob.
public struct ItemHistoryTracker {
    /// The items still followed.
    public private(set) var items: [ResourcePath]
    /// Their states in the version the walk has reached.
    public private(set) var states: [ResourcePath: ItemState]
    /// How many versions were parsed so far.
    public private(set) var parses = 0
    private var windows: [ResourcePath: ItemWindow]
    private var bytes: [UInt8]?
    private var summaries: [String: VersionSummary] = [:]

    /// Starts at `newest` with `items` (all of one project file).
    public init(items: [ResourcePath], newest: FileVersion) {
        self.items = items
        states = [:]
        windows = [:]
        bytes = newest.bytes
        let summary = summary(of: newest)
        states = summary.states
        windows = summary.windows
    }

    /// Stops following `path` (its question is answered).
    public mutating func stopFollowing(_ path: ResourcePath) {
        items.removeAll { $0 == path }
    }

    /// Moves to the next older version; returns the followed items that differ between the two.
    public mutating func step(to older: FileVersion) -> [ItemTransition] {
        let newerStates = states
        if let olderBytes = older.bytes, let newerBytes = bytes, older.id == nil || summaries[older.id!] == nil,
           let carried = carriedForward(from: newerBytes, to: olderBytes) {
            windows = carried
        } else {
            let summary = summary(of: older)
            states = summary.states
            windows = summary.windows
        }
        bytes = older.bytes
        return items.compactMap { path in
            let newer = newerStates[path] ?? .absent
            let olderState = states[path] ?? .absent
            return newer == olderState ? nil : ItemTransition(path: path, older: olderState, newer: newer)
        }
    }

    /// The windows of every followed item in `older` when no item can differ from `newer`;
    /// nil when one may.
    private func carriedForward(from newer: [UInt8], to older: [UInt8]) -> [ResourcePath: ItemWindow]? {
        guard let region = ChangedRegion(newer: newer, older: older) else { return windows }
        let shapes = (region.newerLines + region.olderLines).map(LineShape.init)
        guard !shapes.contains(.complex) else { return nil }
        var carried: [ResourcePath: ItemWindow] = [:]
        for path in items {
            guard !shapes.contains(where: { Self.names(path.name, $0) }) else { return nil }
            switch states[path] {
            case .present?:
                guard let window = windows[path],
                      let moved = Self.carried(window, across: region, shapes: shapes) else { return nil }
                carried[path] = moved
            case .absent?:
                guard shapes.allSatisfy(Self.isLeaf) else { return nil }
            case .unreadable?, nil:
                return nil
            }
        }
        return carried
    }

    /// `window` in the older version, when `region` (whose lines have `shapes`) cannot change
    /// the item: it keeps out of the window, and before the item it only has lines inside the
    /// item's list (indented past its `-`, or items of the list); after it, none that could
    /// reopen the list or start another one of the same name.
    private static func carried(_ window: ItemWindow, across region: ChangedRegion,
                                shapes: [LineShape]) -> ItemWindow? {
        let touched = region.touchedNewerLines
        if touched.upperBound < window.previousLine {
            let inList = shapes.allSatisfy { shape in
                guard case .entry(let indent, let isItem, _, _) = shape else { return true }
                return indent > window.column || (indent == window.column && isItem)
            }
            return inList ? window.shifted(by: region.lineShift) : nil
        }
        if touched.lowerBound > window.nextLine {
            let keepsLists = shapes.allSatisfy { shape in
                guard case .entry(let indent, let isItem, let key, _) = shape, indent <= window.column, !isItem else {
                    return true
                }
                return indent < window.column && key.map { ResourcePath.Kind(rawValue: $0) == nil } ?? true
            }
            return keepsLists ? window : nil
        }
        return nil
    }

    /// A `name: <name>` line.
    private static func names(_ name: String, _ shape: LineShape) -> Bool {
        guard case .entry(_, _, let key, let value) = shape else { return false }
        return key == "name" && value == name
    }

    /// `key: value` with a value, not a list item and not a name: it changes a leaf, never the
    /// shape of the document.
    private static func isLeaf(_ shape: LineShape) -> Bool {
        switch shape {
        case .blank: return true
        case .entry(_, let isItem, let key?, let value): return !isItem && key != "name" && !value.isEmpty
        default: return false
        }
    }

    /// The summary of `version`: parsed once per blob, remembered by its id.
    private mutating func summary(of version: FileVersion) -> VersionSummary {
        guard let text = version.bytes else { return VersionSummary(absent: items) }
        if let id = version.id, let known = summaries[id], items.allSatisfy({ known.states[$0] != nil }) {
            return known
        }
        parses += 1
        let summary = VersionSummary(parsing: text, items: items)
        if let id = version.id { summaries[id] = summary }
        return summary
    }
}

extension VersionSummary {
    /// No file: every item absent.
    init(absent items: [ResourcePath]) {
        states = Dictionary(uniqueKeysWithValues: items.map { ($0, ItemState.absent) })
        windows = [:]
    }
}
