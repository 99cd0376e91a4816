import Foundation
import TestSupport
import Testing

/// Every resource command refuses only the problems its edit brings into a file; the problems
/// the file already had are warnings (docs/contract.md#validation): batches, and `release`.
@Suite struct KeptProblemWarningTests {
    static let file = "projects/shop.yaml"

    static let shop = ProjectFixtures.shopWithBrokenApp0

    static let warning =
        "config-api: warning: projects/shop.yaml:4:13: application 'app0': port 0 is out of range "
        + "1–65535\n"

    @Test func aBatchLandsWithOneWarningPerKeptProblem() throws {
        let workspace = try GitWorkspace(files: [Self.file: Self.shop])
        let actions = try ActionsFiles(in: workspace)
        let batch = """
            - {path: projects/shop/applications/app2, spec: {port: 8082}}
            - {path: projects/shop/applications/app2, spec: {git: {hash: abc1234}}}
            """
        let landed = try workspace.run(
            ["apply", "--batch", "-"], environment: actions.environment, input: Data(batch.utf8))
        #expect(landed.status == 0, "\(landed.standardError)")
        #expect(landed.standardError == Self.warning)
        let annotations = landed.standardOutput.split(separator: "\n").filter { $0.hasPrefix("::warning") }
        #expect(
            annotations == [
                "::warning file=projects/shop.yaml,line=4,col=13::application 'app0': port 0 is out of "
                    + "range 1–65535"
            ])
        let content = try workspace.remote.content(of: Self.file)
        #expect(content.contains("port: 8082") && content.contains("hash: abc1234"))

        let tip = try workspace.remote.tip()
        let worse = """
            - {path: projects/shop/applications/app2, spec: {port: 8083}}
            - {path: projects/shop/applications/app2, spec: {port: 0}}
            """
        let refused = try workspace.run(["apply", "--batch", "-"], input: Data(worse.utf8))
        #expect(refused.status == 65)
        #expect(refused.standardError.contains("operations[1]: ") && refused.standardError.contains("'app2': port 0"))
        #expect(!refused.standardError.contains("'app0'"), "\(refused.standardError)")
        #expect(try workspace.remote.tip() == tip)
    }

    @Test func aReleaseLandsWithTheKeptProblemAsAWarning() throws {
        let workspace = try GitWorkspace(files: [Self.file: Self.shop])
        let released = try workspace.run(["release", "shop", "app1"])
        #expect(released.status == 0, "\(released.standardError)")
        #expect(released.standardError == Self.warning)
        #expect(try !workspace.remote.content(of: Self.file).contains("hold:"))
    }
}
