import SystemCalls

/// Standard output and error, and appending to files, through the system-call layer, unbuffered:
/// what config-api prints goes out in the order it was written.
enum StandardStreams {
    /// Writes `bytes` to standard output; a failure (a full disk, a closed pipe) is exit 74.
    static func writeOutput(_ bytes: some Collection<UInt8>) throws(CommandFailure) {
        do {
            try FileDescriptor.standardOutput.writeAll(bytes)
        } catch {
            throw CommandFailure(.ioError, "cannot write to standard output: \(error.reason)")
        }
    }

    /// Writes `line` and a newline to standard output (exit 74 when it cannot).
    static func printLine(_ line: String) throws(CommandFailure) {
        try writeOutput((line + "\n").utf8)
    }

    /// Writes `text` to standard error; nothing is left to report a failure to.
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
