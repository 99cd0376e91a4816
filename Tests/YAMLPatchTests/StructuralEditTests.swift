import Foundation
import Testing

@testable import YAMLPatch

/// The three structural edits that measured below 100 % on the Argo Helm values files, each on
/// the file that showed it: where a trailing comment goes, where a new entry goes after
/// commented-out lines, and when a new entry is set apart by a blank line.
@Suite struct StructuralEditTests {
    private func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: fixtures + "argo-helm/" + name, encoding: .utf8)
    }

    /// (a) `create: true # adds Role…` becoming a mapping keeps its comment on the key's line.
    @Test func aTrailingCommentStaysOnTheKeysLineWhenItsScalarBecomesAMapping() throws {
        let text = try fixture("argo-workflows-ci-enable-rbac-values.yaml")
        let spec = YAMLValue.mapping([.init(key: "enabled", value: .bool(true))])
        let new = try edited(text, "workflow.rbac.create", .set(spec))
        let comment = "# adds Role and RoleBinding for the above specified service account to be able to run workflows"
        #expect(lineDiff(text, new).removed == ["    create: true " + comment])
        #expect(lineDiff(text, new).added == ["    create: " + comment, "      enabled: true"])
        let item = try edited(
            "list:\n  - true # a flag\n", "list[0]",
            .set(
                .mapping([
                    .init(key: "a", value: .int(1)), .init(key: "b", value: .int(2)),
                ])))
        #expect(item == "list:\n  - a: 1 # a flag\n    b: 2\n")
    }

    /// (b) Commented-out lines nested under the last entry (indented deeper) are part of it: a
    /// new key or item goes after them, not between the entry and its comments.
    @Test func aNewEntryGoesAfterTheCommentLinesNestedUnderTheLastOne() throws {
        let text = try fixture("argo-cd-values.yaml")
        let key = try edited(
            text, "global.affinity.nodeAffinity",
            .merge(
                .mapping([
                    .init(key: "zone", value: .string("eu"))
                ]), appendLists: false))
        #expect(lineDiff(text, key).added == ["      zone: eu"])
        #expect(
            key.contains(
                "        #    - antarctica-west1\n      zone: eu\n\n  # -- Default [TopologySpreadConstraints]"))
        let item = try edited(
            text, "server.httproute.rules",
            .append(
                .mapping([
                    .init(key: "matches", value: .sequence([]))
                ])))
        #expect(lineDiff(text, item).added == ["      - matches: []"])
        #expect(item.contains("        #   backendRequest: 2s\n      - matches: []\n\n  # Gateway API GRPCRoute"))
        let workflows = try fixture("argo-workflows-values.yaml")
        let nested = try edited(workflows, "controller.clusterWorkflowTemplates.namespaced", .set(.bool(true)))
        #expect(nested.contains("      #   namespace: my-namespace\n    namespaced: true\n  # -- Extra containers"))
    }

    /// Deleting an entry takes the comment lines nested under it along (and only those).
    @Test func deletingAnEntryTakesItsNestedCommentLines() throws {
        let text = try fixture("argo-cd-values.yaml")
        let new = try edited(text, "global.affinity.nodeAffinity.matchExpressions", .delete)
        #expect(
            lineDiff(text, new).removed == [
                "      # -- Default match expressions for node affinity", "      matchExpressions: []",
                "        # - key: topology.kubernetes.io/zone", "        #   operator: In",
                "        #   values:", "        #    - antarctica-east1", "        #    - antarctica-west1",
            ])
        #expect(lineDiff(text, new).added.isEmpty)
    }

    /// (c) A blank line goes before a new key only when every key of its mapping is set apart
    /// from the next by one: argo-events' `global` separates most keys, not all (the last two
    /// are), and gets none; argo-cd's `configs` separates all, and gets one.
    @Test func aBlankLineSetsANewKeyApartOnlyWhenEveryKeyIsSetApart() throws {
        let events = try fixture("argo-events-values.yaml")
        let spec = YAMLValue.mapping([.init(key: "x-note", value: .string("added"))])
        let unspaced = try edited(events, "global", .merge(spec, appendLists: false))
        #expect(lineDiff(events, unspaced).added == ["  x-note: added"])
        let argocd = try fixture("argo-cd-values.yaml")
        let spaced = try edited(argocd, "configs", .merge(spec, appendLists: false))
        #expect(lineDiff(argocd, spaced).added.sorted() == ["", "  x-note: added"])
        #expect(spaced.contains("  #  }\n\n  x-note: added\n\n# -- Array of extra K8s manifests"))
        #expect(try edited("a: 1\nb: 2\n\nc: 3\n", "d", .set(.int(4))) == "a: 1\nb: 2\n\nc: 3\nd: 4\n")
        #expect(try edited("a: 1\n\nb: 2\n", "c", .set(.int(3))) == "a: 1\n\nb: 2\n\nc: 3\n")
        #expect(try edited("l:\n  - 1\n\n  - 2\n", "l", .append(.int(3))) == "l:\n  - 1\n\n  - 2\n\n  - 3\n")
    }
}
