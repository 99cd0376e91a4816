#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// What a path names, as `lstat` sees it (a symbolic link is not followed).
public struct FileStatus: Sendable, Equatable {
    /// The kinds of file config-api tells apart.
    public enum Kind: Sendable, Equatable { case regular, directory, symbolicLink, other }

    /// The kind of file.
    public var kind: Kind
    /// The permission bits (`st_mode & 0o7777`).
    public var permissions: UInt32
    /// The last modification, in seconds since the epoch.
    public var modified: Double
}

extension FileSystem {
    /// The status of `path` without following a final symbolic link (`lstat`); nil when nothing
    /// is there.
    public static func status(of path: String) throws(SystemCallError) -> FileStatus? {
        var status = stat()
        do {
            try systemCall("lstat", path: path) { lstat(path, &status) }
        } catch where error.errorNumber == ENOENT || error.errorNumber == ENOTDIR {
            return nil
        }
        let kind: FileStatus.Kind = switch status.st_mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFLNK: .symbolicLink
        default: .other
        }
        #if canImport(Glibc)
        let time = status.st_mtim
        #else
        let time = status.st_mtimespec
        #endif
        return FileStatus(kind: kind, permissions: UInt32(status.st_mode) & 0o7777,
                          modified: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
    }

    /// Creates the folder `path` (mode 0777 less the umask); an existing folder is fine.
    public static func createDirectory(_ path: String) throws(SystemCallError) {
        do {
            try systemCall("mkdir", path: path) { mkdir(path, 0o777) }
        } catch where error.errorNumber == EEXIST {
            guard try status(of: path)?.kind == .directory else { throw error }
        }
    }

    /// Creates a new folder named `<prefix>XXXXXX` (the X's replaced to make it unique) in
    /// `folder`, accessible by the owner only (`mkdtemp`); returns its path.
    public static func createUniqueDirectory(in folder: String, prefix: String) throws(SystemCallError) -> String {
        var template = Array("\(folder)/\(prefix)XXXXXX".utf8CString)
        try systemCall("mkdtemp", path: folder) { () -> Int32 in
            template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) } == nil ? -1 : 0
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The names in the folder `path`, without `.` and `..`, in no particular order.
    public static func entries(of path: String) throws(SystemCallError) -> [String] {
        var directory: OpaquePointer?
        try systemCall("opendir", path: path) { () -> Int32 in
            directory = opendir(path)
            return directory == nil ? -1 : 0
        }
        guard let directory else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes the empty folder `path` (`rmdir`).
    public static func removeDirectory(_ path: String) throws(SystemCallError) {
        try systemCall("rmdir", path: path) { rmdir(path) }
    }

    /// Removes `path` and, for a folder, everything in it (links are removed, never followed);
    /// nothing there is fine.
    public static func removeTree(_ path: String) throws(SystemCallError) {
        guard let status = try status(of: path) else { return }
        guard status.kind == .directory else { return try removeFile(path) }
        for name in try entries(of: path) {
            try removeTree("\(path)/\(name)")
        }
        try removeDirectory(path)
    }
}
