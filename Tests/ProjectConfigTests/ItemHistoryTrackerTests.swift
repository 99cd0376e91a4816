import ProjectConfig
import TestSupport
import Testing
import YAMLPatch

/// The history tracker says exactly what parsing every version would say, while parsing only
/// the versions it must.
struct ItemHistoryTrackerTests {
    /// 800 generated versions of a 10-application file, walked from the newest, following each
    /// application alone (as `history` does) and all of them at once (as `status` does): every
    /// step's transitions equal those of a full parse of both sides. Following one application,
    /// the tracker parses only a fraction of the versions.
    @Test(arguments: [1, 2, 3])
    func transitionsEqualThoseOfParsingEveryVersion(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        let versions = ProjectFileVersions.history(800, applications: 10, using: &generator).map { Array($0.utf8) }
        let names = Set(versions.flatMap(Self.applicationNames)).sorted()
        let paths = try names.map { try ResourcePath(project: "p", kind: .applications, name: $0) }
            + [try ResourcePath(project: "p", kind: .databases, name: "mysql")]
        let states = versions.map { Self.states(of: paths, in: $0) }
        var parses: [Int] = []
        for column in paths.indices {
            parses.append(try Self.walk(versions, following: [paths[column]], expecting: states.map { [$0[column]] }))
        }
        _ = try Self.walk(versions, following: paths, expecting: states)
        let mean = Double(parses.reduce(0, +)) / Double(parses.count)
        #expect(mean < Double(versions.count) / 4, "parsed \(mean) of \(versions.count) versions on average")
    }

    /// A file the tracker starts on and steps into, absent on both sides: no transition; then
    /// created, changed and deleted.
    @Test func creationChangeAndDeletion() throws {
        let api = try ResourcePath(project: "p", kind: .applications, name: "api")
        let versions: [String?] = [
            nil,
            "applications:\n  - name: api\n    port: 1\n",
            "applications:\n  - name: api\n    port: 2\n",
            "applications:\n  - name: web\n    port: 2\n",
        ]
        let newest = FileVersion(id: "3", bytes: versions[3].map { Array($0.utf8) })
        var tracker = ItemHistoryTracker(items: [api], newest: newest)
        var kinds: [String] = []
        for index in stride(from: 2, through: 0, by: -1) {
            let step = tracker.step(to: FileVersion(id: versions[index] == nil ? nil : "\(index)",
                                                    bytes: versions[index].map { Array($0.utf8) }))
            kinds += step.map(\.kind)
            if index == 1 { #expect(step.first?.changes == [FieldChange(path: "port", old: .int(1), new: .int(2))]) }
        }
        #expect(kinds == ["deleted", "modified", "created"])
    }

    /// Walks `versions` from the newest following `paths`, checking each step against
    /// `expected` (the states of every version); returns how many versions were parsed.
    private static func walk(_ versions: [[UInt8]], following paths: [ResourcePath],
                             expecting expected: [[ItemState]]) throws -> Int {
        var tracker = ItemHistoryTracker(items: paths, newest: FileVersion(id: "v\(versions.count - 1)",
                                                                           bytes: versions.last))
        for index in stride(from: versions.count - 2, through: 0, by: -1) {
            let transitions = tracker.step(to: FileVersion(id: "v\(index)", bytes: versions[index]))
            let changed = paths.indices.filter { !same(expected[index][$0], expected[index + 1][$0]) }
            guard transitions.map(\.path) == changed.map({ paths[$0] }) else {
                let found = Set(transitions.map(\.path.name))
                let wanted = Set(changed.map { paths[$0].name })
                Issue.record("""
                    version \(index): \(found.symmetricDifference(wanted).sorted()) differ
                    \(String(decoding: versions[index], as: UTF8.self))-----
                    \(String(decoding: versions[index + 1], as: UTF8.self))
                    """)
                return tracker.parses
            }
            for (transition, column) in zip(transitions, changed) {
                #expect(same(transition.older, expected[index][column]))
                #expect(same(transition.newer, expected[index + 1][column]))
            }
        }
        return tracker.parses
    }

    private static func applicationNames(in text: [UInt8]) -> [String] {
        String(decoding: text, as: UTF8.self).split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " }
            return trimmed.hasPrefix("- name: ") ? String(trimmed.dropFirst(8)) : nil
        }
    }

    /// The states of `paths` in `text`, from one parse.
    private static func states(of paths: [ResourcePath], in text: [UInt8]) -> [ItemState] {
        let tree: DocumentTree
        do {
            tree = try DocumentTree(parsing: text)
        } catch {
            return paths.map { _ in .unreadable("\(error)") }
        }
        return paths.map { path in
            do {
                return try DeployedItem.read(path, in: tree).map { .present($0.value) } ?? .absent
            } catch {
                return .unreadable("\(error)")
            }
        }
    }

    /// Equal states; two unreadable states are the same whatever their messages.
    private static func same(_ left: ItemState, _ right: ItemState) -> Bool {
        if case .unreadable = left, case .unreadable = right { return true }
        return left == right
    }
}
