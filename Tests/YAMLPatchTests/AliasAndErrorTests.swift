import Testing

@testable import YAMLPatch

/// Edits never go through aliases, anchors are never expanded on write, and bad input is
/// refused with a position.
@Suite struct AliasAndErrorTests {
    static let billionLaughs: String = {
        var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        return text + "other: 1 # untouched by the laughs\n"
    }()

    @Test func billionLaughsIsEditedWithoutExpansion() throws {
        let new = try edited(Self.billionLaughs, "other", .set(.int(2)))
        #expect(lineDiff(Self.billionLaughs, new).added == ["other: 2 # untouched by the laughs"])
        #expect(new.utf8.count == Self.billionLaughs.utf8.count)
        let appended = try edited(Self.billionLaughs, "zz", .set(.string("x")))
        #expect(appended == Self.billionLaughs + "zz: x\n")
    }

    /// Reading a value expands aliases only up to a budget of nodes: billion laughs, and one
    /// large anchor named many times, stop early.
    @Test func aliasExpansionIsBoundedByTheNodesItAdds() throws {
        let laughs = try DocumentTree(parsing: Self.billionLaughs)
        let document = try #require(laughs.documents.first)
        let error = try #require(throws: YAMLPatchError.self) { try laughs.value(of: document.root, in: document) }
        #expect(error.kind == .alias && error.message.contains("\(DocumentTree.aliasExpansionBudget) nodes"))
        let a = try #require(laughs.matches(of: YAMLPath("c")).first?.node)
        #expect(try laughs.value(of: a, in: document).firstItem?.firstItem?.firstItem == .string("lol"))

        let items = (0..<1_000).map(String.init).joined(separator: ", ")
        let uses = Array(repeating: "*big", count: 200).joined(separator: ", ")
        let wide = "big: &big [\(items)]\nuses: [\(uses)]\n"
        let tree = try DocumentTree(parsing: wide)
        let root = try #require(tree.documents.first?.root)
        #expect(throws: YAMLPatchError.self) { try tree.value(of: root, in: tree.documents[0]) }
    }

