import Foundation
@testable import GitOps
import Logging
import TestSupport

/// Points libgit2's system, XDG and global config search paths at an empty folder, once per
/// test process, so `user.name` and friends come only from the test repositories themselves.
let isolatedFromMachineGitConfig: Void = {
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("config-api-empty-git-config").path
    try? FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    do {
        try LibGit2.searchConfigOnly(in: empty)
    } catch {
        preconditionFailure("cannot isolate libgit2 from git config: \(error)")
    }
}()

/// The file every transaction test edits, and its seeded content: one `app-NN: initial` line
/// per application, so concurrent writers can each change their own line.
enum DemoFile {
    static let path = "projects/demo.yaml"

    static func content(applications: Int) -> String {
        "# demo project\napplications:\n" + (0..<applications).map { "  \(name($0)): initial\n" }.joined()
    }

    static func name(_ index: Int) -> String {
        "app-" + (index < 10 ? "0\(index)" : "\(index)")
    }

    /// An edit that sets application `index`'s line to `value`; throws when the file is missing.
    static func setting(_ index: Int, to value: String) -> (_ current: [UInt8]?) throws -> [UInt8] {
        { current in
            guard let current else { throw FixtureFailure(description: "\(path) missing") }
            let lines = String(decoding: current, as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false)
            let prefix = "  \(name(index)):"
            let edited = lines.map { $0.hasPrefix(prefix) ? "\(prefix) \(value)" : String($0) }
            return Array(edited.joined(separator: "\n").utf8)
        }
    }

    /// Whether `text` has application `index` set to `value`.
    static func has(_ text: String, _ index: Int, _ value: String) -> Bool {
        text.contains("  \(name(index)): \(value)\n")
    }
}

/// The identity transactions in tests commit as (explicit, so global git config does not matter).
let testAuthor = CommitIdentity(name: "Transaction Test", email: "transaction@example.com")

/// A log handler that keeps every message, to check what a transaction logs.
final class CollectingLogHandler: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    /// Signalled once per message logged.
    private let logged = DispatchSemaphore(value: 0)
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.withLock { lines.append("\(event.level) \(event.message) \(event.metadata ?? [:])") }
        logged.signal()
    }

    /// Everything logged so far, one message per line.
    var text: String { lock.withLock { lines.joined(separator: "\n") } }

    /// How many messages so far contain `fragment`.
    func count(of fragment: String) -> Int {
        lock.withLock { lines.filter { $0.contains(fragment) }.count }
    }

    /// Blocks until a message containing `fragment` has been logged.
    func waitForMessage(containing fragment: String) {
        while count(of: fragment) == 0 { logged.wait() }
    }

    /// A logger writing into this handler.
    var logger: Logger {
        Logger(label: "config-api.tests") { _ in self }
    }
}

/// A logger that drops everything.
let quietLogger = Logger(label: "config-api.tests.quiet") { _ in SwiftLogNoOpLogHandler() }

/// A temporary folder with a bare remote seeded with `DemoFile`, and CLI clones of it.
struct LocalWorkspace {
    let folder: TemporaryFolder
    let remote: BareRepository

    init(applications: Int = 4, extraFiles: [String: String] = [:]) throws {
        isolatedFromMachineGitConfig
        folder = try TemporaryFolder()
        var files = extraFiles
        files[DemoFile.path] = DemoFile.content(applications: applications)
        remote = try BareRepository.seeded(in: folder, files: files)
    }

    /// A new work-tree clone made with the git CLI; returns its folder.
    func clone(_ name: String) throws -> String {
        try GitCLI.clone(remote.path, into: folder.child(name))
    }

    /// A transaction on `main` of the clone at `path`.
    func transaction(in path: String, retry: RetryPolicy = .standard, author: CommitIdentity? = testAuthor,
                     logger: Logger = quietLogger) throws -> PushTransaction {
        PushTransaction(repository: try GitRepository.open(at: path), branch: "main", credentials: Credentials(),
                        retry: retry, author: author, logger: logger)
    }
}

/// Runs `body(0..<count)` on `count` threads at once; returns each thread's result in order.
func onThreads<Value: Sendable>(_ count: Int,
                                _ body: @escaping @Sendable (Int) throws -> Value) -> [Result<Value, any Error>] {
    let results = ThreadResults<Value>()
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread {
            let result = Result { try body(index) }
            results.lock.withLock { results.values[index] = result }
            group.leave()
        }.start()
    }
    group.wait()
    return (0..<count).map { results.values[$0]! }
}

/// The results of `onThreads`, filled in by the threads under a lock.
private final class ThreadResults<Value: Sendable>: @unchecked Sendable {
    let lock = NSLock()
    var values: [Int: Result<Value, any Error>] = [:]
}

/// Reads a file of a work tree as text.
func readText(_ folder: String, _ file: String) throws -> String {
    try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
}
