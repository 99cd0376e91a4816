/// How the new commit stands to the deployed one in the application's source repository, as
/// the executable found it (with GitOps): the input of ``HashUpdateGuard``.
public enum SourceOrder: Sendable, Equatable {
    /// The same commit (one hash abbreviates the other).
    case same
    /// The new commit descends from the deployed one.
    case newer
    /// The new commit is an ancestor of the deployed one.
    case older
    /// Neither descends from the other.
    case diverged
    /// The deployed commit is on no branch or tag of the source repository.
    case deployedUnknown
}

/// What an attempt may do with an update of an application's `git.hash`.
public enum HashUpdateVerdict: Sendable, Equatable {
    /// Write it.
    case proceed
    /// The new hash names the deployed commit: nothing to write.
    case unchanged
    /// Something newer is deployed (why, as a phrase after the hash: "is older than …"):
    /// nothing is written, exit 0.
    case superseded(String)
    /// The application is held (the hold's reason, made safe to print): nothing is written, exit 0.
    case held(String)
}

/// The order guards and the hold of one hash update (docs/contract.md#deploy-order), judged on
/// the item as an attempt's base holds it: a retry judges again, since the deployed hash may
/// have changed in between.
public struct HashUpdateGuard: Sendable {
    /// The application.
    public let path: ResourcePath
    /// The hash the update writes.
    public let hash: String
    /// The order asked for.
    public let order: OrderRequirement
    /// An explicit rollback: order and holds let it through.
    public let isRollback: Bool
    /// `--allow-diverged`: a commit that does not descend from the deployed one is written anyway.
    public let allowsDiverged: Bool

    public init(path: ResourcePath, hash: String, order: OrderRequirement, isRollback: Bool = false,
                allowsDiverged: Bool = false) {
        self.path = path
        self.hash = hash
        self.order = order
        self.isRollback = isRollback
        self.allowsDiverged = allowsDiverged
    }

    /// The verdict for the item `deployed` (nil: absent, which the edit itself refuses).
    /// `sourceOrder` is asked (with the deployed hash) only when ancestry is required and a hash
    /// is deployed; `lastKey` only when a key is. A diverged commit is refused
    /// (``ProjectConfigError/Kind/outOfOrder``, exit 65) unless allowed.
    public func verdict(
        deployed: DeployedItem?, sourceOrder: (_ deployedHash: String) throws -> SourceOrder,
        lastKey: () throws -> OrderKey?
    ) throws -> HashUpdateVerdict {
        guard let deployed, deployed.hash != hash else { return .proceed }
        if isRollback { return .proceed }
        if let reason = deployed.hold { return .held(DisplayText.sanitized(reason, limit: HoldReason.maximumLength)) }
        if order.ancestry, let current = deployed.hash {
            switch try sourceOrder(current) {
            case .same: return .unchanged
            case .newer: break
            case .older: return .superseded("is older than the deployed \(current) (one of its ancestors)")
            case .diverged where !allowsDiverged:
                throw refusal("\(hash) does not descend from the deployed \(current), nor the other way round")
            case .deployedUnknown where !allowsDiverged:
                throw refusal("the deployed \(current) is on no branch or tag of the source repository")
            case .diverged, .deployedUnknown: break
            }
        }
        if let key = order.key, let last = try lastKey(), key <= last {
            return .superseded("has the ordering key \(key), not greater than \(last), the last one recorded")
        }
        return .proceed
    }

    private func refusal(_ reason: String) -> ProjectConfigError {
        ProjectConfigError(
            .outOfOrder,
            "refusing to deploy \(hash) to \(path): \(reason); --allow-diverged deploys it anyway",
            file: path.file)
    }
}
