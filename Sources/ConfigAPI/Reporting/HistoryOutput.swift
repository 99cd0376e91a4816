#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import GitOps
import ProjectConfig
import YAMLPatch

/// How `history` and `status` print commits and changes: times in ISO 8601 (UTC), authors as
/// git writes them, values as JSON, and every text from the repository made safe to print on
/// one line (docs/contract.md#history-rollback-and-holds).
enum HistoryOutput {
    /// The author's time, `2026-01-12T09:30:00Z`.
    static func time(of revision: FileRevision) -> String {
        Date(timeIntervalSince1970: Double(revision.time)).formatted(Date.ISO8601FormatStyle())
    }

    /// `Name <email>`, safe to print.
    static func author(of revision: FileRevision) -> String {
        DisplayText.sanitized(revision.author.description, limit: 120)
    }

    /// `{"name": …, "email": …}`.
    static func authorValue(of revision: FileRevision) -> YAMLValue {
        .mapping([.init(key: "name", value: .string(revision.author.name)),
                  .init(key: "email", value: .string(revision.author.email))])
    }

    /// The lines of one change of an item: `git.hash: null → "3f2c1a9"`, one per field.
    static func lines(of transition: ItemTransition) -> [String] {
        if case .unreadable(let message) = transition.newer {
            return ["the file does not parse here: \(DisplayText.sanitized(message, limit: 200))"]
        }
        let fields = transition.changes.map { change in
            "\(DisplayText.sanitized(change.path)): \(shown(change.old)) → \(shown(change.new))"
        }
        return [transition.kind] + fields
    }

    /// One change as JSON: the commit, its time, author, subject and message, the kind of
    /// change and the fields (`old` and `new` left out where the field was absent).
    static func value(of transition: ItemTransition, in revision: FileRevision) -> YAMLValue {
        let fields = transition.changes.map { change in
            YAMLValue.mapping(
                [.init(key: "path", value: .string(change.path))]
                    + (change.old.map { [YAMLValue.Entry(key: "old", value: $0)] } ?? [])
                    + (change.new.map { [YAMLValue.Entry(key: "new", value: $0)] } ?? []))
        }
        var entries: [YAMLValue.Entry] = [
            .init(key: "commit", value: .string(revision.commit)),
            .init(key: "time", value: .string(time(of: revision))),
            .init(key: "author", value: authorValue(of: revision)),
            .init(key: "subject", value: .string(revision.subject)),
            .init(key: "message", value: .string(revision.message)),
            .init(key: "change", value: .string(transition.kind)), .init(key: "fields", value: .sequence(fields)),
        ]
        if case .unreadable(let message) = transition.newer {
            entries.append(.init(key: "error", value: .string(message)))
        }
        return .mapping(entries)
    }

    /// A value as JSON, or `(none)` for an absent field, safe to print.
    static func shown(_ value: YAMLValue?) -> String {
        value.map { DisplayText.sanitized(JSONText.render($0), limit: 120) } ?? "(none)"
    }
}
