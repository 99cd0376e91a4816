import SystemCalls

/// Writing to stderr and appending to files through the system-call layer: config-api links
/// FoundationEssentials only, which has no `FileHandle`.
enum StandardStreams {
    /// Writes `text` to standard error, unbuffered.
    static func writeError(_ text: String) {
        try? FileDescriptor.standardError.writeAll(text.utf8)
    }

    /// Appends `text` to the file at `path` (created if absent); false when it cannot.
    static func append(_ text: String, toFileAt path: String) -> Bool {
        do {
            try FileDescriptor.openForAppending(path).writeAll(text.utf8)
            return true
        } catch {
            return false
        }
    }
}
