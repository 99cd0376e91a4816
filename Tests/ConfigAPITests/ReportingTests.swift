import Foundation
import ProjectConfig
import Testing
import YAMLPatch

@testable import ConfigAPI

/// How the executable reports what the libraries refuse: exit codes (docs/contract.md#exit-codes)
/// and one `FILE:LINE:COL: message` line per problem.
struct ReportingTests {
    @Test func exitCodesOfTheDomainsRefusals() {
        let expected: [(ProjectConfigError.Kind, SysexitCode)] = [
            (.invalidRequest, .dataError), (.invalidJSON, .dataError), (.conflict, .dataError),
            (.invalidProject, .dataError), (.missingProject, .noInput), (.edit(.noMatch), .dataError),
            (.edit(.syntax), .dataError), (.edit(.verification), .software),
        ]
        for (kind, status) in expected {
            #expect(SysexitCode(kind) == status, "\(kind)")
            #expect(CommandFailure(describing: ProjectConfigError(kind, "x"), file: nil).status == status)
        }
    }

    @Test func aValidationFailureIsOneLinePerIssueAndThePositionIsPrintedOnce() throws {
        let text = Array("applications:\n    - name: API\n      port: 0\n".utf8)
        do {
            try ProjectValidation.requireValid(DocumentTree(parsing: text), file: "projects/shop.yaml")
            Issue.record("accepted")
        } catch let error as ProjectConfigError {
            let failure = CommandFailure(describing: error, file: "ignored.yaml")
            #expect(
                failure.locatedLines == [
                    "projects/shop.yaml:2:7: application 'API': missing required key 'git'",
                    "projects/shop.yaml:2:13: application 'API': name 'API' contains the capital letter 'A'; "
                        + "use lowercase",
                    "projects/shop.yaml:3:13: application 'API': port 0 is out of range 1–65535",
                ])
        }
    }

    @Test func errorsWithoutAFileAreLocatedInTheCommandsFile() {
        let failure = CommandFailure(
            describing: YAMLPatchError(
                .noMatch, "path 'x' matches nothing",
                at: SourceMark(offset: 0, line: 3, column: 5)),
            file: "f.yaml")
        #expect(failure.locatedLines == ["f.yaml:3:5: path 'x' matches nothing"])
        #expect(failure.status == .dataError)
    }

    @Test func eventFileComesFromTheOptionOrTheEnvironment() throws {
        #expect(try DispatchCommand.eventFile(option: "e.json", environment: ["GITHUB_EVENT_PATH": "/x"]) == "e.json")
        #expect(try DispatchCommand.eventFile(option: nil, environment: ["GITHUB_EVENT_PATH": "/x"]) == "/x")
        #expect(throws: CommandFailure.self) { try DispatchCommand.eventFile(option: nil, environment: [:]) }
        do {
            _ = try DispatchCommand.eventFile(option: nil, environment: ["GITHUB_EVENT_PATH": ""])
        } catch {
            #expect(error.status == .usage)
        }
    }

    @Test func aMissingEventFileIsExit66AndAnInvalidOneExit65() throws {
        let folder = try Scratch().folder
        let missing = try CLI.run("dispatch", "--event", folder.appendingPathComponent("absent.json").path)
        #expect(missing.status == 66, "\(missing.standardError)")
        #expect(missing.standardError.hasPrefix("config-api: \(folder.path)/absent.json: cannot read: "))
        let invalid = folder.appendingPathComponent("invalid.json")
        try Data(#"{"client_payload": {"path": ]}}"#.utf8).write(to: invalid)
        let refused = try CLI.run("dispatch", "--event", invalid.path)
        #expect(refused.status == 65)
        #expect(
            refused.standardError == "config-api: \(invalid.path):1:29: invalid JSON: did not find expected node "
                + "content (while parsing a flow node)\n")
    }

    @Test func aFullStandardOutputIsExit74() throws {
        let full = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let process = Process()
        process.executableURL = PackageFiles.configAPI
        process.arguments = ["get", PackageFiles.root.appendingPathComponent("projects/myproject.yaml").path, "."]
        process.standardOutput = full
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 74)
    }
}
