import Testing

@testable import YAMLPatch

/// Strings that plain style would read as another type come back as the same string, in every
/// slot and starting style; strings that are safe stay plain.
@Suite struct QuotingTests {
    static let ambiguous = [
        "yes", "no", "on", "off", "y", "n", "Y", "True", "FALSE", "~", "null", "Null", "", "1e3", "0x1F", "-0x1F",
        "012",
        "0o12", "0b101", "1_000", "+1", "-2.5", ".5", "1.", ".inf", "-.inf", ".nan", ".NaN", "1:20", "190:20:30.15",
        "2001-12-14", "2001-12-14t21:59:43.10-05:00", "1234567", "12e4567", "1.2.3", "a: b", "x #y", "a:", " lead",
        "trail ",
        "- x", "? x", ": x", ",x", "[x]", "]", "{x}", "}", "#x", "&x", "*x", "!x", "|x", ">x", "'x", "\"x", "%x", "@x",
        "`x",
        "...", "---", "-x", "<<", "=", "tab\there", "line\nbreak", "back\\slash", "quote\"s", "it's", "é ü 日本",
        "\u{85}nel", "bom\u{FEFF}",
    ]
    static let plainSafe = ["3f2c1a9", "abc1234", "main", "my-api", "v1.2.3", "a:b", "x#y", "http://x.y/z", "é"]
    static let text = """
        plain: old # keep me
        single: 'old'
        double: "old"
        literal: |
          old
        flow: [old, {k: old}]

        """
    static let paths = ["plain", "single", "double", "literal", "flow[0]", "flow[1].k"]

    @Test(arguments: ambiguous + plainSafe)
    func stringsComeBackAsTheSameString(_ string: String) throws {
        for path in Self.paths {
            let new = try edited(Self.text, path, .set(.string(string)))
            let tree = try DocumentTree(parsing: new)
            let match = try #require(try tree.matches(of: YAMLPath(path)).first)
            #expect(try tree.value(of: match.node, in: tree.documents[0]) == .string(string), "\(path) ← \(string)")
            if path == "plain" { #expect(new.hasPrefix("plain: ") && new.contains(" # keep me\n")) }
        }
    }

    @Test(arguments: plainSafe)
    func safeStringsStayPlain(_ string: String) throws {
        #expect(try edited(Self.text, "plain", .set(.string(string))).hasPrefix("plain: \(string) # keep me\n"))
    }

    @Test func quotedScalarsKeepTheirStyleWhereTheValueFits() throws {
        #expect(try edited(Self.text, "single", .set(.string("it's"))).contains("single: 'it''s'\n"))
        #expect(try edited(Self.text, "single", .set(.string("a\nb"))).contains("single: \"a\\nb\"\n"))
        #expect(try edited(Self.text, "double", .set(.string("yes"))).contains("double: \"yes\"\n"))
        #expect(try edited(Self.text, "plain", .set(.string("yes"))).contains("plain: \"yes\" # keep me\n"))
        #expect(
            try edited(Self.text, "literal", .set(.string("one\ntwo\n"))).contains("literal: |\n  one\n  two\nflow"))
        #expect(
            try edited(Self.text, "literal", .set(.string("no newline"))).contains("literal: |-\n  no newline\nflow"))
        #expect(try edited(Self.text, "flow[0]", .set(.string("a,b"))).contains("flow: [\"a,b\", {k: old}]"))
    }

    @Test func typedValuesAreWrittenPlain() throws {
        #expect(try edited(Self.text, "double", .set(.int(8))).contains("double: 8\n"))
        #expect(try edited(Self.text, "single", .set(.bool(false))).contains("single: false\n"))
        #expect(try edited(Self.text, "plain", .set(.null)).hasPrefix("plain: null # keep me\n"))
        #expect(try edited(Self.text, "plain", .set(.double(1.5))).hasPrefix("plain: 1.5 # keep me\n"))
    }
}
