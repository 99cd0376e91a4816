import Testing
@testable import YAMLPatch

@Test func parsesSeedStyleFileWithByteRanges() throws {
    let text = "a: é\nbé: [1, 2]\nc:\n    - x: 1\n      y: 2\n"
    let tree = try DocumentTree(parsing: text)
    let root = try #require(tree.documents.first?.root)
    let b = try #require(root.child(forKey: "bé"))
    #expect(String(decoding: tree.text[b.range], as: UTF8.self) == "[1, 2]")
    let c = try #require(root.child(forKey: "c"))
    #expect(String(decoding: tree.text[c.range], as: UTF8.self) == "- x: 1\n      y: 2")
    #expect(b.start.line == 2 && b.start.column == 5)
}
