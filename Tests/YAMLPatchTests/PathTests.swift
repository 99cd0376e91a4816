import Testing
import YAMLPatch

/// Paths built from steps print as expressions that parse back to the same steps.
@Suite struct PathTests {
    static let awkwardStrings = [
        "plain", "with.dot", "with[bracket", "with]bracket", "a=b", "", " spaced ", "\"quoted\"", "'single'",
        "back\\slash", "ends\\", "0", "-1", ".", "é ✓", "x\"y", "[0]", "name=api]",
    ]

    static let pathsFromSteps: [[YAMLPath.Step]] = {
        var paths: [[YAMLPath.Step]] = [[], [.index(0)], [.index(-1), .key("a")], [.key("a"), .index(3), .key("b")]]
        for string in awkwardStrings {
            paths.append([.key(string)])
            paths.append([.key("list"), .select(key: string, value: "v"), .key(string)])
            paths.append([.key("list"), .select(key: "name", value: string)])
            paths.append([.select(key: string, value: string), .index(2)])
        }
        return paths
    }()

    @Test(arguments: pathsFromSteps)
    func descriptionParsesBackToTheSameSteps(_ steps: [YAMLPath.Step]) throws {
        let path = YAMLPath(steps: steps)
        #expect(try YAMLPath(path.description).steps == steps, "\(path)")
    }

    @Test func simplePathsPrintAsTheyAreWritten() throws {
        for expression in [".", "a.b.c", "applications[name=api].git.hash", "a[0][-1]", #"a["b.c"].d"#] {
            #expect(try YAMLPath(expression).description == expression)
        }
        #expect(
            YAMLPath(steps: [.key("applications"), .select(key: "name", value: "api")]).description
                == "applications[name=api]")
        #expect(try YAMLPath(".a.b").description == "a.b")
    }

    @Test func selectorKeysAndValuesMayBeQuoted() throws {
        #expect(try YAMLPath(#"a["k=1"="v]w"]"#).steps == [.key("a"), .select(key: "k=1", value: "v]w")])
        #expect(try YAMLPath("a[name='api']").steps == [.key("a"), .select(key: "name", value: "api")])
        #expect(try YAMLPath("a[name=a=b]").steps == [.key("a"), .select(key: "name", value: "a=b")])
    }

    @Test func readingAndEveryEditResolveAPathTheSameWayAndCountTheMatches() throws {
        let text = "apps:\n  - name: api\n    port: 80\n  - name: web\n  - name: api\n    port: 82\n"
        let tree = try DocumentTree(parsing: text)
        let items = try YAMLPath("apps[name=api]")
        #expect(try tree.matches(of: items).map(\.node.start.line) == [2, 5])
        let merge = EditOperation.merge(.mapping([.init(key: "port", value: .int(1))]), appendLists: false)
        #expect(try tree.applying(merge, at: items).matchCount == 2)
        let deleted = try tree.applying(.delete, at: items)
        #expect(deleted.matchCount == 2 && String(decoding: deleted.text, as: UTF8.self) == "apps:\n  - name: web\n")
        let unchanged = try tree.applying(.set(.int(80)), at: YAMLPath("apps[0].port"))
        #expect(unchanged.matchCount == 1 && !unchanged.changed)
        let created = try tree.applying(.set(.int(9)), at: YAMLPath("apps[name=web].port"))
        #expect(created.matchCount == 1 && String(decoding: created.text, as: UTF8.self).contains("web\n    port: 9\n"))
        let error = try #require(throws: YAMLPatchError.self) {
            try tree.applying(.delete, at: YAMLPath("apps[name=db]"))
        }
        #expect(error.kind == .noMatch && error.mark?.line == 2)
    }
}
