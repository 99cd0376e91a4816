import Foundation
@testable import GitOps
import TestSupport
import Testing

/// Ancestry questions answered from cached copies of source repositories.
@Suite struct SourceRepositoryCacheTests {
    static func source(in folder: TemporaryFolder, length: Int = 4) throws -> SourceRepository {
        isolatedFromMachineGitConfig
        return try SourceRepository(at: folder.child("source"), length: length)
    }

    static func cache(_ folder: TemporaryFolder) -> SourceRepositoryCache {
        SourceRepositoryCache(folder: folder.child("cache/sources"), credentials: Credentials(), logger: quietLogger)
    }

    @Test func relationsOfCommits() throws {
        let folder = try TemporaryFolder()
        let source = try Self.source(in: folder)
        let cache = Self.cache(folder)
        let relation = { (new: String, old: String) in try cache.relation(of: new, to: old, inRepository: source.path) }
        #expect(try relation(source.chain[3], source.chain[1]) == .descendant)
        #expect(try relation(source.chain[1], source.chain[3]) == .ancestor)
        #expect(try relation(String(source.chain[2].prefix(7)), source.chain[2]) == .same)
        #expect(try relation(source.side, source.chain[2]) == .diverged)
        #expect(try relation(source.chain[3], "0000000") == .deployedUnknown)
        #expect(throws: GitOpsError.unknownSourceCommit(remote: source.path, commit: "abcdef1")) {
            try relation("abcdef1", source.chain[0])
        }
    }

    /// Commits never change: once both are in the copy, the answer comes without the source
    /// (here moved away), and only an unknown commit makes the cache fetch again.
    @Test func theCopyIsReusedWithoutFetching() throws {
        let folder = try TemporaryFolder()
        let source = try Self.source(in: folder)
        let cache = Self.cache(folder)
        #expect(try cache.relation(of: source.chain[3], to: source.chain[0], inRepository: source.path) == .descendant)
        try FileManager.default.moveItem(atPath: source.path, toPath: folder.child("moved"))
        #expect(try cache.relation(of: source.chain[1], to: source.side, inRepository: source.path) == .diverged)
        #expect(throws: GitOpsError.self) {
            try cache.relation(of: "abcdef1", to: source.chain[0], inRepository: source.path)
        }
        let copies = try FileManager.default.contentsOfDirectory(atPath: cache.folder)
        #expect(copies.count == 1 && copies[0].hasPrefix("source-") && copies[0].hasSuffix(".git"))
    }

    /// Eight threads, each with its own lock description, ask at once about a new source: the
    /// copy is made once, and every answer is right.
    @Test func concurrentRunsShareOneCopy() throws {
        let folder = try TemporaryFolder()
        let source = try Self.source(in: folder, length: 8)
        let cache = Self.cache(folder)
        let results = onThreads(8) { index in
            try cache.relation(of: source.chain[7], to: source.chain[index], inRepository: source.path)
        }
        for (index, result) in results.enumerated() {
            #expect(try result.get() == (index == 7 ? .same : .descendant))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.folder).count == 1)
    }

    @Test func folderNamesNeverHoldCredentialsAndDifferByAddress() {
        let withToken = SourceRepositoryCache.folderName(for: "https://x-access-token:s3cret@github.com/org/app.git")
        let plain = SourceRepositoryCache.folderName(for: "https://github.com/org/app.git")
        #expect(withToken == plain && plain.hasPrefix("app-") && !withToken.contains("s3cret"))
        #expect(SourceRepositoryCache.folderName(for: "https://github.com/other/app.git") != plain)
        #expect(SourceRepositoryCache.folderName(for: "/srv/git/../x y.git").hasPrefix("xy-"))
    }
}
