/// The text of an application's `hold` (docs/contract.md#history-rollback-and-holds): why its
/// hash updates are held, as `config-api rollback --hold REASON` wrote it. It reaches the
/// notices of held updates, so it is one line of at most 200 characters, without control
/// characters.
enum HoldReason {
    /// The longest reason, in characters.
    static let maximumLength = 200

    /// Nil when `reason` is acceptable, else what is wrong.
    static func problem(_ reason: String) -> String? {
        if reason.isEmpty { return "is empty; say why the application is held" }
        if let control = reason.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains the control character \(DisplayText.visible(control)); a reason is one line of text"
        }
        if reason.count > maximumLength {
            return "is \(reason.count) characters long; at most \(maximumLength) are allowed"
        }
        return nil
    }
}
