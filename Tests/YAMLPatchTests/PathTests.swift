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
        #expect(YAMLPath(steps: [.key("applications"), .select(key: "name", value: "api")]).description
            == "applications[name=api]")
        #expect(try YAMLPath(".a.b").description == "a.b")
    }

    @Test func selectorKeysAndValuesMayBeQuoted() throws {
        #expect(try YAMLPath(#"a["k=1"="v]w"]"#).steps == [.key("a"), .select(key: "k=1", value: "v]w")])
        #expect(try YAMLPath("a[name='api']").steps == [.key("a"), .select(key: "name", value: "api")])
        #expect(try YAMLPath("a[name=a=b]").steps == [.key("a"), .select(key: "name", value: "a=b")])
    }
}
