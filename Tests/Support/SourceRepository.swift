/// An application's source repository for the order tests: `main` is a chain of commits, the
/// builds in the order they were made; `side` forks from an earlier one, so its commit neither
/// descends from main's tip nor precedes it.
public struct SourceRepository: Sendable {
    /// The repository folder (a local-path address).
    public let path: String
    /// main's commits, oldest first.
    public let chain: [String]
    /// The commit of `side`.
    public let side: String

    /// Creates the repository at `path` with `length` commits on main and `side` forked from
    /// `chain[forkAt]`.
    public init(at path: String, length: Int, forkAt: Int = 0) throws {
        try GitCLI.run(["init", "--quiet", "--initial-branch", "main", path])
        var chain: [String] = []
        for index in 0..<length {
            try GitCLI.run(["commit", "--quiet", "--allow-empty", "-m", "build \(index)"], in: path)
            chain.append(try GitCLI.run(["rev-parse", "HEAD"], in: path))
        }
        try GitCLI.run(["checkout", "--quiet", "-b", "side", chain[forkAt]], in: path)
        try GitCLI.run(["commit", "--quiet", "--allow-empty", "-m", "side"], in: path)
        side = try GitCLI.run(["rev-parse", "HEAD"], in: path)
        try GitCLI.run(["checkout", "--quiet", "main"], in: path)
        self.path = path
        self.chain = chain
    }
}
