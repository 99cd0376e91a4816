/// A caller's ordering key for a hash update (`--order-key`, a dispatch payload's `order.key`):
/// a non-negative integer such as the source commit's time in Unix seconds or a build number,
/// compared numerically with the last one recorded for the item (docs/contract.md#deploy-order).
///
/// Only integers are accepted: compared as text, `9` would come after `10` and a timestamp in
/// another format or time zone would sort wrongly, silently deploying an older build. An
/// integer has one order and one spelling.
public struct OrderKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The key's value.
    public let value: Int64

    public init(_ value: Int64) {
        self.value = value
    }

    /// Reads `text`: 1 to 19 decimal digits, at most 9223372036854775807. Anything else is
    /// ``ProjectConfigError/Kind/invalidRequest``, naming `origin` (`--order-key`, `order.key`).
    public init(parsing text: String, origin: String) throws(ProjectConfigError) {
        guard !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let value = Int64(text) else {
            throw ProjectConfigError(
                .invalidRequest,
                "\(origin) '\(DisplayText.sanitized(text))' is not an ordering key: use a non-negative integer "
                    + "(the source commit's time in Unix seconds, a build number), at most 9223372036854775807")
        }
        self.value = value
    }

    public static func < (lhs: OrderKey, rhs: OrderKey) -> Bool { lhs.value < rhs.value }

    /// The decimal digits, without leading zeros.
    public var description: String { String(value) }
}

/// The commit trailer that records an ordering key for one item:
/// `Config-API-Order: projects/P/applications/N KEY`. One trailer names both, so a batch commit
/// records one per item it updates and no pairing of separate trailers can go wrong.
public enum OrderTrailer {
    /// The trailer's key.
    public static let key = "Config-API-Order"

    /// The trailer's value for `orderKey` of `path`: `projects/P/applications/N KEY`.
    public static func value(_ path: ResourcePath, _ orderKey: OrderKey) -> String {
        "\(path) \(orderKey)"
    }

    /// The ordering key a trailer `key: value` records for `path`; nil when it is another
    /// trailer, names another item, or is not in config-api's form.
    public static func orderKey(of path: ResourcePath, trailer: (key: String, value: String)) -> OrderKey? {
        guard trailer.key.lowercased() == key.lowercased() else { return nil }
        let words = trailer.value.split(separator: " ")
        guard words.count == 2, words[0] == path.description else { return nil }
        return try? OrderKey(parsing: String(words[1]), origin: key)
    }
}

/// What order an update of an application's `git.hash` must keep (`--require-ancestry`,
/// `--order-key`, or a dispatch payload's `order`); both may be asked for at once.
public struct OrderRequirement: Sendable, Equatable {
    /// The new commit must descend from the deployed one in the application's source repository.
    public var ancestry: Bool
    /// The key must be greater than the last one recorded for the item.
    public var key: OrderKey?

    public init(ancestry: Bool = false, key: OrderKey? = nil) {
        self.ancestry = ancestry
        self.key = key
    }

    /// No order required.
    public static let none = OrderRequirement()

    /// Whether any check is asked for.
    public var isRequired: Bool { ancestry || key != nil }

    /// Both requirements together: ancestry when either asks for it; the key of `other` when
    /// this one has none. Two different keys are refused.
    public func combined(with other: OrderRequirement) throws(ProjectConfigError) -> OrderRequirement {
        if let key, let otherKey = other.key, key != otherKey {
            throw ProjectConfigError(
                .invalidRequest, "two ordering keys, \(key) and \(otherKey) (--order-key and the payload's order.key)")
        }
        return OrderRequirement(ancestry: ancestry || other.ancestry, key: key ?? other.key)
    }
}
