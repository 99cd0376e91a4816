import Foundation
import TestSupport
import Testing

/// Builds that finish out of order (docs/contract.md#deploy-order): 40 builds of one
/// application, whose commits form a chain in its source repository, dispatched in shuffled
/// order with random delays, 8 at a time, as real `config-api dispatch` processes against the
/// loopback smart-HTTP server. The newest lands, the project file's history never goes back,
/// and every older build that arrives after a newer one ends `superseded`.
@Suite(.serialized) struct OutOfOrderStormTests {
    static let file = "projects/shop.yaml"
    static let path = "projects/shop/applications/api"
    static let builds = 40

    static let project = """
        applications:
            - name: api
              git:
                  type: github
                  owner: shop
                  repo: api-source
                  branch: main
                  hash: ~
              port: 8080

        """

    @Test func ancestryKeepsTheNewestBuild() throws {
        let storm = try Storm()
        let source = try SourceRepository(at: storm.folder.child("api-source"), length: Self.builds, forkAt: 20)
        let flags = ["--require-ancestry", "--source-url", storm.folder.child("{repo}"),
                     "--source-cache", storm.folder.child("source-cache")]
        let results = try storm.dispatch(source.chain, order: nil, flags: flags)
        try storm.expectNewestWins(results, chain: source.chain)

        let diverged = try storm.dispatchOne(hash: source.side, order: nil, flags: flags)
        #expect(diverged.status == 65, "\(diverged.standardError)")
        #expect(diverged.standardError.contains("does not descend from the deployed \(source.chain.last!)"))
        #expect(try storm.deployedHashes().last == source.chain.last)
        let allowed = try storm.dispatchOne(hash: source.side, order: nil, flags: flags + ["--allow-diverged"])
        #expect(allowed.status == 0 && allowed.outputs["changed"] == "true", "\(allowed.standardError)")
        #expect(try storm.deployedHashes().last == source.side)
    }

