import YAMLPatch

/// The `client_payload` of a GitHub `repository_dispatch` event, read from the event file the
/// runner writes (`$GITHUB_EVENT_PATH`): the only way event data reaches config-api, never
/// through `${{ }}` in a shell (docs/contract.md#github-actions).
///
/// The payload is one request object (``ResourceRequest/init(payload:)``), or a batch
/// `{"operations": [{path, action, spec}, …]}` (docs/contract.md#batches); either may add
/// `"order": {"ancestry": true}` or `{"key": "…"}` (docs/contract.md#deploy-order). No other key
/// is accepted, and its compact JSON must stay under GitHub's own 64 KB limit, so a payload
/// GitHub would never deliver is not run either.
public enum DispatchPayload {
    /// GitHub: "The total size of the JSON payload must be less than 64KB", measured here on
    /// the compact JSON of `client_payload`.
    public static let maximumBytes = 65_535

    /// The keys of a payload besides a request's own (``ResourceRequest/payloadKeys``).
    public static let batchKey = "operations"
    public static let orderKey = "order"

    /// The largest event file read, checked before a byte of it is parsed: 128 KiB. An event is
    /// its `client_payload` (under ``maximumBytes``) and the fields GitHub adds (repository,
    /// organization, sender, installation: under 16 KB), so a larger file is no event GitHub
    /// sends, and the payload's own 64 KB check, which needs it parsed, never sees a larger text.
    public static let maximumEventBytes = 128 << 10

    /// The request of the event whose JSON text is `event`; `origin` (the event file) names it
    /// in errors. Anything wrong is ``ProjectConfigError/Kind/invalidJSON`` or
    /// ``ProjectConfigError/Kind/invalidRequest``.
    public static func request(fromEvent event: [UInt8], origin: String)
        throws(ProjectConfigError) -> DeployRequest
    {
        try request(fromEvent: JSONText.parse(event, origin: origin), origin: origin)
    }

    /// The request of a parsed event: it must be an object with a `client_payload` object.
    public static func request(fromEvent event: YAMLValue, origin: String)
        throws(ProjectConfigError) -> DeployRequest
    {
        guard case .mapping = event else {
            throw ProjectConfigError(.invalidRequest, "the event is \(event.kindName), not a JSON object", file: origin)
        }
        guard let payload = event["client_payload"] else {
            throw ProjectConfigError(
                .invalidRequest,
                "the event has no client_payload; "
                    + "is it a repository_dispatch event?", file: origin)
        }
        do {
            return try request(fromPayload: payload)
        } catch var error {
            error.message = "client_payload: " + error.message
            error.file = origin
            throw error
        }
    }

    /// The request of a `client_payload` value: its size, then a request object or a batch, and
    /// its `order`.
    public static func request(fromPayload payload: YAMLValue) throws(ProjectConfigError) -> DeployRequest {
        let size = JSONText.compactLength(of: payload)
        guard size <= maximumBytes else {
            throw ProjectConfigError(
                .invalidRequest,
                "it is \(size) bytes; GitHub limits a dispatch payload "
                    + "to less than 64 KB (\(maximumBytes) bytes)")
        }
        guard case .mapping(let entries) = payload else {
            throw ProjectConfigError(.invalidRequest, "it is \(payload.kindName), not a JSON object")
        }
        let known = ResourceRequest.payloadKeys + [batchKey, orderKey]
        if let unknown = entries.first(where: { !known.contains($0.key) }) {
            throw ProjectConfigError(
                .invalidRequest,
                "unknown key '\(DisplayText.sanitized(unknown.key))'; a payload has path, action and spec "
                    + "(or \(batchKey): a list of them), and \(orderKey)")
        }
        let order = try payload[orderKey].map { value throws(ProjectConfigError) in try Self.order(value) } ?? .none
        guard let operations = payload[batchKey] else {
            let request = YAMLValue.mapping(entries.filter { $0.key != orderKey })
            return DeployRequest(operations: [try ResourceRequest(payload: request)], order: order)
        }
        if let single = entries.first(where: { ResourceRequest.payloadKeys.contains($0.key) }) {
            throw ProjectConfigError(
                .invalidRequest,
                "'\(single.key)' and '\(batchKey)' exclude each other: a batch names each operation's "
                    + "path, action and spec in its list")
        }
        return DeployRequest(operations: try DeployRequest.operations(operations), order: order, isBatch: true)
    }

    /// The payload's `order`: `{"ancestry": true}`, `{"key": "1700000000"}` (a string of digits
    /// or an integer), or both; nothing else.
    static func order(_ value: YAMLValue) throws(ProjectConfigError) -> OrderRequirement {
        guard case .mapping(let entries) = value else {
            throw refusal("order is \(value.kindName), not an object such as {\"ancestry\": true}")
        }
        var order = OrderRequirement.none
        for entry in entries {
            switch (entry.key, entry.value) {
            case ("ancestry", .bool(let ancestry)): order.ancestry = ancestry
            case ("key", .string(let text)): order.key = try OrderKey(parsing: text, origin: "order.key")
            case ("key", .int(let number)): order.key = try OrderKey(parsing: String(number), origin: "order.key")
            case ("ancestry", let other): throw refusal("order.ancestry is \(other.kindName), not true or false")
            case ("key", let other): throw refusal("order.key is \(other.kindName), not a string of digits")
            default:
                let key = DisplayText.sanitized(entry.key)
                throw refusal("unknown key 'order.\(key)'; order has only ancestry and key")
            }
        }
        return order
    }

    private static func refusal(_ message: String) -> ProjectConfigError {
        ProjectConfigError(.invalidRequest, message)
    }
}
