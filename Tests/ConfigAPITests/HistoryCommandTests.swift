import Foundation
import TestSupport
import Testing

/// `config-api history` over a long history, checked against `git log -p` read independently.
@Suite struct HistoryCommandTests {
    /// 10,000 commits to one project file of 20 applications: the history of one application,
    /// as JSON, is exactly the changes `git log -p` shows for its lines — every commit, author,
    /// time, subject and field, old and new — newest first, down to its creation in the seed.
    @Test func tenThousandCommitsOfTwentyApplications() throws {
        let folder = try TemporaryFolder()
        let fixture = try HistoryFixture(in: folder)
        #expect(try fixture.repository.commitCount() == 10_000)
        let result = try ConfigAPIProcess.run(["history", "-C", fixture.repository.path, "fleet", "app-7", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
            as? [[String: Any]])
        let expected = try GitLogChanges(repository: fixture.repository.path, file: HistoryFixture.file,
                                         application: "app-7").changes
        #expect(expected.count > 400 && entries.count == expected.count, "\(entries.count) of \(expected.count)")
        for (entry, change) in zip(entries, expected) {
            let author = entry["author"] as? [String: String]
            #expect(entry["commit"] as? String == change.commit)
            #expect(author == ["name": change.authorName, "email": change.authorEmail])
            #expect(entry["time"] as? String == change.time && entry["subject"] as? String == change.subject)
            let fields = Set((entry["fields"] as? [[String: Any]] ?? []).map(Self.field))
            #expect(fields == change.fields, "\(change.commit)")
            #expect(entry["change"] as? String == (change.commit == expected.last?.commit ? "created" : "modified"))
        }
    }

    @Test func textAndLimitsAndRefusals() throws {
        let workspace = try GitWorkspace()
        for hash in ["aaaaaaa", "bbbbbbb"] {
            #expect(try workspace.run(["bump", "myproject", "api", hash]).status == 0)
        }
        let history = { (arguments: [String]) in
            try ConfigAPIProcess.run(["history", "-C", workspace.clone] + arguments,
                                     environment: ConfigAPIProcess.environment())
        }
        let text = try history(["myproject", "api", "-n", "1"])
        #expect(text.status == 0)
        let lines = text.standardOutput.split(separator: "\n")
        #expect(lines.count == 4 && lines[1] == "    apply projects/myproject/applications/api")
        #expect(lines[0].hasSuffix("  \(GitWorkspace.author)") && lines[2] == "    modified")
        #expect(lines[3] == #"    git.hash: "aaaaaaa" → "bbbbbbb""#)
        let database = try history(["myproject", "--database", "redis", "--json"])
        let created = try JSONSerialization.jsonObject(with: Data(database.standardOutput.utf8)) as? [[String: Any]]
        #expect(created?.count == 1 && created?.first?["change"] as? String == "created")
        #expect(try history(["myproject"]).status == 64)
        #expect(try history(["nope", "api"]).standardOutput == "")
        #expect(try history(["my/project", "api"]).status == 65)
    }

    /// `path=old→new`, with `-` for a side where the field was absent.
    static func field(_ object: [String: Any]) -> String {
        let shown = { (value: Any?) -> String in
            switch value {
            case nil: "-"
            case is NSNull: "null"
            case let text as String: text
            case let number as NSNumber: number.stringValue
            default: "\(value!)"
            }
        }
        return "\(object["path"] as? String ?? "?")=\(shown(object["old"]))→\(shown(object["new"]))"
    }
}

/// The changes of one application's lines in `git log -p --first-parent` of a file, read
/// from the patch text alone: each `-`/`+` line is given to the application whose
/// `- name:` line precedes it in the hunk (12 lines of context reach it), and to the field its
/// indentation and the key above it name.
struct GitLogChanges {
    struct Change {
        var commit: String
        var authorName: String
        var authorEmail: String
        var time: String
        var subject: String
        var fields: Set<String>
    }

    let changes: [Change]

    init(repository: String, file: String, application: String) throws {
        let log = try GitCLI.run(["log", "-p", "--first-parent", "-U12", "--format=%x00%H%x01%an%x01%ae%x01%at%x01%s",
                                  "main", "--", file], in: repository)
        let iso = ISO8601DateFormatter()
        changes = log.split(separator: "\u{0}").compactMap { chunk in
            let lines = chunk.split(separator: "\n", omittingEmptySubsequences: false)
            let header = lines[0].split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
            let fields = Self.fields(of: application, in: lines.dropFirst())
            guard !fields.isEmpty else { return nil }
            return Change(commit: header[0], authorName: header[1], authorEmail: header[2],
                          time: iso.string(from: Date(timeIntervalSince1970: Double(header[3])!)), subject: header[4],
                          fields: fields)
        }
    }

    /// `path=old→new` for each field of `application` the patch changes.
    private static func fields(of application: String, in patch: ArraySlice<Substring>) -> Set<String> {
        var current: String?
        var parent: String?
        var old: [String: String] = [:]
        var new: [String: String] = [:]
        for line in patch where line.hasPrefix(" ") || line.hasPrefix("-") || line.hasPrefix("+") {
            guard !line.hasPrefix("---"), !line.hasPrefix("+++") else { continue }
            let sign = line.first!
            let text = line.dropFirst()
            let indent = text.prefix { $0 == " " }.count
            let content = text.dropFirst(indent)
            if content.hasPrefix("- name: ") {
                current = String(content.dropFirst(8))
                parent = nil
            }
            if indent == 6, content.hasSuffix(":") { parent = String(content.dropLast()) }
            guard sign != " ", current == application, !content.hasPrefix("#"), let (path, value) = field(
                content, indent: indent, parent: parent) else { continue }
            if sign == "-" { old[path] = value } else { new[path] = value }
        }
        let paths = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
        return Set(paths.map { "\($0)=\(old[$0] ?? "-")→\(new[$0] ?? "-")" })
    }

    /// The field path and value of one line of an application's block.
    private static func field(_ content: Substring, indent: Int, parent: String?) -> (String, String)? {
        if content.hasPrefix("- name: ") { return ("name", String(content.dropFirst(8))) }
        if indent == 10, content.hasPrefix("- "), parent == "domains" {
            return ("domains[0]", String(content.dropFirst(2)))
        }
        guard let colon = content.firstIndex(of: ":") else { return nil }
        let key = String(content[..<colon])
        var value = content[content.index(after: colon)...].drop { $0 == " " }
        guard !value.isEmpty else { return nil }
        if value.hasPrefix("\"") { value = value.dropFirst().dropLast() } else if value == "~" { value = "null" }
        return (indent == 10 && parent != nil ? "\(parent!).\(key)" : key, String(value))
    }
}
