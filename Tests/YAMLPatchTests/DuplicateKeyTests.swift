import Testing

@testable import YAMLPatch

/// A key written twice in one mapping is listed with both positions, and no edit touches a
/// text that has one or writes a value that has one.
@Suite struct DuplicateKeyTests {
    static let text = """
        name: api
        git:
            repo: my-api
            'repo': other
        "name": web
        ---
        list: [{a: 1, b: 2, a: 3}]
        1: one
        "1": two

        """

    @Test func duplicateKeysAreListedWithBothPositions() throws {
        let duplicates = try DocumentTree(parsing: Self.text).duplicateKeys()
        #expect(duplicates.map(\.key) == ["repo", "name", "a", "1"])
        #expect(duplicates.map(\.first.line) == [3, 1, 7, 8])
        #expect(duplicates.map(\.duplicate.line) == [4, 5, 7, 9])
        #expect(duplicates.map(\.duplicate.column) == [5, 1, 21, 1])
        #expect(try DocumentTree(parsing: "a: 1\nb: {a: 1}\nc: [{a: 1}, {a: 2}]\n").duplicateKeys().isEmpty)
        let many = (0..<20).map { "k\($0): \($0)\n" }.joined() + "k7: again\n"
        #expect(try DocumentTree(parsing: many).duplicateKeys().map(\.first.line) == [8])
    }

    /// Reading still works (a reader may want to show the file); every edit is refused, even
    /// one far from the duplicate, at the duplicate's position.
    @Test func everyEditRefusesATextWithDuplicateKeys() throws {
        let tree = try DocumentTree(parsing: Self.text)
        #expect(try tree.matches(of: YAMLPath("git.repo")).map(\.node.scalarText) == ["my-api"])
        let spec = YAMLValue.mapping([.init(key: "branch", value: .string("main"))])
        for (path, operation) in [
            ("name", EditOperation.set(.string("x"))), ("git", .merge(spec, appendLists: false)),
            ("list[0].b", .delete), ("list", .append(.int(1))), ("new", .set(.int(1))),
        ] {
            let error = try #require(throws: YAMLPatchError.self, "\(path)") {
                try tree.applying(operation, at: YAMLPath(path))
            }
            #expect(error.kind == .duplicateKey, "\(path)")
            #expect(error.mark?.line == 4 && error.mark?.column == 5, "\(path)")
            #expect(error.message.contains("'repo'") && error.message.contains("line 3"))
        }
    }

    /// A value with a key twice (a JSON spec like `{"a":1,"a":2}`) is refused, not written out
    /// as duplicate YAML keys.
    @Test func aValueWithDuplicateKeysIsRefused() throws {
        let twice = YAMLValue.mapping([.init(key: "a", value: .int(1)), .init(key: "a", value: .int(2))])
        let nested = YAMLValue.sequence([.mapping([.init(key: "x", value: twice)])])
        for (path, operation) in [
            ("m", EditOperation.set(twice)), ("m", .merge(twice, appendLists: false)), ("l", .append(nested)),
            ("new.key", .set(nested)),
        ] {
            let error = try #require(throws: YAMLPatchError.self, "\(path)") {
                try edited("m: {}\nl: []\n", path, operation)
            }
            #expect(error.kind == .duplicateKey && error.message.contains("'a'"), "\(path)")
        }
    }
}
