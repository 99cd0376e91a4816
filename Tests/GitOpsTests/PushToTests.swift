import Foundation
import GitOps
import Logging
import TestSupport
import Testing

/// `--push-to`: the commit is built on the branch's tip and goes to another branch, created or
/// replaced under a lease, over a local path and over smart HTTP; the branch itself never moves.
@Suite struct PushToTests {
    static let target = "config-api/demo/app-01"

    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case localPath, smartHTTP
        var testDescription: String { rawValue }
    }

    /// A seeded remote reached as `kind`, and a way to start a transaction aimed at `target`.
    struct Setting {
        let remote: BareRepository
        let competitor: String
        let kind: Kind
        let log = CollectingLogHandler()
        let makeTransaction: (Logger) throws -> PushTransaction
        private let keepAlive: [Any]

        init(_ kind: Kind) throws {
            self.kind = kind
            switch kind {
            case .localPath:
                let workspace = try LocalWorkspace()
                let clone = try workspace.clone("clone")
                remote = workspace.remote
                competitor = try workspace.clone("competitor")
                makeTransaction = { try workspace.transaction(in: clone, logger: $0) }
                keepAlive = [workspace.folder]
            case .smartHTTP:
                let workspace = try HTTPWorkspace()
                remote = workspace.remote
                competitor = try workspace.cliClone("competitor")
                let repository = try workspace.temporaryClone()
                makeTransaction = { workspace.transaction(repository, logger: $0) }
                keepAlive = [workspace.folder, workspace.server, repository]
            }
        }

        /// Sets application `index` to `value`, pushing to `target`.
        func update(_ index: Int, to value: String,
                    edit: ((_ current: [UInt8]?) throws -> [UInt8])? = nil) throws -> TransactionOutcome {
            var transaction = try makeTransaction(log.logger)
            transaction.targetBranch = PushToTests.target
            return try transaction.commit(file: DemoFile.path, message: "set \(index)", push: true,
                                          edit: edit ?? DemoFile.setting(index, to: value))
        }

        func tip(_ branch: String) throws -> String {
            try GitCLI.run(["rev-parse", "refs/heads/\(branch)"], in: remote.path)
        }

        func parent(of commit: String) throws -> String {
            try GitCLI.run(["rev-parse", "\(commit)^"], in: remote.path)
        }
    }

    @Test(arguments: Kind.allCases)
    func theTargetIsCreatedThenMovedAndMainIsUntouched(kind: Kind) throws {
        let setting = try Setting(kind)
        let seed = try setting.remote.tip()

        let first = try setting.update(1, to: "first")
        #expect(first.changed && first.attempts == 1 && first.branch == Self.target)
        #expect(try setting.tip(Self.target) == first.commit)
        #expect(try setting.parent(of: first.commit!) == seed)
        #expect(try setting.remote.tip() == seed, "main never moves")

        try GitCLI.commitAndPush(in: setting.competitor, file: DemoFile.path, message: "theirs") {
            $0.replacingOccurrences(of: "app-03: initial", with: "app-03: theirs")
        }
        let main = try setting.remote.tip()
        let second = try setting.update(1, to: "second")
        #expect(second.branch == Self.target && second.commit != first.commit)
        #expect(try setting.tip(Self.target) == second.commit)
        #expect(try setting.parent(of: second.commit!) == main, "built on main's new tip, not on the old target")
        #expect(try setting.remote.tip() == main)
        let content = try GitCLI.run(["show", "\(Self.target):\(DemoFile.path)"], in: setting.remote.path) + "\n"
        #expect(DemoFile.has(content, 1, "second") && DemoFile.has(content, 3, "theirs"))
    }

    /// Another writer moves the target after the attempt fetched it: the lease is broken,
    /// nothing is overwritten, and the next attempt (which sees the new value) lands.
    @Test(arguments: Kind.allCases)
    func aTargetMovedAfterTheFetchIsALostRace(kind: Kind) throws {
        let setting = try Setting(kind)
        let seed = try setting.remote.tip()
        let first = try #require(try setting.update(1, to: "first").commit)
        var attempts = 0
        let outcome = try setting.update(1, to: "second") { current in
            attempts += 1
            if attempts == 1 {
                try GitCLI.run(["update-ref", "refs/heads/\(Self.target)", seed, first], in: setting.remote.path)
            }
            return try DemoFile.setting(1, to: "second")(current)
        }
        #expect(outcome.attempts == 2)
        #expect(try setting.tip(Self.target) == outcome.commit)
        if kind == .smartHTTP {
            #expect(setting.log.count(of: "\(Self.target) moved since the attempt fetched it") == 1,
                    "\(setting.log.text)")
        }
    }

    /// The target moves while the server runs the push's hooks, after the lease was checked
    /// against the advertisement: the server's compare-and-swap refuses the update, the target
    /// has moved, so it is a lost race, retried.
    @Test(arguments: Kind.allCases)
    func aTargetMovedWhileTheHooksRunIsALostRace(kind: Kind) throws {
        let setting = try Setting(kind)
        let seed = try setting.remote.tip()
        _ = try setting.update(1, to: "first")
        let marker = setting.remote.path + "/moved-once"
        try setting.remote.installHook("pre-receive", script: """
            [ -e '\(marker)' ] && exit 0
            touch '\(marker)'
            env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES \\
                git update-ref refs/heads/\(Self.target) \(seed)
            """)
        let outcome = try setting.update(1, to: "second")
        #expect(FileManager.default.fileExists(atPath: marker))
        #expect(outcome.attempts == 2)
        #expect(try setting.tip(Self.target) == outcome.commit)
        #expect(try setting.remote.tip() == seed)
        if kind == .smartHTTP {
            #expect(setting.log.count(of: "and \(Self.target) moved: a lost race") == 1, "\(setting.log.text)")
        }
    }
}
