import Testing

@testable import YAMLPatch

/// Inputs the `parse-edit-verify` fuzzer (Fuzz/, `scripts/fuzz`) found: each was an edit the
/// verifier refused (exit 70) or a crash; reduced to the shape that mattered, with the text the
/// edit now writes.
@Suite struct FuzzRegressionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var path: String
        var operation: EditOperation
        var expected: String
        var testDescription: String { name }
    }

    static let mapping = YAMLValue.mapping([.init(key: "k", value: .int(1))])

    static let cases: [Case] = [
        Case(
            name: "a block collection replacing a root on the --- line starts on the next line",
            text: "--- |1-\n", path: ".", operation: .set(mapping), expected: "---\nk: 1\n"),
        Case(
            name: "an empty document's new mapping ends its line before the next ---",
            text: "---\n---\n", path: "a", operation: .set(.int(1)), expected: "---\na: 1\n---\na: 1\n"),
        Case(
            name: "a scalar in a document ended by a directive line is followed by ...",
            text: "a: x\n---\n# c\n%YAML 1.2\n---\n", path: ".", operation: .set(.int(1)),
            expected: "1\n---\n# c\n1\n...\n%YAML 1.2\n---\n1\n"),
        Case(
            name: "a scalar replacing a root ended by a directive line is followed by ...",
            text: "a:\n  b: c\n%YAML 1.2\n---\nd\n", path: ".", operation: .set(.null),
            expected: "null\n...\n%YAML 1.2\n---\nnull\n"),
        Case(
            name: "a value replacing a block scalar below its key at the key's column goes after the key",
            text: "keep:\n|+\n  x\n\nnext: 1\n", path: "keep", operation: .set(.bool(true)),
            expected: "keep: true\nnext: 1\n"),
        Case(
            name: "a comment ending in ' -' between an item's dash and its value is not taken for the dash",
            text: "-\n# note -\n !!str\n- x\n", path: "[0]", operation: .set(mapping), expected: "- k: 1\n- x\n"),
        Case(
            name: "a line of a quoted scalar that looks like a comment is not the next key's own comment",
            text: "a: \"x\n# l\"\nb: 1\n", path: "b", operation: .delete, expected: "a: \"x\n# l\"\n"),
        Case(
            name: "a key sorted in before a key after a quoted scalar goes after the scalar",
            text: "a: \"x\n# l\"\nc: 1\nd: 2\n", path: "b", operation: .set(.int(1)),
            expected: "a: \"x\n# l\"\nb: 1\nc: 1\nd: 2\n"),
        Case(
            name: "a line of spaces deeper than a block scalar's indentation indicator is its content",
            text: "a: |2\n   I\n   \n", path: "b", operation: .set(.int(1)), expected: "a: |2\n   I\n   \nb: 1\n"),
        Case(
            name: "an empty document's value after a comment at the end goes on a new line",
            text: "a: 1\n---\n\n# comment", path: ".", operation: .set(.string("x")),
            expected: "x\n---\n\n# comment\nx"),
        Case(
            name: "a comment right after the replaced value gets a space before its #",
            text: "a: 1\nb: {}# c\n", path: ".", operation: .set(.bool(false)), expected: "false # c\n"),
        Case(
            name: "a folded scalar ending the text without a line break gets strip chomping",
            text: "- x\n- >\n  folded", path: ".", operation: .append(.int(1)), expected: "- x\n- >-\n  folded\n- 1"),
        Case(
            name: "a literal scalar whose last line is spaces keeps them",
            text: "a: |\n  x\n   ", path: "b", operation: .set(.int(1)), expected: "a: |-\n  x\n   \nb: 1"),
        Case(
            name: "keep chomping at the end without a line break becomes strip",
            text: "a: |+\n  x", path: "b", operation: .set(.int(1)), expected: "a: |-\n  x\nb: 1"),
        Case(
            name: "an empty folded scalar ending the text gets its header replaced, not appended to",
            text: "- >", path: ".", operation: .append(.int(1)), expected: "- >-\n- 1"),
        Case(
            name: "a literal scalar written at the end of a text without a final break gets its break",
            text: "a: >\n  old", path: "a", operation: .set(.string("l1\n\nl2\n")), expected: "a: |\n  l1\n\n  l2\n"),
        Case(
            name: "the : of an explicit key whose ? is on a line above goes under the ?",
            text: "? # c\n  key\nb: 1\n", path: "key", operation: .set(.bool(true)),
            expected: "? # c\n  key\n: true\nb: 1\n"),
        Case(
            name: "deleting an explicit key removes its ? line above it",
            text: "? # c\n  key\nb: 1\n", path: "key", operation: .delete, expected: "b: 1\n"),
        Case(
            name: "deleting an empty explicit key removes its ? line",
            text: "? a\n?\n? b\n", path: #"[""]"#, operation: .delete, expected: "? a\n? b\n"),
        Case(
            name: "deleting an explicit key on its ? line removes the whole line",
            text: "? key\nother: 1\n", path: "key", operation: .delete, expected: "other: 1\n"),
        Case(
            name: "an empty explicit key in a flow mapping keeps its ?",
            text: "{ ? a , b: 1, ? }\n", path: "b", operation: .delete, expected: "{ ? a , ? }\n"),
        Case(
            name: "a : after a tag-only key is set apart, or the tag would take it",
            text: "{ foo: x, !!bar , }\n", path: #"[""]"#, operation: .set(.bool(true)),
            expected: "{ foo: x, !!bar : true , }\n"),
        Case(
            name: "a string with : is quoted inside flow (libyaml refuses :? there)",
            text: "- {k}\n", path: "[0].k.n", operation: .set(.string("a:?")),
            expected: "- {k: {\"n\": \"a:?\"}}\n"),
        Case(
            name: "a single pair in a flow sequence gets braces when it gains a key, and no :,",
            text: "[\nk :  \n]\n", path: "[0].z", operation: .set(.int(1)), expected: "[\n{k : , z: 1}  \n]\n"),
        Case(
            name: "no blank line goes after a keep-chomping scalar, whose value would take it",
            text: "strip: >-\n\nkeep: |+\n\n", path: "b", operation: .set(.int(1)),
            expected: "strip: >-\n\nkeep: |+\n\nb: 1\n"),
        Case(
            name: "a :x on the line after an explicit key is the next key, not its value indicator",
            text: "? !!str k\n:x: 1\n", path: "k", operation: .delete, expected: ":x: 1\n"),
        Case(
            name: "a key added after a flow mapping's last entry is set apart from a # right after it",
            text: "{\n  \"b\"# c\n}\n", path: "n", operation: .set(.int(1)),
            expected: "{\n  \"b\", \"n\": 1 # c\n}\n"),
        Case(
            name: "an item appended to a flow sequence is set apart from a # right after the last one",
            text: "[\"b\"# c\n]\n", path: ".", operation: .append(.int(1)), expected: "[\"b\", 1 # c\n]\n"),
        Case(
            name: "an explicit literal key ending the text without a line break gets strip chomping for its value",
            text: "? a\n? |\n  key # not a comment ", path: #"["key # not a comment "]"#, operation: .set(.double(0.5)),
            expected: "? a\n? |-\n  key # not a comment \n: 0.5"),
        Case(
            name: "deleting the entry after a block scalar takes the lines of spaces the scalar would take",
            text: "a: >1\n   more\n  regular\nb: 1\n\n  \n", path: "b", operation: .delete,
            expected: "a: >1\n   more\n  regular\n"),
        Case(
            name: "deleting the last flow entry after a tag-only value keeps the tag apart from the }",
            text: "{\n  \"a\":!t,\n  b}\n", path: "b", operation: .delete, expected: "{\n  \"a\":!t }\n"),
        Case(
            name: "deleting the last flow entry before a # right after it keeps the # apart from the value before",
            text: "{\n  a: x,\n  \"b\"# c\n}\n", path: "b", operation: .delete, expected: "{\n  a: x # c\n}\n"),
        Case(
            name: "a value replacing a block scalar below its item's dash at the dash's column goes after the dash",
            text: "-\n|-\n  x\n", path: "[0]", operation: .set(.int(1)), expected: "- 1\n"),
    ]

    /// The `json-reader` fuzzer wrote a 1,179-character key back as an implicit key, which no
    /// reader accepts (libyaml looks 1024 characters ahead for its `:`): such keys are refused.
    @Test func aKeyTooLongToReadBackIsRefused() throws {
        let long = String(repeating: "k", count: DocumentTree.maximumKeyLength + 1)
        for (path, operation) in [
            ("m", EditOperation.set(.mapping([.init(key: long, value: .null)]))),
            ("l", .append(.sequence([.mapping([.init(key: long, value: .int(1))])]))),
            (YAMLPath(steps: [.key("m"), .key(long)]).description, .set(.int(1))),
        ] {
            let error = try #require(throws: YAMLPatchError.self) { try edited("m: {}\nl: []\n", path, operation) }
            #expect(error.kind == .value && error.message.contains("\(DocumentTree.maximumKeyLength) characters"))
        }
        let longest = String(repeating: "k", count: DocumentTree.maximumKeyLength)
        #expect(
            try edited("m: {}\n", "m", .set(.mapping([.init(key: longest, value: .int(1))]))) == "m: {\(longest): 1}\n")
    }

    /// The `json-reader` fuzzer wrote the string `0x+2` plain, which the reader then took for
    /// the hex integer 2: a sign after `0x` or `0o` is no integer (YAML 1.2's core schema).
    @Test func aSignAfterARadixPrefixIsAString() throws {
        #expect(
            try data("a: 0x+2\nb: 0o-7\nc: 0x1F\nd: 0o17\ne: 0x\n")
                == .mapping([
                    .init(key: "a", value: .string("0x+2")), .init(key: "b", value: .string("0o-7")),
                    .init(key: "c", value: .int(31)), .init(key: "d", value: .int(15)),
                    .init(key: "e", value: .string("0x")),
                ]))
        #expect(try edited("a: 1\n", "a", .set(.string("0x+2"))) == "a: 0x+2\n")
    }

    @Test(arguments: cases)
    func theEditIsWrittenAndVerified(_ example: Case) throws {
        #expect(try edited(example.text, example.path, example.operation) == example.expected)
    }
}
