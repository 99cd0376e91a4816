import Testing

@testable import YAMLPatch

/// Nesting and size bombs are refused with a position, never by a crash, and everything that
/// walks a tree (builder, walker, value export, writers, verification) works at the limit.
@Suite struct LimitTests {
    static let limit = DocumentTree.maximumNestingDepth

    /// The error parsing `text` throws.
    private func parseError(_ text: String) throws -> YAMLPatchError {
        try #require(throws: YAMLPatchError.self) { try DocumentTree(parsing: text) }
    }

    /// 100,000 levels of `[`: refused at the 513th, so libyaml read no further than that.
    @Test func deepFlowSequencesAreRefusedWhereTheFirstOneTooDeepStarts() throws {
        let error = try parseError(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        #expect(error.kind == .limit)
        #expect(error.mark == SourceMark(offset: Self.limit, line: 1, column: Self.limit + 1))
        #expect(error.message.contains("\(Self.limit) levels"))
        let mappings = try parseError(String(repeating: "{a: ", count: 100_000))
        #expect(mappings.kind == .limit && mappings.mark?.column == 4 * Self.limit + 1)
    }

    /// 50,000 levels of `- ` on one line, and mappings nested one line and one space at a time.
    @Test func deepBlockCollectionsAreRefusedWhereTheFirstOneTooDeepStarts() throws {
        let dashes = try parseError(String(repeating: "- ", count: 50_000) + "x\n")
        #expect(dashes.kind == .limit && dashes.mark?.line == 1 && dashes.mark?.column == 2 * Self.limit + 1)
        let lines = (0..<1000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v\n"
        let keys = try parseError(lines)
        #expect(keys.kind == .limit && keys.mark?.line == Self.limit + 1 && keys.mark?.column == Self.limit + 1)
    }

    /// 512 levels: parsed, read, printed, and edited at the deepest place; one level more is
    /// refused, whether the value or the path would make it.
    @Test func everyOperationWorksAtTheLimit() throws {
        let text = String(repeating: "[", count: Self.limit) + "x" + String(repeating: "]", count: Self.limit) + "\n"
        let tree = try DocumentTree(parsing: text)
        let document = try #require(tree.documents.first)
        var expected = YAMLValue.string("x")
        for _ in 0..<Self.limit { expected = .sequence([expected]) }
        #expect(try tree.value(of: document.root, in: document) == expected)
        #expect(tree.sourceText(of: document.root) == String(text.dropLast()))
        let deepest = YAMLPath(steps: Array(repeating: .index(0), count: Self.limit))
        let innermost = YAMLPath(steps: Array(repeating: .index(0), count: Self.limit - 1))
        #expect(try tree.matches(of: deepest).map(\.node.scalarText) == ["x"])

        let set = try tree.applyingWithTree(.set(.string("z")), at: deepest)
        #expect(String(decoding: set.result.text, as: UTF8.self) == text.replacingAll("x", with: "z"))
        #expect(set.tree.documents.count == 1)
        let appended = try tree.applying(.append(.int(1)), at: innermost)
        #expect(String(decoding: appended.text, as: UTF8.self).contains("[x, 1]"))
        let deleted = try tree.applying(.delete, at: deepest)
        #expect(String(decoding: deleted.text, as: UTF8.self).contains("[[]]"))

        let tooDeep = [
            (deepest, EditOperation.set(.sequence([.int(1)]))),
            (innermost, .append(.sequence([]))),
            (innermost, .append(.mapping([.init(key: "k", value: .int(1))]))),
            (innermost, .set(.sequence([.sequence([])]))),
            (YAMLPath(steps: Array(repeating: .index(0), count: Self.limit + 1)), .set(.int(1))),
        ]
        for (path, operation) in tooDeep {
            let error = try #require(throws: YAMLPatchError.self) { try tree.applying(operation, at: path) }
            #expect(error.kind == .limit, "\(error)")
        }
    }

    /// Keys created along a path count as levels too.
    @Test func createdKeysCountTowardsTheLimit() throws {
        let tree = try DocumentTree(parsing: "a: 1\n")
        let keys = { (count: Int) in YAMLPath(steps: (0..<count).map { .key("k\($0)") }) }
        #expect(try tree.applying(.set(.int(1)), at: keys(Self.limit)).changed)
        let error = try #require(throws: YAMLPatchError.self) {
            try tree.applying(.set(.sequence([])), at: keys(Self.limit))
        }
        #expect(error.kind == .limit)
    }

    /// Aliases can put a deep collection inside another: the expanded value is held to the
    /// same limit, while the document itself stays readable where no alias deepens it.
    @Test func valuesNestedDeeperByTheirAliasesAreRefused() throws {
        let depth = 300
        let open = String(repeating: "[", count: depth), close = String(repeating: "]", count: depth)
        let tree = try DocumentTree(parsing: "a: &a \(open)1\(close)\nb: \(open)*a\(close)\n")
        let document = try #require(tree.documents.first)
        let a = try #require(tree.matches(of: YAMLPath("a")).first)
        #expect(throws: Never.self) { try tree.value(of: a.node, in: document) }
        let error = try #require(throws: YAMLPatchError.self) { try tree.value(of: document.root, in: document) }
        #expect(error.kind == .limit && error.mark?.line == 1)
    }

    /// A value deeper than the limit is refused before anything is written.
    @Test func aValueDeeperThanTheLimitIsRefused() throws {
        var value = YAMLValue.int(1)
        for _ in 0...Self.limit { value = .mapping([.init(key: "k", value: value)]) }
        let error = try #require(throws: YAMLPatchError.self) { try edited("a: 1\n", "a", .set(value)) }
        #expect(error.kind == .limit)
    }

    @Test func textsLargerThanTheBoundAreRefusedBeforeParsing() throws {
        #expect(DocumentTree.defaultMaximumTextSize == 16 << 20)
        let text = "a: [1, 2]\n"
        #expect(throws: Never.self) { try DocumentTree(parsing: text, maximumTextSize: text.utf8.count) }
        let error = try #require(throws: YAMLPatchError.self) {
            try DocumentTree(parsing: text, maximumTextSize: text.utf8.count - 1)
        }
        #expect(error.kind == .limit && error.message.contains("10 bytes"))
        let unparsable = "[" + String(repeating: "x", count: 100)
        let early = try #require(throws: YAMLPatchError.self) {
            try DocumentTree(parsing: unparsable, maximumTextSize: 50)
        }
        #expect(early.kind == .limit)
    }
}
