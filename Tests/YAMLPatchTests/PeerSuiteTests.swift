import Testing

@testable import YAMLPatch

/// What two peers' test suites of expected outputs (Dart's yaml_edit, zizmor's yamlpatch) found:
/// keep-chomping block scalars next to deletes and inserts, the style of new collections beside
/// flow siblings, new keys in sorted mappings, and one escape rule for quoted path keys. (The
/// dangling alias they found is in ``AliasAndErrorTests``.)
@Suite struct PeerSuiteTests {
    /// The blank lines after a `|+` or `>+` scalar are its value: deleting the entry after it
    /// takes the blank lines after that entry along, or the scalar would take them in.
    @Test(arguments: ["|+", ">+"])
    func keepChompingScalarsKeepTheirValueAroundDeletes(_ header: String) throws {
        let text = "a: \(header)\n  text\nb: 1\n\nc: 2\n"
        #expect(try edited(text, "b", .delete) == "a: \(header)\n  text\nc: 2\n")
        #expect(try edited("a: \(header)\n  text\nb: 1\n\n\n", "b", .delete) == "a: \(header)\n  text\n")
        #expect(
            try edited("l:\n  - \(header)\n    text\n  - x\n\n  - y\n", "l[1]", .delete)
                == "l:\n  - \(header)\n    text\n  - y\n")
        let kept = "a: \(header)\n  text\n\n\nb: 1\n"
        #expect(try edited(kept, "b", .delete) == "a: \(header)\n  text\n\n\n")
        #expect(try edited(kept, "a", .delete) == "b: 1\n")
    }

    /// New entries go after a `|+` scalar's blank lines, which are its value.
    @Test func newEntriesGoAfterAKeepChompingScalarsBlankLines() throws {
        #expect(try edited("a: |+\n  text\n\n", "b", .set(.int(1))) == "a: |+\n  text\n\nb: 1\n")
        #expect(
            try edited("x:\n  a: |+\n    t\n\n# c\ny: 1\n", "x.b", .set(.int(1)))
                == "x:\n  a: |+\n    t\n\n  b: 1\n# c\ny: 1\n")
        #expect(try edited("- |+\n  t\n\n", ".", .append(.int(1))) == "- |+\n  t\n\n- 1\n")
    }

    /// A new collection beside flow siblings is written in flow style (`branches: [main]`
    /// beside `tags: [v1]`); beside block ones, or none, in block style. A flow collection
    /// replaced stays in flow style.
    @Test func newCollectionsTakeTheStyleOfTheirSiblings() throws {
        let workflow = "on:\n  push:\n    branches: [main, develop]\n    paths-ignore: [docs/**]\n"
        let tags = YAMLValue.mapping([.init(key: "tags", value: .sequence([.string("v*")]))])
        #expect(try edited(workflow, "on.push", .merge(tags, appendLists: false)) == workflow + "    tags: [v*]\n")
        let types = YAMLValue.mapping([.init(key: "types", value: .sequence([.string("opened")]))])
        #expect(
            try edited(workflow, "on.pull_request", .set(types))
                == workflow + "  pull_request:\n    types:\n      - opened\n", "its sibling `push` is a block mapping")
        #expect(
            try edited(workflow, "on.push.branches", .set(.sequence([.string("main")])))
                == "on:\n  push:\n    branches: [main]\n    paths-ignore: [docs/**]\n")
        #expect(
            try edited("a: [1]\nb: x # note\n", "b", .set(.sequence([.int(2), .int(3)])))
                == "a: [1]\nb: [2, 3] # note\n")
        #expect(try edited("m:\n  - [a, b]\n", "m", .append(.sequence([.string("c")]))) == "m:\n  - [a, b]\n  - [c]\n")
        let block = "a:\n  - 1\nb: {}\n"
        #expect(try edited(block, "c", .set(.sequence([.int(2)]))) == block + "c:\n  - 2\n")
        #expect(try edited("a: 1\n", "b", .set(.sequence([.int(2)]))) == "a: 1\nb:\n  - 2\n")
    }

    /// In a mapping of three keys or more, strictly sorted, a new key goes where it sorts;
    /// anywhere else after the last key.
    @Test func newKeysKeepASortedMappingSorted() throws {
        let sorted = "a: 1\nc: 3\ne: 5\n"
        #expect(try edited(sorted, "d", .set(.int(4))) == "a: 1\nc: 3\nd: 4\ne: 5\n")
        #expect(try edited(sorted, "0", .set(.int(0))) == "\"0\": 0\na: 1\nc: 3\ne: 5\n")
        #expect(try edited(sorted, "f", .set(.int(6))) == sorted + "f: 6\n")
        let spec = YAMLValue.mapping([
            .init(key: "d2", value: .int(2)), .init(key: "b", value: .int(2)), .init(key: "d1", value: .int(1)),
        ])
        #expect(try edited(sorted, ".", .merge(spec, appendLists: false)) == "a: 1\nb: 2\nc: 3\nd1: 1\nd2: 2\ne: 5\n")
        #expect(
            try edited("a: 1\n# about c\nc: 3\ne: 5\n", "b", .set(.int(2))) == "a: 1\nb: 2\n# about c\nc: 3\ne: 5\n")
        #expect(try edited("a: 1\n\nc: 3\n\ne: 5\n", "b", .set(.int(2))) == "a: 1\n\nb: 2\n\nc: 3\n\ne: 5\n")
        #expect(try edited("m: {a: 1, c: 3, e: 5}\n", "m.b", .set(.int(2))) == "m: {a: 1, b: 2, c: 3, e: 5}\n")
        #expect(try edited("- b: 1\n  c: 2\n  d: 3\n", "[0].a", .set(.int(0))) == "- a: 0\n  b: 1\n  c: 2\n  d: 3\n")
        #expect(try edited("a: 1\nc: 3\n", "b", .set(.int(2))) == "a: 1\nc: 3\nb: 2\n")
        #expect(try edited("c: 3\na: 1\ne: 5\n", "b", .set(.int(2))) == "c: 3\na: 1\ne: 5\nb: 2\n")
        #expect(try edited("a: 1\na2: 1\nB: 2\n", "b", .set(.int(2))) == "a: 1\na2: 1\nB: 2\nb: 2\n")
    }

    /// Inside quotes in a path, a backslash escapes the next character, whatever it is, in keys
    /// and in selector values; outside quotes it is an ordinary character.
    @Test func aBackslashEscapesTheNextCharacterInQuotes() throws {
        for (expression, steps) in [
            (#"["a\\b"]"#, [YAMLPath.Step.key(#"a\b"#)]), (#"["a\"b"]"#, [.key(#"a"b"#)]),
            (#"["a\]b"]"#, [.key("a]b")]),
            (#"["\n"]"#, [.key("n")]), (#"['it\'s']"#, [.key("it's")]), (#"["a\\"]"#, [.key(#"a\"#)]),
            (#"l[name="x\"y"]"#, [.key("l"), .select(key: "name", value: #"x"y"#)]),
            (#"l["k\=\]"='v\\']"#, [.key("l"), .select(key: "k=]", value: #"v\"#)]),
            (#"a\b.c"#, [.key(#"a\b"#), .key("c")]),
            (#"l[name=x\y]"#, [.key("l"), .select(key: "name", value: #"x\y"#)]),
        ] {
            #expect(try YAMLPath(expression).steps == steps, "\(expression)")
        }
        let error = try #require(throws: YAMLPatchError.self) { try YAMLPath(#"["a\"]"#) }
        #expect(error.kind == .path && error.message.contains("unterminated"))
    }

    /// Every key and selector value prints as an expression that parses back to it: all
    /// strings of up to three characters from an alphabet of the characters that matter.
    @Test func everyStepPrintsAsAnExpressionThatParsesBackToIt() throws {
        let alphabet: [String] = ["a", ".", "[", "]", "\"", "'", "\\", "=", " ", "é", "0", "-"]
        var strings = [""]
        for length in 1...3 {
            strings += strings.filter { $0.count == length - 1 }.flatMap { prefix in alphabet.map { prefix + $0 } }
        }
        for string in strings {
            for steps in [
                [YAMLPath.Step.key(string)], [.key("l"), .select(key: string, value: string)],
                [.select(key: "k", value: string), .key(string), .index(-1)],
            ] {
                let path = YAMLPath(steps: steps)
                #expect(try YAMLPath(path.description).steps == steps, "\(path)")
            }
        }
    }
}
