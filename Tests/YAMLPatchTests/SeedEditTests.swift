import Foundation
import Testing

@testable import YAMLPatch

/// The seed's project file, edited the way the pipeline does: one line changes, comments stay.
@Suite struct SeedEditTests {
    let seed = try! String(contentsOfFile: fixtures + "myproject.yaml", encoding: .utf8)

    @Test func settingTheHashChangesOneLineAndKeepsTheComment() throws {
        let new = try edited(seed, "applications[name=api].git.hash", .set(.string("3f2c1a9")))
        let diff = lineDiff(seed, new)
        #expect(diff.removed == ["          hash: ~ # set by CI on every successful build"])
        #expect(diff.added == ["          hash: 3f2c1a9 # set by CI on every successful build"])
        let api = try #require(data(new)["applications"]).firstItem
        #expect(api?["git"]?["hash"] == .string("3f2c1a9"))
    }

    @Test func mergingASpecChangesOneLineAndInsertsOne() throws {
        let spec = YAMLValue.mapping([
            .init(key: "git", value: .mapping([.init(key: "hash", value: .string("abc1234"))])),
            .init(key: "replicas", value: .int(2)),
        ])
        let new = try edited(seed, "applications[name=frontend]", .merge(spec, appendLists: false))
        let diff = lineDiff(seed, new)
        #expect(diff.removed == ["          hash: ~"])
        #expect(diff.added == ["          hash: abc1234", "      replicas: 2"])
        #expect(new.contains("          - example.com\n      replicas: 2\n\ndatabases:"))
    }

    @Test func settingTheSameValueChangesNothing() throws {
        let tree = try DocumentTree(parsing: seed)
        let result = try tree.applying(.set(.string("8.0")), at: YAMLPath("databases[0].version"))
        #expect(!result.changed)
        #expect(result.splices.isEmpty)
        #expect(result.text == tree.text)
    }
}
