import SystemCalls

/// Whole files through the system-call layer: exact bytes in, atomic replacement out, and the
/// names in a folder. The name `-` is standard input (docs/contract.md#commands).
enum Files {
    /// The name that stands for standard input where a file is read.
    static let standardInput = "-"

    /// How messages name `path`: `<stdin>` for `-`.
    static func displayName(_ path: String) -> String {
        path == standardInput ? "<stdin>" : path
    }

    /// The bytes of the file at `path` (standard input for `-`), refused (exit 65) without
    /// reading further once they pass `limit` (docs/contract.md#hostile-input). A missing or
    /// unreadable file is exit 66. A large file (and the tree made of it) is given memory in
    /// 2 MiB pages where the system has them (`ProcessMemory.prepareForLargeInput`).
    static func contents(of path: String, limit: Int) throws(CommandFailure) -> [UInt8] {
        let bytes: [UInt8]
        do {
            let file = path == standardInput ? FileDescriptor.standardInput : try FileDescriptor.openForReading(path)
            if let size = file.regularFileSize, size <= limit { ProcessMemory.prepareForLargeInput(bytes: size) }
            bytes = try file.read(upTo: limit + 1)
        } catch {
            throw CommandFailure(.noInput, "cannot read: \(error.reason)", file: displayName(path))
        }
        guard bytes.count <= limit else {
            throw CommandFailure(
                .dataError, "it is larger than \(limit) bytes, the most config-api reads here", file: displayName(path))
        }
        return bytes
    }

    /// Replaces the file with the bytes of `pieces`, one after the other: a temporary file in
    /// the same folder, flushed, given the old file's mode, renamed over it. On any failure
    /// (exit 73) the old file is intact. A symbolic link stays a link: its target is replaced.
    static func replaceAtomically(_ path: String, with pieces: [ArraySlice<UInt8>]) throws(CommandFailure) {
        do {
            try replace((try? FileSystem.canonicalPath(path)) ?? path, with: pieces)
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

    private static func replace(_ target: String, with pieces: [ArraySlice<UInt8>]) throws(SystemCallError) {
        let permissions = try FileSystem.permissions(of: target)
        let folder = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        let (file, temporary) = try FileDescriptor.createUniqueFile(
            in: folder.isEmpty ? "/" : folder,
            prefix: ".config-api-")
        do {
            for piece in pieces { try file.writeAll(piece) }
            try file.setPermissions(permissions)
            try file.synchronize()
            try FileSystem.rename(temporary, to: target)
        } catch {
            try? FileSystem.removeFile(temporary)
            throw error
        }
    }
}
