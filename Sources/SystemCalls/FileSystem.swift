#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Operations on paths: status, canonical form, renaming and removing.
public enum FileSystem {
    /// The permission bits (`st_mode & 0o7777`) of the file at `path`, following links (`stat`).
    public static func permissions(of path: String) throws(SystemCallError) -> UInt32 {
        var status = stat()
        try systemCall("stat", path: path) { stat(path, &status) }
        return UInt32(status.st_mode) & 0o7777
    }

    /// `path` with every symbolic link, `.` and `..` resolved (`realpath`).
    public static func canonicalPath(_ path: String) throws(SystemCallError) -> String {
        var resolved: UnsafeMutablePointer<CChar>?
        try systemCall("realpath", path: path) { () -> Int32 in
            resolved = realpath(path, nil)
            return resolved == nil ? -1 : 0
        }
        defer { free(resolved) }
        return String(cString: resolved!)
    }

    /// Renames `source` to `target`, atomically replacing `target` when it exists (`rename`).
    public static func rename(_ source: String, to target: String) throws(SystemCallError) {
        try systemCall("rename", path: target) { renameFile(source, target) }
    }

    /// Removes the file at `path` (`unlink`).
    public static func removeFile(_ path: String) throws(SystemCallError) {
        try systemCall("unlink", path: path) { unlink(path) }
    }
}

/// The C library's `rename` (inside `FileSystem`, `rename` is the wrapper).
private func renameFile(_ source: String, _ target: String) -> Int32 {
    rename(source, target)
}
