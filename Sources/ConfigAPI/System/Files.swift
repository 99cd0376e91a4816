import SystemCalls

/// Whole files through the system-call layer: exact bytes in, atomic replacement out, and the
/// names in a folder.
enum Files {
    /// The file's bytes. A missing or unreadable file is exit 66.
    static func contents(of path: String) throws(CommandFailure) -> [UInt8] {
        do {
            return try FileDescriptor.openForReading(path).readToEnd()
        } catch {
            throw CommandFailure(.noInput, "cannot read: \(error.reason)", file: path)
        }
    }

    /// Replaces the file with `bytes`: a temporary file in the same folder, flushed, given
    /// the old file's mode, renamed over it. On any failure (exit 73) the old file is intact.
    /// A symbolic link stays a link: its target is replaced.
    static func replaceAtomically(_ path: String, with bytes: [UInt8]) throws(CommandFailure) {
        do {
            try replace((try? FileSystem.canonicalPath(path)) ?? path, with: bytes)
        } catch {
            throw CommandFailure(.cannotCreate, "cannot write: \(error.reason)", file: path)
        }
    }

    /// The names in `folder` ending in `suffix`, sorted; nil when the folder cannot be read.
    static func names(in folder: String, endingWith suffix: String) -> [String]? {
        guard let names = try? Directory.entries(of: folder) else { return nil }
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// The current folder's absolute path, for messages ("." when it cannot be read).
    static var currentFolder: String { (try? Directory.current()) ?? "." }

    private static func replace(_ target: String, with bytes: [UInt8]) throws(SystemCallError) {
        let permissions = try FileSystem.permissions(of: target)
        let folder = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        let (file, temporary) = try FileDescriptor.createUniqueFile(
            in: folder.isEmpty ? "/" : folder,
            prefix: ".config-api-")
        do {
            try file.writeAll(bytes)
            try file.setPermissions(permissions)
            try file.synchronize()
            try FileSystem.rename(temporary, to: target)
        } catch {
            try? FileSystem.removeFile(temporary)
            throw error
        }
    }
}
