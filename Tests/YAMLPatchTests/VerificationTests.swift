import Testing

@testable import YAMLPatch

/// The verifying re-parse refuses splices that do not make the expected tree, whichever way
/// they are wrong; and in its building mode hands back the same tree a fresh parse gives.
@Suite struct VerificationTests {
    static let project = """
        applications:
            - name: api
              # owner: team-a
              git:
                  repo: my-api
                  hash: ~ # set by CI
              port: 8080

        """

    /// A real plan for `operation` at `path` in `text`, with its splices replaced by `wrong`:
    /// each the first occurrence of `old` after the first of `after` (empty: an insertion
    /// right there; the text's start), and the new text.
    private func tampered(
        _ text: String, _ path: String, _ operation: EditOperation,
        _ wrong: [(old: String, after: String, new: String)]
    ) throws -> (DocumentTree, EditPlan) {
        let tree = try DocumentTree(parsing: text)
        var plan = try tree.plan(operation, at: YAMLPath(path))
        plan.splices = try wrong.map { splice in
            let bytes = Array(text.utf8)
            let start =
                splice.after.isEmpty ? 0 : try #require(bytes.firstRange(of: Array(splice.after.utf8))).upperBound
            let range =
                splice.old.isEmpty
                ? start..<start
                : try #require(bytes[start...].firstRange(of: Array(splice.old.utf8)))
            return Splice(range: range, replacement: Array(splice.new.utf8))
        }
        return (tree, plan)
    }

    /// Both modes refuse the plan with a `.verification` error marked in the edited text.
    private func expectRefused(
        _ tree: DocumentTree, _ plan: EditPlan, line: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let compared = #expect(throws: YAMLPatchError.self, sourceLocation: sourceLocation) { try tree.verified(plan) }
        let built = #expect(throws: YAMLPatchError.self, sourceLocation: sourceLocation) {
            try tree.verifiedWithTree(plan)
        }
        for error in [compared, built] {
            #expect(error?.kind == .verification, sourceLocation: sourceLocation)
            #expect(error?.message.contains("nothing was written") == true, sourceLocation: sourceLocation)
            #expect(error?.mark?.line == line, "\(String(describing: error))", sourceLocation: sourceLocation)
        }
        #expect(compared == built, sourceLocation: sourceLocation)
    }

    @Test func theRealSplicesPass() throws {
        let (tree, plan) = try tampered(
            Self.project, "applications[name=api].git.hash", .set(.string("3f2c1a9")),
            [("~", "hash: ", "3f2c1a9")])
        #expect(try tree.verified(plan).changed)
    }

    @Test(arguments: WrongSplice.allCases)
    func aWrongSpliceIsRefused(_ wrong: WrongSplice) throws {
        let (tree, plan) = try tampered(wrong.text, wrong.path, wrong.operation, wrong.splices)
        expectRefused(tree, plan, line: wrong.line)
    }

    /// An editor that wrote a duplicate key or a dangling alias into both the text and the
    /// expected tree would pass a comparison of the two: the verifier checks the text itself.
    @Test func textThatMatchesAWrongExpectedTreeIsStillRefused() throws {
        let tree = try DocumentTree(parsing: "a: &x 1\nb: *x\n")
        var duplicate = try tree.plan(.set(.int(2)), at: YAMLPath("c"))
        duplicate.splices = [Splice(range: 14..<14, replacement: Array("a: 2\n".utf8))]
        duplicate.expectedRoots[0].appendChildren(pairs: [
            Node.Pair(key: .expected(.scalar("a", .plain)), value: .expected(.scalar("2", .plain)))
        ])
        expectRefused(tree, duplicate, line: 1)
        let compared = try #require(throws: YAMLPatchError.self) { try tree.verified(duplicate) }
        #expect(compared.message.contains("the key \"a\" twice"))

        var dangling = try tree.plan(.set(.int(2)), at: YAMLPath("c"))
        dangling.splices = [Splice(range: 0..<8, replacement: [])]
        dangling.expectedRoots = tree.documents.map(\.root)
        dangling.expectedRoots[0].removeChildren([0])
        expectRefused(tree, dangling, line: 1)
        let danglingError = try #require(throws: YAMLPatchError.self) { try tree.verified(dangling) }
        #expect(danglingError.message.contains("*x refers to no anchor"))
    }

    /// The edited text reaches libyaml piece by piece (the old text around the splices, never
    /// put together), across libyaml's 16 KiB reads: deep in a text of some hundred kilobytes,
    /// the real splice passes and a wrong one is refused at its line, alike in both modes.
    @Test func aLargeTextIsVerifiedPieceByPiece() throws {
        let text = (0..<3_000).map { "app-\($0):\n    hash: ~\n    port: \(8_000 + $0)\n" }.joined()
        let real = try tampered(text, "app-2000.hash", .set(.string("3f2c1a9")), [("~", "app-2000:", "3f2c1a9")])
        let result = try real.0.verified(real.1)
        let expected = (0..<3_000).map {
            "app-\($0):\n    hash: \($0 == 2_000 ? "3f2c1a9" : "~")\n    port: \(8_000 + $0)\n"
        }
        #expect(result.text == Array(expected.joined().utf8))
        #expect(result.newText.pieces.count == 3 && Array(result.newText.pieces.joined()) == result.text)
        #expect(result.changed)

        let wrong = try tampered(text, "app-2000.hash", .set(.string("3f2c1a9")), [("~", "app-2000:", "3f2c1a8")])
        expectRefused(wrong.0, wrong.1, line: 6_002)
    }

    @Test func splicesThatPutBackWhatWasThereChangeNothing() {
        let original = Array("key: value\n".utf8)
        let restoring = SplicedText(
            original: original, splices: [Splice(range: 5..<10, replacement: Array("value".utf8))])
        #expect(!restoring.differsFromOriginal)
        let moving = SplicedText(
            original: original,
            splices: [Splice(range: 0..<0, replacement: [UInt8(ascii: "x")]), Splice(range: 10..<11, replacement: [])])
        #expect(moving.differsFromOriginal)
        #expect(moving.bytes == Array("xkey: value".utf8))
        #expect(Array(moving.pieces.joined()) == moving.bytes)
    }

    @Test(arguments: [
        ("applications[name=api].git.hash", EditOperation.set(.string("3f2c1a9"))),
        ("applications[name=api]", .merge(.mapping([.init(key: "replicas", value: .int(2))]), appendLists: false)),
        ("applications", .append(.mapping([.init(key: "name", value: .string("wéb"))]))),
        ("applications[0].git", .delete),
    ])
    func theVerifiedTreeIsTheTreeAFreshParseGives(_ path: String, _ operation: EditOperation) throws {
        let text = "\u{FEFF}x-base: &base\n    branch: main # é\n" + Self.project + "x-copy: *base\n---\nb: ✓\n"
        let edit = try DocumentTree(parsing: text).applyingWithTree(operation, at: YAMLPath(path))
        #expect(edit.result.changed)
        let fresh = try DocumentTree(parsing: edit.result.text)
        #expect(edit.tree.text == fresh.text)
        #expect(edit.tree.documents.map(\.start) == fresh.documents.map(\.start))
        #expect(edit.tree.documents.map(\.end) == fresh.documents.map(\.end))
        for (built, parsed) in zip(edit.tree.documents, fresh.documents) {
            #expect(TreeShape(built.root, in: built) == TreeShape(parsed.root, in: parsed))
        }
    }
}