    @Test func orderingKeysKeepTheNewestBuild() throws {
        let storm = try Storm()
        let hashes = (0..<Self.builds).map { String(format: "%07x", 0xb0000 + $0 * 7919) }
        let results = try storm.dispatch(hashes, order: { #"{"key": "\#(1_767_225_600 + $0 * 60)"}"# }, flags: [])
        try storm.expectNewestWins(results, chain: hashes)
        let keys = try storm.remote.log("%(trailers:key=Config-API-Order,valueonly)").filter { !$0.isEmpty }
        #expect(keys.count == results.filter { $0.outputs["changed"] == "true" }.count)
        #expect(keys.first == "\(Self.path) \(1_767_225_600 + (Self.builds - 1) * 60)")
    }

    /// One dispatch process's end: its exit, output, and `$GITHUB_OUTPUT`.
    struct Run {
        let hash: String
        let status: Int32
        let standardOutput: String
        let standardError: String
        let outputs: [String: String]
    }

    /// The GitOps repository behind the smart-HTTP server, and the dispatches.
    struct Storm {
        let folder: TemporaryFolder
        let remote: BareRepository
        let server: GitHTTPServer

        init() throws {
            folder = try TemporaryFolder()
            remote = try BareRepository.seeded(
                in: folder, files: [OutOfOrderStormTests.file: OutOfOrderStormTests.project])
            server = try GitHTTPServer(root: folder.path, token: "storm-token")
        }

        /// Dispatches one build per hash (the newest last), shuffled, 8 at a time, each after a
        /// random delay; `order(index)` is the payload's `order` object, if any.
        func dispatch(_ hashes: [String], order: (@Sendable (Int) -> String)?, flags: [String]) throws -> [Run] {
            var generator = SystemRandomNumberGenerator()
            let queue = WorkQueue(Array(hashes.indices).shuffled(using: &generator))
            let results = Results()
            let failures = Results()
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                while let index = queue.next() {
                    Thread.sleep(forTimeInterval: Double.random(in: 0...0.3))
                    do {
                        results.add(try dispatchOne(hash: hashes[index], order: order?(index), flags: flags))
                    } catch {
                        failures.add(Run(hash: hashes[index], status: -1, standardOutput: "", standardError: "\(error)",
                                         outputs: [:]))
                    }
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all.map(\.standardError))")
            return results.all
        }

        func dispatchOne(hash: String, order: String?, flags: [String]) throws -> Run {
            let run = try TemporaryFolder("config-api-dispatch")
            let orderJSON = order.map { #", "order": \#($0)"# } ?? ""
            let event = #"{"client_payload": {"path": "\#(OutOfOrderStormTests.path)", "#
                + #""spec": {"git": {"hash": "\#(hash)"}}\#(orderJSON)}}"#
            try event.write(toFile: run.child("event.json"), atomically: true, encoding: .utf8)
            _ = FileManager.default.createFile(atPath: run.child("output"), contents: nil)
            let result = try ConfigAPIProcess.run(
                ["dispatch", "--event", run.child("event.json"), "--remote", server.url("remote.git"),
                 "--branch", "main", "--author", "Build <build@example.com>"] + flags,
                environment: ConfigAPIProcess.environment([
                    "CONFIG_API_TOKEN": server.token, "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": run.child("output"),
                ]))
            let outputs = githubOutputs(try String(contentsOfFile: run.child("output"), encoding: .utf8))
            return Run(hash: hash, status: result.status, standardOutput: result.standardOutput,
                       standardError: result.standardError, outputs: outputs)
        }

        /// The hashes the project file's history set, oldest first (from `git log -p`).
        func deployedHashes() throws -> [String] {
            let log = try GitCLI.run(["log", "--reverse", "-p", "--format=commit %H", "main", "--",
                                      OutOfOrderStormTests.file], in: remote.path)
            return log.split(separator: "\n").compactMap { line in
                guard line.hasPrefix("+"), let value = line.split(separator: "hash: ").last, line.contains("hash: ")
                else { return nil }
                return value == "~" ? nil : value.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }

        /// Every build exited 0; the newest is deployed; the history only moved forward along
        /// `chain`; each build either landed or ended superseded, saying so on stdout and in
        /// its outputs; and builds that arrived late were superseded.
        func expectNewestWins(_ runs: [Run], chain: [String]) throws {
            #expect(runs.count == chain.count)
            for run in runs {
                #expect(run.status == 0, "\(run.hash): \(run.standardError)")
                let landed = run.outputs["changed"] == "true"
                let superseded = run.outputs["superseded"] == "true"
                #expect(landed != superseded && run.outputs["held"] == "false", "\(run.hash): \(run.outputs)")
                let lines = run.standardOutput.split(separator: "\n")
                let notice = "superseded: \(OutOfOrderStormTests.path): \(run.hash) "
                #expect(!superseded || lines.contains { $0.hasPrefix(notice) }, "\(run.standardOutput)")
                #expect(!superseded || lines.contains { $0.hasPrefix("::notice::" + notice) }, "\(run.standardOutput)")
                #expect(!superseded || run.standardError.contains("config-api: notice: "))
            }
            let deployed = try deployedHashes()
            let positions = deployed.map { chain.firstIndex(of: $0) ?? -1 }
            #expect(positions.last == chain.count - 1, "\(positions)")
            #expect(zip(positions, positions.dropFirst()).allSatisfy { $0 < $1 }, "went back: \(positions)")
            let landed = Set(runs.filter { $0.outputs["changed"] == "true" }.map(\.hash))
            #expect(Set(deployed) == landed)
            #expect(runs.contains { $0.outputs["superseded"] == "true" })
            #expect(try remote.mergeCount() == 0)
            let attempts = runs.compactMap { $0.outputs["attempts"].flatMap { Int($0) } }
            print("out-of-order storm: \(runs.count) builds, \(landed.count) landed in order, "
                  + "\(runs.count - landed.count) superseded, attempts max \(attempts.max() ?? 0)")
        }
    }
}

/// Hands out jobs to worker threads.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var jobs: [Int]

    init(_ jobs: [Int]) {
        self.jobs = jobs.reversed()
    }

    func next() -> Int? {
        lock.withLock { jobs.popLast() }
    }
}

/// Collects runs from worker threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [OutOfOrderStormTests.Run] = []

    func add(_ run: OutOfOrderStormTests.Run) {
        lock.withLock { runs.append(run) }
    }

    var all: [OutOfOrderStormTests.Run] { lock.withLock { runs } }
}
