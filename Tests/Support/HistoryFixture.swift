import Foundation

/// A GitOps repository with a long history of one project file, built in one `git fast-import`
/// run: `projects/fleet.yaml` with `applications` applications in the style of the example
/// projects, then one commit per change, as the build pipeline makes them. Most changes bump
/// one application's hash; the others change a port, rename a domain, or add a comment line
/// above an application. Authors, times and messages vary. The history of the test that
/// checks `config-api history` and of the `ConfigAPIBench history` benchmark.
public struct HistoryFixture: Sendable {
    /// The file every commit changes.
    public static let file = "projects/fleet.yaml"

    /// The bare repository (branch `main`).
    public let repository: BareRepository
    /// Commits in all, the seed included.
    public let commits: Int

    /// Builds `<folder>/<name>.git` with `changes` commits after the seed, from `seed`.
    public init(in folder: TemporaryFolder, name: String = "fleet", applications: Int = 20, changes: Int = 9_999,
                seed: UInt64 = 42) throws {
        let path = folder.child("\(name).git")
        try GitCLI.run(["init", "--quiet", "--bare", "--initial-branch", "main", path])
        var model = Fleet(applications: applications)
        var random = SeededGenerator(seed: seed)
        var stream = Data()
        Self.appendCommit(to: &stream, mark: 1, parent: nil, author: "Seed <seed@example.com>", time: 1_767_225_600,
                          message: "seed", content: model.text)
        for index in 1...changes {
            let message = model.change(index, random: &random)
            Self.appendCommit(to: &stream, mark: index + 1, parent: index, author: Self.authors[index % 3],
                              time: 1_767_225_600 + index * 60, message: message, content: model.text)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", path, "fast-import", "--quiet"]
        process.environment = GitCLI.environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(stream)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureFailure(description: "git fast-import exited \(process.terminationStatus)")
        }
        repository = BareRepository(path: path, branch: "main")
        commits = changes + 1
    }

    private static let authors = [
        "Build Bot <bot@example.com>", "Ada Lovelace <ada@example.com>", "Grace Hopper <grace@example.com>",
    ]

    private static func appendCommit(to stream: inout Data, mark: Int, parent: Int?, author: String, time: Int,
                                     message: String, content: String) {
        let body = Data(content.utf8)
        var head = "commit refs/heads/main\nmark :\(mark)\nauthor \(author) \(time) +0000\n"
        head += "committer \(author) \(time) +0000\ndata \(message.utf8.count)\n\(message)\n"
        if let parent { head += "from :\(parent)\n" }
        head += "M 100644 inline \(file)\ndata \(body.count)\n"
        stream.append(Data(head.utf8))
        stream.append(body)
        stream.append(Data("\n".utf8))
    }
}

/// The fixture's project file as a model: its applications' fields and comments.
private struct Fleet {
    struct Application {
        var hash: String?
        var port: Int
        var domain: String
        var comments: [String] = []
    }

    var applications: [Application]

    init(applications count: Int) {
        applications = (0..<count).map { Application(hash: nil, port: 8000 + $0, domain: "app-\($0).example.com") }
    }

    /// Changes one thing; returns the commit message.
    mutating func change(_ index: Int, random: inout SeededGenerator) -> String {
        let target = Int(random.next() % UInt64(applications.count))
        let path = "projects/fleet/applications/app-\(target)"
        switch random.next() % 100 {
        case 0..<75:
            applications[target].hash = String(String(random.next(), radix: 16).prefix(7 + index % 34))
                .padding(toLength: 7, withPad: "0", startingAt: 0)
            return "apply \(path)"
        case 75..<90:
            applications[target].port = 8000 + Int(random.next() % 1000)
            return "apply \(path)\n\nport change"
        case 90..<98:
            applications[target].domain = "app-\(target)-\(index).example.com"
            return "apply \(path)"
        default:
            applications[target].comments.append("note \(index)")
            return "comment on app-\(target)"
        }
    }

    var text: String {
        var text = "# Project \"fleet\": a long history for config-api history.\napplications:\n"
        for (index, application) in applications.enumerated() {
            text += application.comments.map { "    # \($0)\n" }.joined()
            text += """
                    - name: app-\(index)
                      git:
                          type: github
                          owner: myorg
                          repo: app-\(index)
                          branch: main
                          hash: \(application.hash.map { "\"\($0)\"" } ?? "~")
                      port: \(application.port)
                      domains:
                          - \(application.domain)

                """
        }
        return text
    }
}
