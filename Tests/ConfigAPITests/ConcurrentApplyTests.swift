import Foundation
import TestSupport
import Testing

/// Many `config-api apply` processes at once, each bumping its own application in one file:
/// every update lands exactly once, on a linear history, and every process exits 0.
@Suite(.serialized) struct ConcurrentApplyTests {
    static let file = "projects/fleet.yaml"

    /// A valid seed-style project with `count` applications `app-0` … `app-N`.
    static func fleet(_ count: Int) -> String {
        "# generated for the concurrency tests\napplications:\n"
            + (0..<count).map { index in
                """
                    - name: app-\(index)
                      git:
                          type: github
                          owner: myorg
                          repo: app-\(index)
                          branch: main
                          hash: ~
                      port: 8080

                """
            }.joined(separator: "\n")
    }

    static func hash(_ index: Int) -> String { "c0ffee" + String(format: "%02x", index) }

    static func apply(_ index: Int) -> [String] {
        [
            "apply", "--path", "projects/fleet/applications/app-\(index)",
            "--spec", #"{"git": {"hash": "\#(hash(index))"}}"#, "--author", GitWorkspace.author,
        ]
    }

    @Test func sixtyFourWritersHalfSharingOneCloneOnALocalRemote() throws {
        let writers = 64
        let workspace = try GitWorkspace(files: [Self.file: Self.fleet(writers)])
        let ownClones = try (0..<writers / 2).map {
            try GitCLI.clone(workspace.remote.path, into: workspace.folder.child("own-\($0)"))
        }
        let statuses = try ProcessBatch.run(
            (0..<writers).map { index in
                (Self.apply(index), index < ownClones.count ? ownClones[index] : workspace.clone)
            }, environment: GitWorkspace.environment([:]), logs: workspace.folder)
        try expectEveryWriterLanded(statuses, workspace.remote)
        #expect(try workspace.status().isEmpty)
        let sharedHead = try GitCLI.run(["rev-parse", "HEAD"], in: workspace.clone)
        #expect(
            (try? GitCLI.run(["merge-base", "--is-ancestor", sharedHead, "main"], in: workspace.remote.path)) != nil)
    }

    @Test func thirtyTwoWritersCloningFromTheSmartHTTPServer() throws {
        let writers = 32
        let workspace = try GitWorkspace(files: [Self.file: Self.fleet(writers)])
        let server = try GitHTTPServer(root: workspace.folder.path, token: "s3cret-token")
        defer { server.stop() }
        let statuses = try ProcessBatch.run(
            (0..<writers).map { index in
                (Self.apply(index) + ["--remote", server.url("remote.git"), "--branch", "main"], workspace.folder.path)
            }, environment: GitWorkspace.environment(["CONFIG_API_TOKEN": server.token]), logs: workspace.folder)
        try expectEveryWriterLanded(statuses, workspace.remote)
    }

    private func expectEveryWriterLanded(_ results: [ProcessBatch.Outcome], _ remote: BareRepository) throws {
        let writers = results.count
        for (index, result) in results.enumerated() {
            #expect(result.status == 0, "writer \(index): \(result.standardError)")
        }
        #expect(try remote.commitCount() == writers + 1)
        #expect(try remote.mergeCount() == 0)
        let subjects = try remote.log("%s").dropLast()
        #expect(Set(subjects) == Set((0..<writers).map { "apply projects/fleet/applications/app-\($0)" }))
        #expect(subjects.count == writers)
        let content = try remote.content(of: Self.file)
        for index in 0..<writers {
            #expect(content.components(separatedBy: "hash: \(Self.hash(index))\n").count == 2, "app-\(index)")
        }
    }
}

/// Starts many processes at once and waits for all of them, their output in files (pipes
/// could fill up while the test waits for another process).
enum ProcessBatch {
    struct Outcome {
        var status: Int32
        var standardError: String
    }

    static func run(
        _ jobs: [(arguments: [String], directory: String)], environment: [String: String],
        logs: TemporaryFolder
    ) throws -> [Outcome] {
        let processes = try jobs.enumerated().map { index, job in
            let process = Process()
            process.executableURL = PackageFiles.configAPI
            process.arguments = job.arguments
            process.currentDirectoryURL = URL(fileURLWithPath: job.directory)
            process.environment = environment
            let log = logs.child("writer-\(index).err")
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = FileHandle.nullDevice
            return (process, log)
        }
        for (process, _) in processes { try process.run() }
        return try processes.map { process, log in
            process.waitUntilExit()
            return Outcome(
                status: process.terminationStatus, standardError: try String(contentsOfFile: log, encoding: .utf8))
        }
    }
}
