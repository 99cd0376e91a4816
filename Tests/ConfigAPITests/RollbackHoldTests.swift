import Foundation
import TestSupport
import Testing

/// `rollback`, holds and `release` (docs/contract.md#history-rollback-and-holds), end to end on a
/// clone of a local bare remote.
@Suite struct RollbackHoldTests {
    static let file = "projects/myproject.yaml"

    /// Bumps api through three hashes; returns the workspace.
    static func deployed(_ hashes: [String]) throws -> GitWorkspace {
        let workspace = try GitWorkspace()
        for hash in hashes {
            let bump = try workspace.run(["bump", "myproject", "api", hash])
            #expect(bump.status == 0, "\(bump.standardError)")
        }
        return workspace
    }

    /// A rollback with a hold deploys the previous hash; the next bump ends `held` (exit 0,
    /// held=true, a notice) and writes nothing; after `release` the same bump lands.
    @Test func heldUntilReleased() throws {
        let workspace = try Self.deployed(["aaaaaaa", "bbbbbbb", "ccccccc"])
        let rollback = try workspace.run(["rollback", "myproject", "api", "--hold", "incident 42: 500s on checkout"])
        #expect(rollback.status == 0, "\(rollback.standardError)")
        #expect(try workspace.remote.log("%s").first
                == "rollback projects/myproject/applications/api to bbbbbbb (was ccccccc)")
        let content = try workspace.remote.content(of: Self.file)
        #expect(content.contains("hash: bbbbbbb # set by CI"))
        #expect(content.contains(#"hold: "incident 42: 500s on checkout""#))
        #expect(try ConfigAPIProcess.run(["validate", "\(workspace.clone)/\(Self.file)"]).status == 0)

        let commits = try workspace.remote.commitCount()
        let outputs = workspace.folder.child("output")
        _ = FileManager.default.createFile(atPath: outputs, contents: nil)
        let held = try workspace.run(["bump", "myproject", "api", "ddddddd"],
                                     environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": outputs])
        #expect(held.status == 0, "\(held.standardError)")
        #expect(held.standardOutput.contains("held: projects/myproject/applications/api is held (incident 42: 500s on "
            + "checkout); `config-api release myproject api` ends the hold; nothing written"))
        #expect(held.standardOutput.contains("::notice::held: projects/myproject/applications/api is held"))
        let heldOutputs = githubOutputs(try String(contentsOfFile: outputs, encoding: .utf8))
        #expect(heldOutputs["held"] == "true" && heldOutputs["superseded"] == "false")
        #expect(heldOutputs["changed"] == "false")
        #expect(try workspace.remote.commitCount() == commits)
        #expect(try workspace.run(["bump", "myproject", "api", "bbbbbbb"]).standardOutput.hasPrefix("unchanged"))

        let release = try workspace.run(["release", "myproject", "api"])
        #expect(release.status == 0)
        #expect(try workspace.remote.log("%s").first == "release projects/myproject/applications/api")
        #expect(try !workspace.remote.content(of: Self.file).contains("hold:"))
        #expect(try workspace.run(["release", "myproject", "api"]).standardOutput.hasPrefix("unchanged"))
        let landed = try workspace.run(["bump", "myproject", "api", "ddddddd"])
        #expect(landed.status == 0 && landed.standardOutput.hasPrefix("pushed "), "\(landed.standardOutput)")
        #expect(try workspace.remote.content(of: Self.file).contains("hash: ddddddd # set by CI"))
        #expect(try workspace.remote.commitCount() == commits + 2)
    }

    /// `--steps` and `--to` pick from the history; a rollback passes the order guards; a
    /// rollback of a held application keeps its hold.
    @Test func stepsAndTargetsAndOrder() throws {
        let workspace = try Self.deployed(["aaaaaaa", "bbbbbbb", "ccccccc"])
        let twoBack = try workspace.run(
            ["rollback", "myproject", "api", "--steps", "2", "--message", "{action} {name}: {hash}"])
        #expect(twoBack.status == 0, "\(twoBack.standardError)")
        #expect(try workspace.remote.log("%s").first == "rollback api: aaaaaaa")
        let toC = try workspace.run(["rollback", "myproject", "api", "--to", "ddddddd", "--hold", "pinned"])
        #expect(toC.status == 65 && toC.standardError.contains("was never deployed with ddddddd"))
        let toB = try workspace.run(["rollback", "myproject", "api", "--to", "bbbbbbb", "--hold", "pinned"])
        #expect(toB.status == 0)
        #expect(try workspace.remote.content(of: Self.file).contains("hash: bbbbbbb"))
        let again = try workspace.run(["rollback", "myproject", "api"])
        #expect(again.status == 0)
        #expect(try workspace.remote.content(of: Self.file).contains("hash: aaaaaaa"))
        #expect(try workspace.remote.content(of: Self.file).contains("hold: pinned"))
        let tooFar = try workspace.run(["rollback", "myproject", "api", "--steps", "9"])
        #expect(tooFar.status == 65 && tooFar.standardError.contains("--steps 9 goes back further"))
        #expect(try workspace.run(["rollback", "myproject", "frontend"]).status == 65)
        #expect(try workspace.run(["rollback", "myproject", "api", "--hold", "two\nlines"]).status == 64)
        #expect(try workspace.run(["rollback", "myproject", "api", "--to", "xyz"]).status == 64)
    }
}
