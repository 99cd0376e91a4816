import ProjectConfig
import Testing
import YAMLPatch

/// The order guards and holds of a hash update, and the hashes a rollback chooses from.
struct HashUpdateGuardTests {
    static let path = try! ResourcePath(parsing: "projects/p/applications/api")

    static func item(hash: String?, hold: String? = nil) -> DeployedItem {
        var entries: [YAMLValue.Entry] = [
            .init(key: "name", value: .string("api")),
            .init(key: "git", value: .mapping([.init(key: "hash", value: hash.map(YAMLValue.string) ?? .null)])),
        ]
        if let hold { entries.append(.init(key: "hold", value: .string(hold))) }
        return DeployedItem(path: path, value: .mapping(entries))
    }

    static func verdict(_ guarding: HashUpdateGuard, deployed: DeployedItem?, order: SourceOrder = .newer,
                        lastKey: OrderKey? = nil) throws -> HashUpdateVerdict {
        try guarding.verdict(deployed: deployed, sourceOrder: { _ in order }, lastKey: { lastKey })
    }

    @Test func ancestryDecides() throws {
        let guarding = HashUpdateGuard(path: Self.path, hash: "bbbbbbb", order: OrderRequirement(ancestry: true))
        let deployed = Self.item(hash: "aaaaaaa")
        #expect(try Self.verdict(guarding, deployed: deployed, order: .newer) == .proceed)
        #expect(try Self.verdict(guarding, deployed: deployed, order: .same) == .unchanged)
        #expect(try Self.verdict(guarding, deployed: deployed, order: .older)
                == .superseded("is older than the deployed aaaaaaa (one of its ancestors)"))
        for order in [SourceOrder.diverged, .deployedUnknown] {
            #expect(throws: ProjectConfigError.self) { try Self.verdict(guarding, deployed: deployed, order: order) }
            let allowing = HashUpdateGuard(path: Self.path, hash: "bbbbbbb", order: guarding.order,
                                           allowsDiverged: true)
            #expect(try Self.verdict(allowing, deployed: deployed, order: order) == .proceed)
        }
        #expect(try Self.verdict(guarding, deployed: Self.item(hash: nil), order: .older) == .proceed)
        #expect(try Self.verdict(guarding, deployed: Self.item(hash: "bbbbbbb"), order: .older) == .proceed)
    }

    @Test func keysDecide() throws {
        let guarding = HashUpdateGuard(path: Self.path, hash: "bbbbbbb", order: OrderRequirement(key: OrderKey(10)))
        let deployed = Self.item(hash: "aaaaaaa")
        #expect(try Self.verdict(guarding, deployed: deployed, lastKey: nil) == .proceed)
        #expect(try Self.verdict(guarding, deployed: deployed, lastKey: OrderKey(9)) == .proceed)
        for last in [10, 11] {
            #expect(try Self.verdict(guarding, deployed: deployed, lastKey: OrderKey(Int64(last)))
                    == .superseded("has the ordering key 10, not greater than \(last), the last one recorded"))
        }
    }

    /// A hold stops every update of another hash, ordered or not; a rollback passes holds and order.
    @Test func holdsAndRollbacks() throws {
        let held = Self.item(hash: "aaaaaaa", hold: "incident\n42")
        let plain = HashUpdateGuard(path: Self.path, hash: "bbbbbbb", order: .none)
        #expect(try Self.verdict(plain, deployed: held) == .held("incidentU+000A42"))
        let rollback = HashUpdateGuard(path: Self.path, hash: "bbbbbbb", order: OrderRequirement(ancestry: true),
                                       isRollback: true)
        #expect(try Self.verdict(rollback, deployed: held, order: .older) == .proceed)
        #expect(try Self.verdict(plain, deployed: nil) == .proceed)
    }

    @Test func rollbackTargets() throws {
        var timeline = HashTimeline()
        for hash in ["ccccccc", "ccccccc", nil, "bbbbbbb", "aaaaaaa1", "bbbbbbb"] as [String?] {
            timeline.addOlder(hash)
        }
        #expect(timeline.hashes == ["ccccccc", "bbbbbbb", "aaaaaaa1", "bbbbbbb"])
        #expect(timeline.hash(stepsBack: 1) == "bbbbbbb" && timeline.hash(stepsBack: 2) == "aaaaaaa1")
        #expect(timeline.hash(stepsBack: 4) == nil)
        #expect(try timeline.hash(matching: "AAAAAAA", of: Self.path) == "aaaaaaa1")
        #expect(try timeline.hash(matching: "aaaaaaa1dddd", of: Self.path) == "aaaaaaa1")
        #expect(try timeline.hash(matching: "ddddddd", of: Self.path) == nil)
        timeline.addOlder("aaaaaaa2")
        #expect(throws: ProjectConfigError.self) { try timeline.hash(matching: "aaaaaaa", of: Self.path) }
    }

    @Test func releaseRemovesTheHoldLineOnly() throws {
        let text = """
            applications:
                - name: api
                  git: {type: github, owner: o, repo: r, branch: main, hash: abcdef1}
                  port: 80
                  hold: "incident 42" # until the fix
                - name: web
                  git: {type: github, owner: o, repo: w, branch: main}
                  port: 80

            """
        let released = try HoldRelease(path: Self.path).editedFile(of: Array(text.utf8)).text
        #expect(String(decoding: released, as: UTF8.self) == text.replacingOccurrences(
            of: "      hold: \"incident 42\" # until the fix\n", with: ""))
        #expect(try HoldRelease(path: Self.path).editedFile(of: released).text == released)
        #expect(throws: ProjectConfigError.self) {
            try HoldRelease(path: ResourcePath(parsing: "projects/p/applications/gone")).editedFile(of: released)
        }
    }

    @Test func sourceAddresses() throws {
        let item = DeployedItem(path: Self.path, value: .mapping([
            .init(key: "git", value: .mapping([.init(key: "owner", value: .string("org")),
                                               .init(key: "repo", value: .string("api-server"))])),
        ]))
        #expect(try SourceAddress().url(of: item) == "https://github.com/org/api-server.git")
        #expect(try SourceAddress(template: "/srv/{project}/{name}/{repo}.git").url(of: item)
                == "/srv/p/api/api-server.git")
        #expect(throws: ProjectConfigError.self) { try SourceAddress().url(of: Self.item(hash: nil)) }
    }
}
