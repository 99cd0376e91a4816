internal import SystemCalls

/// The hooks of a local-path remote, run as git receive-pack runs them for `git push` to a path:
/// in the remote's git folder, with `GIT_DIR=.` and `GIT_PUSH_OPTION_COUNT=0`, their standard
/// output and error together. `pre-receive` reads `OLD NEW REF` lines on its standard input,
/// `update` gets `REF OLD NEW` as arguments, both see the quarantined new objects; a non-zero
/// exit of either refuses the push. `post-receive` (same input) and `post-update` (the reference
/// names) run after the branch moved; their exit status is ignored. Hooks live in
/// `core.hooksPath` (relative to the git folder, `~/` expanded) or `hooks/`; a hook that is not
/// executable is skipped, as git skips it.
struct ReceiveHooks {
    /// The remote's git folder, where hooks run.
    let gitDirectory: String
    /// The folder the hooks are looked up in.
    let folder: String

    /// The variables git's local transport clears before it starts receive-pack, so the
    /// caller's repository settings never leak into the remote's hooks.
    private static let repositoryVariables: Set = [
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
        "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE",
        "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX", "GIT_SHALLOW_FILE",
        "GIT_COMMON_DIR", "GIT_QUARANTINE_PATH",
    ]

    /// The hooks of `repository` (a remote opened by path).
    init(of repository: RepositoryHandle) throws {
        gitDirectory = repository.commonDirectoryPath
        let configured = try ConfigHandle(snapshotOf: repository).path("core.hooksPath")
        switch configured {
        case .some(let path) where path.hasPrefix("/"): folder = path
        case .some(let path): folder = "\(gitDirectory)/\(path)"
        case nil: folder = "\(gitDirectory)/hooks"
        }
    }

    /// What a hook printed and how it ended.
    struct Run {
        var status: Int32
        var output: String
    }

    /// Runs hook `name` with `arguments`, `input` on its standard input and `environment` added;
    /// nil when there is no executable hook of that name.
    func run(_ name: String, arguments: [String] = [], input: String = "",
             environment extra: [String: String] = [:]) throws -> Run? {
        let hook = "\(folder)/\(name)"
        guard let permissions = try? FileSystem.permissions(of: hook), permissions & 0o111 != 0,
              try FileSystem.status(of: hook)?.kind != .directory else { return nil }
        var environment = ProcessEnvironment.all().filter { !Self.repositoryVariables.contains($0.key) }
        environment["GIT_DIR"] = "."
        environment["GIT_PUSH_OPTION_COUNT"] = "0"
        environment.merge(extra) { $1 }
        do {
            let scratch = ProcessEnvironment.value(of: "TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            let (inputFile, inputPath) = try FileDescriptor.createUniqueFile(in: scratch, prefix: "config-api-hook-")
            defer { try? FileSystem.removeFile(inputPath) }
            try inputFile.writeAll(input.utf8)
            let (outputFile, outputPath) = try FileDescriptor.createUniqueFile(in: scratch, prefix: "config-api-hook-")
            defer { try? FileSystem.removeFile(outputPath) }
            let process = try SpawnedProcess.start(hook, arguments, environment: environment, standardInput: inputPath,
                                                   standardOutput: outputPath, standardError: .standardOutput,
                                                   workingDirectory: gitDirectory)
            let termination = try process.waitForTermination()
            return Run(status: termination.status, output: String(decoding: try outputFile.readToEnd(), as: UTF8.self))
        } catch {
            throw GitOpsError.writeFailed(error)
        }
    }
}
