import Testing

@testable import YAMLPatch

/// A parsed tree keeps its nodes in a ``NodeStore`` and makes ``Node``s when asked: what
/// comes out must be what the text says, in every style, and a change to what came out must
/// leave the parsed tree as it was.
@Suite struct NodeStoreTests {
    static let text = """
        plain: value
        single: 'it''s'
        double: "a\\tb"
        multi: first
          second
        literal: |
          line
        folded: >
          a
          b
        tagged: !!str 1
        anchored: &a x
        alias: *a
        empty:
        flow: {k: [1, "two"]}
        ---
        second: &a doc
        again: *a

        """

    /// Every scalar of the text, in document order, with its style, as the stored nodes give
    /// them back (values that are not their own text, and those that are).
    @Test func storedNodesGiveBackWhatTheTextSays() throws {
        let tree = try DocumentTree(parsing: Self.text)
        #expect(tree.documents.count == 2)
        var scalars: [String] = []
        func collect(_ node: Node) {
            switch node.content {
            case .scalar(let text, let style): scalars.append("\(text)|\(style)")
            case .alias(let alias): scalars.append("*\(alias.name)")
            case .sequence(let items, _): items.forEach(collect)
            case .mapping(let pairs, _):
                for pair in pairs {
                    collect(pair.key)
                    collect(pair.value)
                }
            }
        }
        tree.documents.forEach { collect($0.root) }
        #expect(
            scalars == [
                "plain|plain", "value|plain", "single|plain", "it's|singleQuoted", "double|plain",
                "a\tb|doubleQuoted", "multi|plain", "first second|plain", "literal|plain", "line\n|literal",
                "folded|plain", "a b\n|folded", "tagged|plain", "1|plain", "anchored|plain", "x|plain", "alias|plain",
                "*a", "empty|plain", "|plain", "flow|plain", "k|plain", "1|plain", "two|doubleQuoted",
                "second|plain", "doc|plain", "again|plain", "*a",
            ])
        let first = try #require(tree.documents.first)
        #expect(first.root.child(forKey: "tagged")?.tag == "tag:yaml.org,2002:str")
        #expect(first.root.child(forKey: "anchored")?.anchor == "a")
        let flow = try #require(first.root.child(forKey: "flow"))
        #expect(String(decoding: tree.text[flow.range], as: UTF8.self) == #"{k: [1, "two"]}"#)
        #expect(flow.start.line == 15 && flow.start.column == 7)
        // Each document's alias refers to its own anchor.
        for document in tree.documents {
            let alias = try #require(document.root.child(forKey: "alias") ?? document.root.child(forKey: "again"))
            let target = document.resolvingAlias(alias)
            #expect(target.scalarText == (document === first ? "x" : "doc"))
        }
    }

    /// The same with a BOM, CRLF line ends and multi-byte characters: values that are their
    /// own text and values that are not, and positions counted in characters after the BOM.
    @Test func storedNodesKeepBOMCRLFAndWideCharacters() throws {
        let text = "\u{FEFF}é: \"x\r\n  ü\"\r\nplain: a\r\n  b\r\n[k]: {ä: ö}\r\n"
        let tree = try DocumentTree(parsing: text)
        let root = try #require(tree.documents.first?.root)
        guard case .mapping(let pairs, _) = root.content else { throw Failure("not a mapping") }
        #expect(pairs.map(\.key.scalarText) == ["é", "plain", nil])
        #expect(pairs.map(\.value.scalarText) == ["x ü", "a b", nil])
        #expect(pairs.map { [$0.key.start.line, $0.key.start.column] } == [[1, 1], [3, 1], [5, 1]])
        #expect(pairs.map { [$0.value.start.line, $0.value.start.column] } == [[1, 4], [3, 8], [5, 6]])
        let inner = try #require(pairs[2].value.child(forKey: "ä"))
        #expect(inner.scalarText == "ö" && inner.start.column == 10)
        #expect(String(decoding: tree.text[inner.range], as: UTF8.self) == "ö")
    }

    /// A list read from the store is a value: changing it copies its entries out, and the
    /// tree, and any other copy, still read the text.
    @Test func changingAParsedListLeavesTheTreeAsItWas() throws {
        let tree = try DocumentTree(parsing: "a: 1\nb: [x, y]\n")
        let root = try #require(tree.documents.first?.root)
        guard case .mapping(var pairs, _) = root.content else { throw Failure("not a mapping") }
        let untouched = pairs
        pairs[0].value = Node(content: .scalar("2", .plain), start: root.start, endOffset: 0)
        pairs.append(Node.Pair(key: pairs[1].key, value: pairs[1].value))
        pairs.remove(at: 1)
        #expect(pairs.map { $0.value.scalarText } == ["2", nil])
        #expect(untouched.map(\.key.scalarText) == ["a", "b"])
        #expect(root.child(forKey: "a")?.scalarText == "1")
        guard case .sequence(var items, _) = root.child(forKey: "b")?.content else { throw Failure("no sequence") }
        items.insert(items[1], at: 0)
        #expect(items.map(\.scalarText) == ["y", "x", "y"])
        #expect(try tree.matches(of: YAMLPath("b")).first.map { $0.node.entryCount } == 2)
    }

    /// Keys are found, selected and compared as Swift compares strings, whether their text is
    /// read in place or decoded: `K` and the Kelvin sign (U+212A) are one key, and so are the
    /// two ways to write `é`; other ASCII keys are not.
    @Test func keysAreComparedAsStrings() throws {
        let kelvin = "\u{212A}"
        let tree = try DocumentTree(parsing: "\(kelvin): 1\n\"e\u{301}\": 2\nlist: [{n: \(kelvin)}]\n")
        let root = try #require(tree.documents.first?.root)
        #expect(root.child(forKey: "K")?.scalarText == "1")
        #expect(root.child(forKey: "\u{E9}")?.scalarText == "2")
        #expect(root.child(forKey: "k") == nil)
        #expect(try tree.matches(of: YAMLPath("list[n=K]")).count == 1)
        for mapping in ["K: 1\n\(kelvin): 2\n", (0..<9).map { "k\($0): 0\n" }.joined() + "K: 1\n\(kelvin): 2\n"] {
            #expect(try DocumentTree(parsing: mapping).duplicateKeys().map(\.key) == [kelvin], "\(mapping)")
        }
    }

    /// A selection reads the items in place, and follows an item that is an alias to the
    /// mapping it names.
    @Test func selectionsFollowAliasItems() throws {
        let tree = try DocumentTree(parsing: "list:\n  - &a {n: x, v: 1}\n  - {n: y}\n  - *a\n")
        #expect(try tree.matches(of: YAMLPath("list[n=x].v")).map(\.node.scalarText) == ["1", "1"])
        #expect(try tree.matches(of: YAMLPath("list[n=y]")).count == 1)
    }

    /// The verifier reads the unchanged part of the expected tree in place: a text whose
    /// stored part differs anywhere, in a value, a style, a tag or an anchor, is refused there.
    @Test func theStoredPartOfAnExpectedTreeIsCheckedInPlace() throws {
        let text = "a: 1\nb: &x 'q'\nc: !t v\nd: [e]\n"
        let roots = try DocumentTree(parsing: text).documents.map(\.root)
        try EditVerification.verify(SplicedText(original: Array(text.utf8), splices: []), expectedRoots: roots)
        for (wrong, line) in [
            ("a: 2\nb: &x 'q'\nc: !t v\nd: [e]\n", 1), ("a: 1\nb: &x \"q\"\nc: !t v\nd: [e]\n", 2),
            ("a: 1\nb: &y 'q'\nc: !t v\nd: [e]\n", 2), ("a: 1\nb: &x 'q'\nc: v\nd: [e]\n", 3),
            ("a: 1\nb: &x 'q'\nc: !t v\nd: [f]\n", 4), ("a: 1\nb: &x 'q'\nc: !t v\nd: e\n", 4),
        ] {
            let error = try #require(throws: YAMLPatchError.self, "\(wrong)") {
                try EditVerification.verify(
                    SplicedText(original: Array(wrong.utf8), splices: []), expectedRoots: roots)
            }
            #expect(error.kind == .verification && error.mark?.line == line, "\(wrong)")
        }
        // A text with a key twice has its stored mappings' keys checked too.
        let twice = "a: 1\nb: {k: 1, k: 2}\n"
        let twiceRoots = try DocumentTree(parsing: twice).documents.map(\.root)
        let error = try #require(throws: YAMLPatchError.self) {
            try EditVerification.verify(
                SplicedText(original: Array(twice.utf8), splices: []), expectedRoots: twiceRoots)
        }
        #expect(error.kind == .verification && error.message.contains("\"k\" twice") && error.mark?.line == 2)
    }
}

private struct Failure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
