import Foundation
import Testing

/// action.yml: the documented inputs and outputs, a container action with no shell, the token
/// in the environment only, arguments this config-api accepts, and the release's rewrite of
/// the image placeholder.
@Suite struct ActionMetadataTests {
    @Test func documentedInputsAndOutputs() throws {
        let metadata = try ActionMetadata.load()
        #expect(Set(metadata.inputs.keys)
                == ["token", "event-path", "working-directory", "message", "author", "max-attempts", "sign",
                    "signing-key", "trailers", "signoff", "push-to"])
        #expect(Set(metadata.outputs.keys) == ["changed", "commit", "attempts", "branch"])
        #expect(metadata.inputs.values.allSatisfy {
            !$0.description.isEmpty && $0.required != true && $0.default != nil
        })
        #expect(metadata.outputs.values.allSatisfy { !$0.description.isEmpty })
        #expect(metadata.inputs["token"]?.default == "${{ github.token }}")
    }

    @Test func containerActionWithoutAShell() throws {
        let metadata = try ActionMetadata.load()
        #expect(metadata.runs.using == "docker")
        #expect(metadata.runs.entrypoint == nil, "the image's own entrypoint, config-api, runs")
        #expect(metadata.imageDigest != nil, "pinned by digest: \(metadata.runs.image)")
        // The secrets only in the environment (the runner logs the docker command line).
        let secrets: Set = ["token", "signing-key"]
        #expect(metadata.runs.env == [
            "CONFIG_API_TOKEN": "${{ inputs.token }}", "CONFIG_API_SIGNING_KEY": "${{ inputs.signing-key }}",
        ])
        let args = metadata.runs.args ?? []
        #expect(args.first == "dispatch")
        var rest = args.dropFirst()[...]
        while let argument = rest.popFirst() {
            let expressions = ActionMetadata.expressions(in: argument)
            if expressions.isEmpty {
                // `--option` then `${{ inputs.NAME }}`: an input that may be empty.
                let value = rest.popFirst() ?? ""
                let read = ActionMetadata.expressions(in: value).compactMap(ActionMetadata.inputsRead(by:))
                #expect(argument.hasPrefix("--") && !argument.contains("=") && value.hasPrefix("${{")
                        && value.hasSuffix("}}") && read.count == 1 && !secrets.contains(read[0]),
                        "\(argument) \(value): an option followed by one input")
                continue
            }
            let read = expressions.compactMap(ActionMetadata.inputsRead(by:))
            #expect(expressions.count == 1 && read.count == 1 && !secrets.contains(read[0]), "\(argument)")
            let isFlagChoice = argument == "--${{ \(expressions[0]) }}" && ActionMetadata.Choice(expressions[0]) != nil
            #expect((argument.hasPrefix("-") && argument.contains("=")) || isFlagChoice,
                    "\(argument): one --option=value argument, or a choice of two flags")
        }
        let passed = Set(args.flatMap(ActionMetadata.expressions(in:)).compactMap(ActionMetadata.inputsRead(by:)))
        #expect(passed == Set(metadata.inputs.keys).subtracting(secrets))
    }

    /// The default of max-attempts is config-api's own.
    @Test func maxAttemptsDefaultIsConfigAPIs() throws {
        let help = try HostTools.configAPI(["dispatch", "--help"])
        let option = try #require(help.range(of: "--max-attempts <max-attempts>"))
        let defaultValue = try #require(help[option.upperBound...]
            .range(of: #"\(default: ([0-9]+)\)"#, options: .regularExpression))
        let digits = help[defaultValue].filter(\.isNumber)
        #expect(try ActionMetadata.load().inputs["max-attempts"]?.default == String(digits))
    }

    /// `runs.args`, evaluated with the defaults, are options this config-api accepts: a dry run
    /// in a clone, with the event at the path the default names.
    @Test func argumentsAreOptionsConfigAPIAccepts() throws {
        let metadata = try ActionMetadata.load()
        let folder = try Command.temporaryFolder("action-arguments")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bare = try FixtureGit.bareRepository(in: folder, name: "remote",
                                                 files: ["projects/myproject.yaml": try FixtureGit.exampleProject()])
        let clone = folder.appendingPathComponent("clone")
        try FixtureGit.run(["clone", "--quiet", bare.path, clone.path])
        let event = folder.appendingPathComponent("event.json")
        try ActionEntrypointTests.event.write(to: event, atomically: true, encoding: .utf8)

        let inputs = try metadata.resolvedInputs(with: ["event-path": event.path], githubToken: "unused")
        let arguments = try (metadata.runs.args ?? []).map {
            try ActionMetadata.evaluate($0, inputs: inputs, githubToken: "unused")
        }
        // Not the environment of a CI job this test may run in: no outputs, no token.
        let environment = FixtureGit.environment.filter {
            !$0.key.hasPrefix("GITHUB_") && !$0.key.hasPrefix("CONFIG_API_")
        }
        let dryRun = try Command.run(HostTools.configAPIPath, arguments + ["--dry-run"], in: clone,
                                     environment: environment)
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        #expect(dryRun.standardOutput.contains("+          hash: 3f2c1a9"))
        #expect(try FixtureGit.run(["rev-list", "--count", "main"], in: bare) == "1")
    }

    /// scripts/pin-action (the release workflow's step) replaces the placeholder with a digest
    /// once, and refuses a second time or a reference that is not by digest.
    @Test func pinActionRewritesThePlaceholderOnce() throws {
        let folder = try Command.temporaryFolder("pin-action")
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("action.yml")
        try FileManager.default.copyItem(at: ActionMetadata.file, to: copy)
        let script = Command.repositoryRoot.appendingPathComponent("scripts/pin-action").path
        let digest = "sha256:" + String(repeating: "3c", count: 32)

        #expect(try Command.run(script, ["ghcr.io/injunweb/config-api:0.1.0", copy.path]).status != 0)
        try Command.check(script, ["ghcr.io/injunweb/config-api@\(digest)", copy.path])
        let pinned = try ActionMetadata.load(copy)
        #expect(pinned.runs.image == "docker://ghcr.io/injunweb/config-api@\(digest)")
        #expect(pinned.imageDigest == digest)
        #expect(pinned.runs.args == (try ActionMetadata.load()).runs.args)
        let again = try Command.run(script, ["ghcr.io/injunweb/config-api@\(digest)", copy.path])
        #expect(again.status != 0 && again.standardError.contains("0 placeholder"))
    }
}
