import YAMLPatch

/// The `client_payload` of a GitHub `repository_dispatch` event, read from the event file the
/// runner writes (`$GITHUB_EVENT_PATH`): the only way event data reaches config-api, never
/// through `${{ }}` in a shell (docs/contract.md#github-actions).
///
/// The payload is one request object (``ResourceRequest/init(payload:)``), and its compact
/// JSON must stay under GitHub's own 64 KB limit, so a payload GitHub would never deliver is
/// not run either.
public enum DispatchPayload {
    /// GitHub: "The total size of the JSON payload must be less than 64KB", measured here on
    /// the compact JSON of `client_payload`.
    public static let maximumBytes = 65_535

    /// The request of the event whose JSON text is `event`; `origin` (the event file) names it
    /// in errors. Anything wrong is ``ProjectConfigError/Kind/invalidJSON`` or
    /// ``ProjectConfigError/Kind/invalidRequest``.
    public static func request(fromEvent event: [UInt8], origin: String)
        throws(ProjectConfigError) -> ResourceRequest
    {
        try request(fromEvent: JSONText.parse(event, origin: origin), origin: origin)
    }

    /// The request of a parsed event: it must be an object with a `client_payload` object.
    public static func request(fromEvent event: YAMLValue, origin: String)
        throws(ProjectConfigError) -> ResourceRequest
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

    /// The request of a `client_payload` value: its size, then the request object.
    public static func request(fromPayload payload: YAMLValue) throws(ProjectConfigError) -> ResourceRequest {
        let size = JSONText.compactLength(of: payload)
        guard size <= maximumBytes else {
            throw ProjectConfigError(
                .invalidRequest,
                "it is \(size) bytes; GitHub limits a dispatch payload "
                    + "to less than 64 KB (\(maximumBytes) bytes)")
        }
        return try ResourceRequest(payload: payload)
    }
}
