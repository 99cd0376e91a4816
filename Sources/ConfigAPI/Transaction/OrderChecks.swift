import GitOps
import ProjectConfig

/// The order guards and holds of hash updates, glued together (docs/contract.md#deploy-order):
/// ProjectConfig decides (``HashUpdateGuard``) from what this reads at an attempt's base with
/// GitOps — the deployed item, the relation of two commits in the source repository (a cached
/// copy, ``SourceRepositoryCache``), and the last ordering key recorded in the file's history.
struct OrderChecks {
    let order: OrderRequirement
    let allowsDiverged: Bool
    let source: SourceAddress
    let cache: SourceRepositoryCache

    /// The verdict on writing `hash` to `path`, whose file at the attempt's `base` is `current`.
    func verdict(writing hash: String, to path: ResourcePath, current: [UInt8]?,
                 at base: CommitSnapshot) throws -> HashUpdateVerdict {
        let deployed = try current.flatMap { text throws(ProjectConfigError) in try DeployedItem.read(path, in: text) }
        let guarding = HashUpdateGuard(path: path, hash: hash, order: order, allowsDiverged: allowsDiverged)
        return try guarding.verdict(
            deployed: deployed,
            sourceOrder: { deployedHash in
                guard let deployed else { return .newer }
                return try sourceOrder(of: hash, to: deployedHash, in: source.url(of: deployed))
            },
            lastKey: { try Self.lastKey(of: path, at: base) })
    }

    private func sourceOrder(of hash: String, to deployedHash: String, in url: String) throws -> SourceOrder {
        switch try cache.relation(of: hash, to: deployedHash, inRepository: url) {
        case .same: .same
        case .descendant: .newer
        case .ancestor: .older
        case .diverged: .diverged
        case .deployedUnknown: .deployedUnknown
        }
    }

    /// The last ordering key recorded for `path` (a trailer ``OrderTrailer``) in the first-parent
    /// history of its file up to `base`; nil when there is none.
    static func lastKey(of path: ResourcePath, at base: CommitSnapshot) throws -> OrderKey? {
        let history = try base.history(of: path.file)
        while let revision = try history.next() {
            for trailer in revision.trailers {
                if let key = OrderTrailer.orderKey(of: path, trailer: trailer) { return key }
            }
        }
        return nil
    }
}
