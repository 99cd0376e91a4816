import Foundation
import GitOps
import TestSupport
import Testing

/// Many writers at once, each changing its own line of one file: every update lands exactly
/// once, on a linear history.
@Suite(.serialized) struct ConcurrentWritersTests {
    static let writers = 16

    /// What one writer thread reports: its attempts, and its commit.
    struct WriterReport: Sendable {
        var attempts: Int
        var commit: String
    }

    @Test func localPathRemoteOwnAndSharedClones() throws {
        let workspace = try LocalWorkspace(applications: Self.writers)
        let shared = try workspace.clone("shared")
        let ownClones = try (0..<Self.writers / 2).map { try workspace.clone("own-\($0)") }
        let started = Date()
        let results = onThreads(Self.writers) { index in
            let clone = index < ownClones.count ? ownClones[index] : shared
            let outcome = try workspace.transaction(in: clone)
                .commit(file: DemoFile.path, message: "writer \(index)", push: true,
                        edit: DemoFile.setting(index, to: "w\(index)"))
            return WriterReport(attempts: outcome.attempts, commit: outcome.commit ?? "")
        }
        let reports = try expectEveryWriterLandedOnce(results, in: workspace.remote,
                                                      elapsed: Date().timeIntervalSince(started))
        #expect(reports.allSatisfy { $0.attempts == 1 },
                "config-api writers queue on the remote's lock instead of racing")
        #expect(try GitCLI.run(["status", "--porcelain"], in: shared).isEmpty)
        let sharedHead = try GitCLI.run(["rev-parse", "HEAD"], in: shared)
        #expect(try GitCLI.run(["merge-base", "--is-ancestor", sharedHead, "main"], in: workspace.remote.path).isEmpty)
    }

    @Test func smartHTTPRemoteTemporaryClones() throws {
        let workspace = try HTTPWorkspace(applications: Self.writers)
        let url = workspace.url
        let started = Date()
        let results = onThreads(Self.writers) { index in
            let repository = try GitRepository.cloneIntoTemporaryFolder(
                url: url, branch: "main", credentials: Credentials(token: HTTPWorkspace.token))
            let outcome = try PushTransaction(repository: repository, branch: nil,
                                              credentials: Credentials(token: HTTPWorkspace.token),
                                              author: testAuthor, logger: quietLogger)
                .commit(file: DemoFile.path, message: "writer \(index)", push: true,
                        edit: DemoFile.setting(index, to: "w\(index)"))
            return WriterReport(attempts: outcome.attempts, commit: outcome.commit ?? "")
        }
        _ = try expectEveryWriterLandedOnce(results, in: workspace.remote, elapsed: Date().timeIntervalSince(started))
    }

    private func expectEveryWriterLandedOnce(_ results: [Result<WriterReport, any Error>], in remote: BareRepository,
                                             elapsed: Double) throws -> [WriterReport] {
        let reports = try results.map { try $0.get() }
        let content = try remote.content(of: DemoFile.path)
        #expect((0..<Self.writers).allSatisfy { DemoFile.has(content, $0, "w\($0)") })
        #expect(try remote.commitCount() == Self.writers + 1)
        #expect(try remote.mergeCount() == 0)
        let subjects = try remote.log("%s")
        #expect(Set(subjects.dropLast()) == Set((0..<Self.writers).map { "writer \($0)" }))
        #expect(Set(reports.map(\.commit)) == Set(try remote.log("%H").dropLast()))
        let attempts = reports.map(\.attempts)
        print("\(Self.writers) writers: \(String(format: "%.2f", elapsed)) s, "
              + "attempts max \(attempts.max()!), total \(attempts.reduce(0, +))")
        return reports
    }
}
