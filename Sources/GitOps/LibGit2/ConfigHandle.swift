internal import CLibGit2

/// Owns one `git_config *`: a read-only snapshot of a repository's configuration (its own file,
/// then the global and system ones).
final class ConfigHandle: OwnedPointer {
    init(snapshotOf repository: RepositoryHandle) throws {
        var config: OpaquePointer?
        try LibGit2.check(git_repository_config_snapshot(&config, repository.pointer), "read the configuration")
        super.init(config!, release: git_config_free)
    }

    /// The path-valued setting `name` (`core.hooksPath`), with a leading `~/` expanded as git
    /// does; nil when it is not set.
    func path(_ name: String) throws -> String? {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        let code = git_config_get_path(&buffer, pointer, name)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try LibGit2.check(code, "read \(name)")
        return buffer.ptr.map { String(cString: $0) }
    }
}
