#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

#if canImport(Glibc)
private typealias DirectoryStream = OpaquePointer
#else
private typealias DirectoryStream = UnsafeMutablePointer<DIR>
#endif

/// Folders: their entries, and the process's current one.
public enum Directory {
    /// The names of the entries of the folder at `path`, without `.` and `..`, in the order the
    /// file system gives them (`opendir`, `readdir`).
    public static func entries(of path: String) throws(SystemCallError) -> [String] {
        var opened: DirectoryStream?
        try systemCall("opendir", path: path) { () -> Int32 in
            opened = opendir(path)
            return opened == nil ? -1 : 0
        }
        let stream = opened!
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            var entry: UnsafeMutablePointer<dirent>?
            try systemCall("readdir", path: path) { () -> Int32 in
                errno = 0
                entry = readdir(stream)
                return entry == nil && errno != 0 ? -1 : 0
            }
            guard let entry else { return names }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
    }

    /// The absolute path of the current working directory (`getcwd`).
    public static func current() throws(SystemCallError) -> String {
        var resolved: UnsafeMutablePointer<CChar>?
        try systemCall("getcwd") { () -> Int32 in
            resolved = getcwd(nil, 0)
            return resolved == nil ? -1 : 0
        }
        defer { free(resolved) }
        return String(cString: resolved!)
    }
}
