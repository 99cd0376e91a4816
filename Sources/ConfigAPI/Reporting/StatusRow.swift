import GitOps
import ProjectConfig
import YAMLPatch

/// One row of `config-api status`: an item, what it deploys, and the commit that set it.
struct StatusRow {
    let item: DeployedItem
    /// The commit that set what the item deploys (nil when the history does not say).
    let setBy: FileRevision?

    /// The row as JSON: {project, kind, name, hash, version, commit, since, author, held, hold}.
    var value: YAMLValue {
        let path = item.path
        let isApplication = path.kind == .applications
        let text = { (string: String?) in string.map(YAMLValue.string) ?? .null }
        return .mapping([
            .init(key: "project", value: .string(path.project)), .init(key: "kind", value: .string(path.kind.singular)),
            .init(key: "name", value: .string(path.name)),
            .init(key: "hash", value: isApplication ? text(item.hash) : .null),
            .init(key: "version", value: isApplication ? .null : text(item.version)),
            .init(key: "commit", value: text(setBy?.commit)),
            .init(key: "since", value: text(setBy.map(HistoryOutput.time(of:)))),
            .init(key: "author", value: setBy.map(HistoryOutput.authorValue(of:)) ?? .null),
            .init(key: "held", value: .bool(item.hold != nil)), .init(key: "hold", value: text(item.hold)),
        ])
    }

    /// The cells of the text table.
    private var cells: [String] {
        let path = item.path
        let deployed = path.kind == .applications ? item.hash.map { String($0.prefix(7)) } : item.version
        return [
            path.project, path.kind.singular, path.name, DisplayText.sanitized(deployed ?? "~", limit: 20),
            setBy.map(HistoryOutput.time(of:)) ?? "-",
            setBy.map { DisplayText.sanitized($0.author.name, limit: 40) } ?? "-",
            item.hold.map { "held: " + DisplayText.sanitized($0, limit: 80) } ?? "-",
        ]
    }

    /// The rows as a table with a header, columns padded to their widest cell.
    static func table(_ rows: [StatusRow]) -> String {
        let header = ["PROJECT", "KIND", "NAME", "DEPLOYED", "SINCE", "BY", "HOLD"]
        let lines = [header] + rows.map(\.cells)
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        return lines.map { cells in
            let padded = zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
            return String(padded.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n") + "\n"
    }
}
