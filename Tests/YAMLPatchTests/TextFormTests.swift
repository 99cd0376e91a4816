import Testing

@testable import YAMLPatch

/// CRLF, a BOM, non-ASCII text, block scalars, multi-document streams and rare key forms.
@Suite struct TextFormTests {
    @Test func emptyDocumentsTakeAValueOnTheirOwnLine() throws {
        #expect(try edited("---\n# empty\n...\n", ".", .set(.string("x"))) == "---\n# empty\nx\n...\n")
        #expect(try edited("---\n---\n", ".", .set(.int(1))) == "---\n1\n---\n1\n")
        #expect(try edited("---", ".", .set(.string("x"))) == "--- x")
    }

    @Test func aFlowKeySpanningLinesIsWrittenOnOneLineToTakeAValue() throws {
        #expect(
            try edited("- { multi\n  line, a: b}\n", #"[0]["multi line"]"#, .set(.string("x")))
                == "- { multi line: x, a: b}\n")
        #expect(
            try edited("- { \"multi\n  line\", a: b}\n", #"[0]["multi line"]"#, .set(.string("x")))
                == "- { \"multi line\": x, a: b}\n")
    }

    /// A flow key without a value that would be more than 1000 characters on one line cannot take
    /// one: libyaml looks no further than 1024 characters for the `:` and would read the key as
    /// an entry of its own (the fuzzer found a 3,600-character quoted key spanning lines, which
    /// the verifier refused as a bug). Such an edit is refused at the key, as a value error.
    @Test func aFlowKeyTooLongForOneLineCannotTakeAValue() throws {
        let words = (0..<200).map { "word\($0)" }
        for (text, key) in [
            ("- { \"" + words.joined(separator: "\n  ") + "\", a: b}\n", words.joined(separator: " ")),
            ("- { " + words.joined(separator: "-") + ", a: b}\n", words.joined(separator: "-")),
        ] {
            let error = try #require(throws: YAMLPatchError.self) {
                try edited(text, "[0][\"\(key)\"]", .set(.string("x")))
            }
            #expect(error.kind == .value && error.mark?.line == 1 && error.mark?.column == 5)
            #expect(error.message.contains("more than 1000 characters on one line"))
        }
        let fits = words.prefix(50).joined(separator: "-")
        #expect(try edited("- { \(fits), a: b}\n", "[0][\"\(fits)\"]", .set(.string("x"))) == "- { \(fits): x, a: b}\n")
    }

    @Test func newKeysGoAtTheColumnOfAnExplicitKeysQuestionMark() throws {
        #expect(try edited("? [a, b]\n: 1\n", "c", .set(.int(2))) == "? [a, b]\n: 1\nc: 2\n")
        #expect(try edited("? - x\n:\n", "c", .set(.int(2))) == "? - x\n:\nc: 2\n")
    }

    @Test func crlfFilesGetCRLFLines() throws {
        let text = "a:\r\n    b: 1\r\n    c: x # note\r\n"
        #expect(try edited(text, "a.c", .set(.string("z"))) == "a:\r\n    b: 1\r\n    c: z # note\r\n")
        #expect(try edited(text, "a.d", .set(.int(2))) == "a:\r\n    b: 1\r\n    c: x # note\r\n    d: 2\r\n")
        #expect(try edited(text, "a.b", .delete) == "a:\r\n    c: x # note\r\n")
    }

    /// Line breaks libyaml knows but editors do not (a lone CR, NEL, LS, PS) are refused up
    /// front, at the first one: line and column count LF line breaks only.
    @Test func unsupportedLineBreaksAreRefusedWhereTheFirstOneIs() throws {
        for (text, line, column, name) in [
            ("a: 1\rb: 2\r", 1, 5, "carriage return"), ("a: 1\r\nb: 2\rc: 3\r\n", 2, 5, "carriage return"),
            ("a: 1\r", 1, 5, "carriage return"), ("a: 1 # é\u{2028}b: 2\n", 1, 9, "U+2028"),
            ("\u{FEFF}a: \"x\u{85}y\"\n", 1, 6, "U+0085"), ("k: [\n  \u{2029}]\n", 2, 3, "U+2029"),
            ("a: é\rb: 2\n", 1, 5, "carriage return"), ("a: \"é\r\n\u{2028}\"\r\n", 2, 1, "U+2028"),
        ] {
            let error = try #require(throws: YAMLPatchError.self, "\(text.debugDescription)") {
                try DocumentTree(parsing: text)
            }
            #expect(error.kind == .syntax, "\(text.debugDescription)")
            #expect(error.mark?.line == line && error.mark?.column == column, "\(text.debugDescription): \(error)")
            #expect(error.message.contains(name) && error.message.contains("LF or CRLF"), "\(error)")
        }
    }

    /// A file mixing LF and CRLF lines is edited: lines keep their endings, and new lines take
    /// the ending of the line they follow (or, at the end without a break, of the line before).
    @Test func mixedLineEndingsKeepEachLinesOwn() throws {
        let text = "a: 1\nb:\r\n  c: x # note\r\nd: 2\n"
        #expect(try edited(text, "b.e", .set(.int(3))) == "a: 1\nb:\r\n  c: x # note\r\n  e: 3\r\nd: 2\n")
        #expect(try edited(text, "e", .set(.int(3))) == text + "e: 3\n")
        #expect(
            try edited(text, "a", .set(.mapping([.init(key: "k", value: .int(1))])))
                == "a:\n  k: 1\nb:\r\n  c: x # note\r\nd: 2\n")
        #expect(
            try edited(text, "b.c", .set(.string("l1\nl2\n"))) == "a: 1\nb:\r\n  c: \"l1\\nl2\\n\" # note\r\nd: 2\n")
        #expect(try edited(text, "b", .delete) == "a: 1\nd: 2\n")
        #expect(try edited("a: 1\r\nb: 2", "c", .set(.int(3))) == "a: 1\r\nb: 2\r\nc: 3")
    }

    @Test func bomAndNonASCIITextKeepTheirBytes() throws {
        let text = "\u{FEFF}titre: « été »\nclé: 日本語 # コメント\nn: 1\n"
        #expect(try edited(text, "clé", .set(.string("中文"))) == "\u{FEFF}titre: « été »\nclé: 中文 # コメント\nn: 1\n")
        #expect(try edited(text, "n", .delete) == "\u{FEFF}titre: « été »\nclé: 日本語 # コメント\n")
        #expect(try edited(text, "m", .set(.string("ü"))) == "\u{FEFF}titre: « été »\nclé: 日本語 # コメント\nn: 1\nm: ü\n")
    }

    @Test func blockScalarsStayIntactAroundEdits() throws {
        let text = "script: |\n  echo one\n  echo two\n\nafter: 1\nfolded: >\n  a b\n"
        #expect(
            try edited(text, "after", .set(.int(2)))
                == "script: |\n  echo one\n  echo two\n\nafter: 2\nfolded: >\n  a b\n")
        #expect(try edited(text, "new", .set(.bool(true))) == text + "new: true\n")
        #expect(
            try edited(text, "folded", .set(.string("c d\n")))
                == "script: |\n  echo one\n  echo two\n\nafter: 1\nfolded: >\n  c d\n")
        #expect(try edited(text, "script", .set(.string("ls\n"))) == "script: |\n  ls\n\nafter: 1\nfolded: >\n  a b\n")
    }

    @Test func aPathAppliesInEveryDocumentWhereItResolves() throws {
        let text = "kind: A\nspec: {replicas: 1}\n---\nkind: B\n---\nkind: C\nspec:\n  replicas: 3\n"
        #expect(
            try edited(text, "spec.replicas", .set(.int(5)))
                == "kind: A\nspec: {replicas: 5}\n---\nkind: B\n---\nkind: C\nspec:\n  replicas: 5\n")
        #expect(try edited(text, "kind", .delete) == "spec: {replicas: 1}\n---\n{}\n---\nspec:\n  replicas: 3\n")
    }

    @Test func fileWithoutFinalNewlineGetsNewLinesRight() throws {
        #expect(try edited("a: 1", "b", .set(.int(2))) == "a: 1\nb: 2")
        #expect(try edited("l:\n- 1", "l", .append(.int(2))) == "l:\n- 1\n- 2")
    }
}
