import ProjectConfig
import Testing
import YAMLPatch

/// JSON arguments keep their key order and JSON types; malformed JSON is refused with 65.
@Test func jsonKeepsKeyOrderAndTypes() throws {
    let value = try JSONText.parse(
        #"{"z": 1, "a": {"hash": "1234567", "n": null, "b": true, "f": 1.5, "s": "x\/y"}}"#, origin: "--spec")
    guard case .mapping(let entries) = value else {
        Issue.record("not a mapping")
        return
    }
    #expect(entries.map(\.key) == ["z", "a"])
    #expect(value["a"]?["hash"] == .string("1234567"))
    #expect(value["a"]?["n"] == .null)
    #expect(value["a"]?["b"] == .bool(true))
    #expect(value["a"]?["f"] == .double(1.5))
    #expect(value["a"]?["s"] == .string("x/y"))
    #expect(JSONText.render(value) == #"{"z":1,"a":{"hash":"1234567","n":null,"b":true,"f":1.5,"s":"x/y"}}"#)
    for notJSON in ["{\"a\": }", "{a: 1}", "'x'", "[1, 2", "- 1"] {
        #expect(throws: ProjectConfigError.self, "\(notJSON)") { try JSONText.parse(notJSON, origin: "--spec") }
    }
}

/// Indented JSON: one member a line, two spaces a level, the value's key order, empty
/// collections kept short; it reads back as the same value.
@Test func indentedJSONIsOneMemberALine() throws {
    let value = try JSONText.parse(#"{"z": [1, {"a": null}], "e": {}, "l": [], "s": "x\"/y"}"#, origin: "test")
    let expected = """
        {
          "z": [
            1,
            {
              "a": null
            }
          ],
          "e": {},
          "l": [],
          "s": "x\\"/y"
        }
        """
    #expect(JSONText.renderIndented(value) == expected)
    #expect(try JSONText.parse(JSONText.renderIndented(value), origin: "indented") == value)
    #expect(JSONText.renderIndented(.string("a")) == #""a""#)
}

/// Strict JSON (docs/contract.md#hostile-input): each refusal at its line and column of the
/// JSON text, with a message saying what is wrong.
struct StrictJSONTests {
    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "1:10", #"the key "a" is already in this object (line 1, column 2)"#),
        (
            "{\n  \"a\": {\"b\": 1,\n         \"b\": 2}}", "3:10",
            "the key \"b\" is already in this object (line 2, column 9)"
        ),
        ("[1, 2,]", "1:6", "a trailing comma before ']'"),
        (#"{"a": 1,}"#, "1:8", "a trailing comma before '}'"),
        (#"{"a": 1, }"#, "1:8", "a trailing comma before '}'"),
        ("[NaN]", "1:2", "JSON has no NaN or Infinity"),
        ("[-Infinity]", "1:2", "JSON has no NaN or Infinity"),
        ("[Infinity]", "1:2", "JSON has no NaN or Infinity"),
        ("[1e400]", "1:2", "the number 1e400 is too large for a 64-bit float"),
        ("[-1.5e309]", "1:2", "the number -1.5e309 is too large for a 64-bit float"),
        (#"["\ud83d"]"#, "1:3", #"a lone surrogate \uD83D"#),
        (#"["\ud83d\u0041"]"#, "1:3", #"a lone surrogate \uD83D"#),
        (#"["\ude00\ud83d"]"#, "1:3", #"a lone surrogate \uDE00"#),
        (#"["\x41"]"#, "1:3", #"the escape \x is not JSON's"#),
        (#"["\u12G4"]"#, "1:3", "four hexadecimal digits"),
        ("[\"a\tb\"]", "1:4", "a raw control character U+0009 in a string"),
        ("[\"a\nb\"]", "1:4", "a raw control character U+000A in a string"),
        ("[01]", "1:2", "a leading zero"),
        ("[1.]", "1:4", "expected a digit after '.'"),
        ("[.5]", "1:2", "expected a JSON value"),
        ("[+1]", "1:2", "expected a JSON value"),
        ("['a']", "1:2", "JSON strings are in double quotes"),
        ("{a: 1}", "1:2", "expected a key in double quotes"),
        ("[True]", "1:2", "unquoted text"),
        ("[Null]", "1:2", "unquoted text"),
        ("[1] # comment", "1:5", "unexpected text after the JSON value"),
        ("[1 2]", "1:4", "expected ',' or ']'"),
        ("{\"a\" 1}", "1:6", "expected ':' after the key"),
        ("[1,", "1:4", "the JSON text ends where a value is expected"),
        ("[\"abc", "1:2", "the JSON text ends inside the string"),
        ("", "1:1", "the JSON text ends where a value is expected"),
        ("- 1", "1:2", "expected a digit"),
        ("[é]", "1:2", "unquoted text"),
    ])
    func refusals(json: String, position: String, message: String) {
        do {
            _ = try JSONText.parse(json, origin: "--spec")
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.kind == .invalidJSON)
            #expect(error.description.hasPrefix("--spec:\(position): invalid JSON: "), "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func invalidUTF8IsRefusedAtItsCharacter() {
        #expect(
            throws: ProjectConfigError(
                .invalidJSON, "invalid JSON: invalid UTF-8 in a string", file: "f", line: 2,
                column: 3)
        ) {
            try JSONText.parse([UInt8]("[\n\"é".utf8) + [0xC3, 0x28, 0x22, 0x5D], origin: "f")
        }
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            #expect(throws: ProjectConfigError.self) { try JSONText.parse([0x22] + bad + [0x22], origin: "f") }
        }
    }

    @Test func everyEscapeAndSurrogatePairIsRead() throws {
        let value = try JSONText.parse(#"["\"\\\/\b\f\n\r\t\u0041\u00e9\u20ac\ud83d\ude00\u0000"]"#, origin: "x")
        #expect(value == .sequence([.string("\"\\/\u{8}\u{C}\n\r\tAé€😀\u{0}")]))
        #expect(try JSONText.parse(#""\uD83D\uDE00""#, origin: "x") == .string("😀"))
        #expect(try JSONText.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8), origin: "x") == .sequence([.int(1)]))
    }

    @Test func numbersAreReadAsJSONWritesThem() throws {
        let value = try JSONText.parse(
            "[0, -0, 9223372036854775807, -9223372036854775808, 1.5, -2.5e-3, 1E2]", origin: "x")
        #expect(
            value
                == .sequence([.int(0), .int(0), .int(.max), .int(.min), .double(1.5), .double(-0.0025), .double(100)]))
    }

    /// Integers beyond 64 bits are kept digit for digit, never rounded through a double.
    @Test func bigIntegersAreKeptExactlyAsWritten() throws {
        let text = "[9223372036854775808,-9223372036854775809,123456789012345678901234567890]"
        let value = try JSONText.parse(text, origin: "x")
        #expect(
            value
                == .sequence([
                    .bigInteger("9223372036854775808"), .bigInteger("-9223372036854775809"),
                    .bigInteger("123456789012345678901234567890"),
                ]))
        #expect(JSONText.render(value) == text)
        #expect(JSONText.compactLength(of: value) == text.utf8.count)
    }

    @Test func nestingAndSizeBombsAreRefusedWithoutRecursion() {
        let limit = 512
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect((try? JSONText.parse(deepest, origin: "x")) != nil)
        for (bomb, column) in [
            (String(repeating: "[", count: 100_000), limit + 1),
            (String(repeating: #"{"a":"#, count: 100_000), 5 * limit + 1),
            (String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1), limit + 1),
        ] {
            #expect(
                throws: ProjectConfigError(
                    .invalidJSON,
                    "invalid JSON: objects and arrays are nested deeper than 512 levels here, "
                        + "more than config-api reads",
                    file: "x", line: 1, column: column)
            ) { try JSONText.parse(bomb, origin: "x") }
        }
        let large = "[" + String(repeating: "0,", count: JSONText.maximumBytes / 2) + "0]"
        #expect(throws: ProjectConfigError.self) { try JSONText.parse(large, origin: "x") }
    }
}
