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