/// Everything a node says about itself and its children, aliases with their targets' positions.
private struct TreeShape: Equatable {
    var lines: [String] = []

    init(_ root: Node, in document: DocumentTree.Document) {
        visit(root, document, depth: 0)
    }

    private mutating func visit(_ node: Node, _ document: DocumentTree.Document, depth: Int) {
        let place = "\(node.start.offset)-\(node.endOffset) \(node.start.line):\(node.start.column)"
        let properties = "\(node.anchor ?? "-") \(node.tag ?? "-")"
        switch node.content {
        case .scalar(let text, let style):
            lines.append("\(depth) scalar \(text) \(style) \(place) \(properties)")
        case .alias(let alias):
            lines.append("\(depth) alias \(alias.name) → \(document.resolvingAlias(node).start.offset) \(place)")
        case .sequence(let items, let style):
            lines.append("\(depth) sequence \(style) \(place) \(properties)")
            for item in items { visit(item, document, depth: depth + 1) }
        case .mapping(let pairs, let style):
            lines.append("\(depth) mapping \(style) \(place) \(properties)")
            for pair in pairs {
                visit(pair.key, document, depth: depth + 1)
                visit(pair.value, document, depth: depth + 1)
            }
        }
    }
}

/// Splices that do not make the edit they belong to, and the line of the edited text where
/// the verifier must find the difference.
enum WrongSplice: CaseIterable, Sendable {
    case wrongValue, wrongStyle, extraKey, commentLineLosesItsHash, brokenIndentation, wrongDocument, changedAnchor
    case invalidYAML

    var text: String {
        switch self {
        case .wrongDocument: return "api:\n  port: 80\n---\nweb:\n  port: 80\n"
        case .changedAnchor: return "base: &base {x: 1}\nderived: *base\nother: 1\n"
        default: return VerificationTests.project
        }
    }

    var path: String {
        switch self {
        case .wrongValue, .wrongStyle, .extraKey, .brokenIndentation: return "applications[name=api].git.hash"
        case .commentLineLosesItsHash, .invalidYAML: return "applications[name=api].port"
        case .wrongDocument: return "api.port"
        case .changedAnchor: return "other"
        }
    }

    var operation: EditOperation {
        switch self {
        case .wrongValue, .wrongStyle, .extraKey, .brokenIndentation: return .set(.string("3f2c1a9"))
        case .commentLineLosesItsHash, .invalidYAML: return .set(.int(8081))
        case .wrongDocument: return .set(.int(81))
        case .changedAnchor: return .set(.int(2))
        }
    }

    /// What each splice replaces (`old` after `after`) and with what.
    var splices: [(old: String, after: String, new: String)] {
        switch self {
        case .wrongValue: return [("~", "hash: ", "3f2c1a8")]
        case .wrongStyle: return [("~", "hash: ", "'3f2c1a9'")]
        case .extraKey: return [("~", "hash: ", "3f2c1a9"), ("", "8080\n", "      replicas: 2\n")]
        case .commentLineLosesItsHash: return [("# ", "- name: api\n", ""), ("8080", "port: ", "8081")]
        case .brokenIndentation: return [("          hash: ~", "my-api\n", "      hash: 3f2c1a9")]
        case .wrongDocument: return [("80", "web:", "81")]
        case .changedAnchor: return [("&base", "", "&bass"), ("1", "other: ", "2")]
        case .invalidYAML: return [("8080", "port: ", "[8081")]
        }
    }

    var line: Int {
        switch self {
        case .wrongValue, .wrongStyle, .brokenIndentation: return 6
        case .extraKey: return 8
        case .commentLineLosesItsHash: return 3
        case .wrongDocument: return 2
        case .changedAnchor: return 1
        case .invalidYAML: return 7
        }
    }
}
