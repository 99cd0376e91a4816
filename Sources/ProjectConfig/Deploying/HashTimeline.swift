/// The hashes an application was deployed with, newest first, as `rollback` reads them from the
/// history (docs/contract.md#history-rollback-and-holds): a repeat of the previous entry is
/// not a new entry, and `~` (never built) is no hash.
public struct HashTimeline: Sendable, Equatable {
    /// The hashes, newest first; the first is the one deployed now.
    public private(set) var hashes: [String] = []

    public init() {}

    /// Records the hash of the next older version (nil: none).
    public mutating func addOlder(_ hash: String?) {
        guard let hash, hash != hashes.last else { return }
        hashes.append(hash)
    }

    /// The hash `steps` deployments before the current one; nil when the history is shorter.
    public func hash(stepsBack steps: Int) -> String? {
        steps < hashes.count ? hashes[steps] : nil
    }

    /// The hash of the timeline that `prefix` names (either abbreviates the other, in any letter
    /// case); nil when none does. Two different matches are refused.
    public func hash(matching prefix: String, of path: ResourcePath) throws(ProjectConfigError) -> String? {
        let wanted = prefix.lowercased()
        let matches = Set(hashes.filter { hash in
            let known = hash.lowercased()
            return known.hasPrefix(wanted) || wanted.hasPrefix(known)
        })
        guard matches.count <= 1 else {
            let listed = matches.sorted().joined(separator: ", ")
            throw ProjectConfigError(
                .invalidRequest,
                "--to \(prefix) matches several hashes \(path) was deployed with (\(listed)); give more digits")
        }
        return matches.first
    }
}