    @Test func editsThroughAliasesOrAnchorsAreRefused() throws {
        let text = "base: &base\n  x: 1\nderived: *base\nlist: [&item a, *item]\nfree: &free 1\n"
        for (path, operation) in [
            ("derived.x", EditOperation.set(.int(2))), ("derived", .set(.int(2))),
            ("base.x", .set(.int(2))), ("base.y", .set(.int(2))), ("base", .delete),
            ("list[0]", .set(.string("b"))), ("list[1]", .set(.string("c"))),
            ("base", .merge(.mapping([.init(key: "z", value: .int(1))]), appendLists: false)),
        ] {
            let error = try #require(throws: YAMLPatchError.self, "\(path)") { try edited(text, path, operation) }
            #expect(error.kind == .alias, "\(path)")
            #expect(error.mark != nil, "\(path)")
        }
        #expect(
            try edited(text, "free", .set(.int(3)))
                == "base: &base\n  x: 1\nderived: *base\nlist: [&item a, *item]\nfree: 3\n")
        #expect(try edited(Self.billionLaughs, "a[0]", .set(.string("x")), expecting: .alias))
    }

    /// An anchor on a key is as protected as one on a value: deleting `&SS Sammy Sosa` while
    /// `*SS` remains would leave an alias of nothing (yaml_edit's test suite found this).
    @Test func deletingAnAnchoredKeyThatAnAliasNamesIsRefused() throws {
        let text = "&SS Sammy Sosa: a\nb: *SS\nc: &free 1\n"
        let error = try #require(throws: YAMLPatchError.self) { try edited(text, "Sammy Sosa", .delete) }
        #expect(error.kind == .alias && error.mark?.line == 1 && error.mark?.column == 1)
        #expect(try edited(text, "c", .delete) == "&SS Sammy Sosa: a\nb: *SS\n")
        #expect(try edited("- &a x\n- *a\n- y\n", "[0]", .delete, expecting: .alias))
    }

    /// YAML has no alias before its anchor: such a text is refused where the alias is.
    @Test func anAliasWithoutAnAnchorBeforeItIsRefused() throws {
        for (text, line, column) in [("a: *x\n", 1, 4), ("a: *x\nb: &x 1\n", 1, 4), ("a: &x 1\n---\nb: *x\n", 3, 4)] {
            let error = try #require(throws: YAMLPatchError.self) { try DocumentTree(parsing: text) }
            #expect(error.kind == .syntax && error.message.contains("*x"), "\(text)")
            #expect(error.mark?.line == line && error.mark?.column == column, "\(text): \(error)")
        }
    }

    @Test func readingFollowsAliases() throws {
        let tree = try DocumentTree(parsing: "base: &base\n  x: 1\nderived: *base\n")
        let match = try #require(try tree.matches(of: YAMLPath("derived.x")).first)
        #expect(match.node.scalarText == "1")
    }

    @Test func anAliasRefersToTheMostRecentAnchorBeforeIt() throws {
        let tree = try DocumentTree(parsing: "a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        let document = try #require(tree.documents.first)
        #expect(try tree.matches(of: YAMLPath("b")).map(\.node.scalarText) == ["1"])
        #expect(try tree.matches(of: YAMLPath("d")).map(\.node.scalarText) == ["2"])
        #expect(
            try tree.value(of: document.root, in: document)
                == .mapping([
                    .init(key: "a", value: .int(1)), .init(key: "b", value: .int(1)),
                    .init(key: "c", value: .int(2)), .init(key: "d", value: .int(2)),
                ]))
        let b = try #require(document.root.child(forKey: "b"))
        #expect(document.resolvingAlias(b).start.line == 1)
    }

    @Test func onlyTheAnchorAnAliasRefersToIsProtected() throws {
        let text = "a: &x 1\nb: *x\nc: &x 2\n"
        #expect(try edited(text, "c", .set(.int(3))) == "a: &x 1\nb: *x\nc: 3\n")
        #expect(try edited(text, "a", .set(.int(3)), expecting: .alias))
    }

    @Test func anAliasInsideItsOwnAnchorIsRefusedWhenExpanded() throws {
        let tree = try DocumentTree(parsing: "a: &loop [1, *loop]\n")
        let document = try #require(tree.documents.first)
        let error = try #require(throws: YAMLPatchError.self) { try tree.value(of: document.root, in: document) }
        #expect(error.kind == .alias && error.mark?.column == 14)
        #expect(try tree.matches(of: YAMLPath("a[1][1][0]")).map(\.node.scalarText) == ["1"])
    }

    @Test func malformedPathsNameTheColumn() throws {
        for (expression, column) in [("a..b", 3), ("a[", 3), ("a[x]", 3), ("a[\"b]", 6), ("", 1), ("a]b", 2)] {
            let error = try #require(throws: YAMLPatchError.self, "\(expression)") { try YAMLPath(expression) }
            #expect(error.kind == .path)
            #expect(error.mark?.column == column, "\(expression): \(error)")
        }
        #expect(
            try YAMLPath("a.b[0][name=api][\"c.d\"][-1]").steps
                == [.key("a"), .key("b"), .index(0), .select(key: "name", value: "api"), .key("c.d"), .index(-1)])
        #expect(try YAMLPath(".").steps.isEmpty)
    }

    @Test func noMatchSaysWhereThePathStopped() throws {
        let error = try #require(throws: YAMLPatchError.self) {
            try edited("apps:\n  - name: api\n", "apps[name=web].port", .set(.int(1)))
        }
        #expect(error.kind == .noMatch)
        #expect(error.mark?.line == 2 && error.message.contains("name=web"))
    }

    @Test func invalidTextIsRefusedWithItsPosition() throws {
        let syntax = try #require(throws: YAMLPatchError.self) { try DocumentTree(parsing: "a: [1\nb: 2\n") }
        #expect(syntax.kind == .syntax && syntax.mark != nil)
        let encoding = try #require(throws: YAMLPatchError.self) {
            try DocumentTree(parsing: [0x61, 0x3A, 0x20, 0xFF, 0x0A])
        }
        #expect(encoding.kind == .encoding && encoding.mark?.column == 4)
    }
}

/// Whether the edit fails with an error of `kind`.
func edited(
    _ text: String, _ path: String, _ operation: EditOperation, expecting kind: YAMLPatchError.Kind
) throws -> Bool {
    do {
        _ = try edited(text, path, operation)
        return false
    } catch let error as YAMLPatchError {
        return error.kind == kind
    }
}
