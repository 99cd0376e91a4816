import Logging
import ProjectConfig

/// Writes the messages of resource commands to stderr as `config-api: message`, one line each:
/// retries and recoveries (notice) by default, everything with `-v` (debug, with the message's
/// level and metadata), only warnings and errors with `-q`. Control characters are made visible,
/// so no message can break its line or begin a GitHub Actions workflow command.
struct StandardErrorLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The logger resource commands pass to GitOps, at the level `-v` and `-q` choose.
    static func logger(verbose: Bool, quiet: Bool) -> Logger {
        let level: Logger.Level = verbose ? .debug : quiet ? .warning : .notice
        return Logger(label: "config-api") { _ in StandardErrorLogHandler(logLevel: level) }
    }

    func log(event: LogEvent) {
        var text = "\(event.message)"
        if logLevel <= .debug {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let details = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            text = "\(event.level): \(text)" + (details.isEmpty ? "" : " [\(details.joined(separator: " "))]")
        } else if event.level == .warning {
            text = "warning: \(text)"
        }
        StandardStreams.writeError("config-api: \(text.unicodeScalars.map(DisplayText.visible).joined())\n")
    }
}
