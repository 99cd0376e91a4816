import Foundation
import TestSupport
import Testing

/// `config-api status` on the example projects.
@Suite struct StatusCommandTests {
    @Test func examplesWithTheirDeploymentsAndHolds() throws {
        let workspace = try GitWorkspace()
        let seed = try workspace.remote.tip()
        #expect(try workspace.run(["bump", "myproject", "api", "3f2c1a9"]).status == 0)
        let bump = try workspace.remote.tip()
        #expect(try workspace.run(["apply", "--path", "projects/myproject/databases/redis",
                                   "--spec", #"{"version": "7.2"}"#]).status == 0)
        let redis = try workspace.remote.tip()
        #expect(try workspace.run(["apply", "--path", "projects/myproject/applications/frontend",
                                   "--spec", #"{"port": 81, "hold": "freeze"}"#]).status == 0)
        let status = { (arguments: [String]) in
            try ConfigAPIProcess.run(["status", "-C", workspace.clone] + arguments)
        }

        let json = try status(["--json"])
        #expect(json.status == 0, "\(json.standardError)")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))
        let rows = try #require(parsed as? [[String: Any]])
        let names = rows.map { "\($0["project"]!)/\($0["kind"]!)/\($0["name"]!)" }
        #expect(names == ["myproject/application/api", "myproject/application/frontend", "myproject/database/mysql",
                          "myproject/database/redis", "project-a/application/api", "project-a/database/mysql"])
        let api = rows[0]
        #expect(api["hash"] as? String == "3f2c1a9" && api["commit"] as? String == bump)
        #expect((api["author"] as? [String: String])?["email"] == "writer@example.com")
        #expect(api["held"] as? Bool == false && api["hold"] is NSNull && api["version"] is NSNull)
        let frontend = rows[1]
        #expect(frontend["hash"] is NSNull && frontend["commit"] as? String == seed)
        #expect(frontend["held"] as? Bool == true && frontend["hold"] as? String == "freeze")
        #expect(rows[3]["version"] as? String == "7.2" && rows[3]["commit"] as? String == redis)
        #expect(rows[3]["hash"] is NSNull && rows[2]["commit"] as? String == seed)
        #expect((rows[4]["since"] as? String)?.hasSuffix("Z") == true)

        let text = try status(["myproject"])
        let lines = text.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 5 && lines[0].hasPrefix("PROJECT    KIND         NAME      DEPLOYED  SINCE"))
        #expect(lines[1].hasPrefix("myproject  application  api       3f2c1a9   "))
        #expect(lines[1].contains("  Test Writer  ") && lines[1].hasSuffix(" -"))
        #expect(lines[2].contains(" ~ ") && lines[2].hasSuffix("held: freeze"))
        #expect(lines[4].hasPrefix("myproject  database     redis     7.2"))
        #expect(try status(["nope"]).status == 66)
    }
}
