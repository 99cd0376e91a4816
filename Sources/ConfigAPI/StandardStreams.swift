#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to stderr and appending to files with the C library: config-api links
/// FoundationEssentials only, which has no `FileHandle`.
enum StandardStreams {
    /// Writes `text` to standard error, unbuffered.
    static func writeError(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Appends `text` to the file at `path` (created if absent); false when it cannot.
    static func append(_ text: String, toFileAt path: String) -> Bool {
        guard let file = fopen(path, "a") else { return false }
        let written = fputs(text, file) >= 0
        return fclose(file) == 0 && written
    }
}
