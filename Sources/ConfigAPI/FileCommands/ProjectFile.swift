import SystemCalls

/// Reading and writing the YAML file: exact bytes in, atomic replacement out.
enum ProjectFile {
    /// The file's bytes. A missing or unreadable file is exit 66.
    static func contents(of path: String) throws -> [UInt8] {
        do {
            return try FileDescriptor.openForReading(path).readToEnd()
        } catch {
            throw CommandFailure(.noInput, "cannot read: \(error.reason)", file: path)
        }
    }

    /// Replaces the file with `bytes`: a temporary file in the same folder, flushed, given
    /// the old file's mode, renamed over it. On any failure (exit 73) the old file is intact.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        do {
            try replace(resolvingLinks(path), with: bytes)
        } catch {
            throw CommandFailure(.cannotCreate, "cannot write: \(error.reason)", file: path)
        }
    }

    /// The new document on stdout, byte for byte.
    static func printToStandardOutput(_ bytes: [UInt8]) {
        try? FileDescriptor.standardOutput.writeAll(bytes)
    }

    private static func replace(_ target: String, with bytes: [UInt8]) throws(SystemCallError) {
        let permissions = try FileSystem.permissions(of: target)
        let folder = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        let (file, temporary) = try FileDescriptor.createUniqueFile(in: folder.isEmpty ? "/" : folder,
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

    /// Symbolic links are followed so the link stays a link and its target is replaced.
    private static func resolvingLinks(_ path: String) -> String {
        (try? FileSystem.canonicalPath(path)) ?? path
    }
}
