#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// An open file: reads, writes, flushes and locks it. Owns its descriptor (closed when the
/// object goes away), except for the standard streams, which stay open.
public final class FileDescriptor: @unchecked Sendable {
    private let descriptor: Int32
    private let closesWhenReleased: Bool
    /// The path it was opened with, for error messages (nil for the standard streams).
    public let path: String?

    private init(_ descriptor: Int32, path: String?, closesWhenReleased: Bool = true) {
        self.descriptor = descriptor
        self.path = path
        self.closesWhenReleased = closesWhenReleased
    }

    deinit {
        if closesWhenReleased { close(descriptor) }
    }

    /// Standard input (never closed).
    public static let standardInput = FileDescriptor(STDIN_FILENO, path: nil, closesWhenReleased: false)
    /// Standard output (never closed).
    public static let standardOutput = FileDescriptor(STDOUT_FILENO, path: nil, closesWhenReleased: false)
    /// Standard error (never closed).
    public static let standardError = FileDescriptor(STDERR_FILENO, path: nil, closesWhenReleased: false)

    /// Opens `path` for reading.
    public static func openForReading(_ path: String) throws(SystemCallError) -> FileDescriptor {
        try open(path, flags: O_RDONLY | O_CLOEXEC)
    }

    /// Opens `path` for appending, creating it (mode 0666 less the umask) when it is missing.
    public static func openForAppending(_ path: String) throws(SystemCallError) -> FileDescriptor {
        try open(path, flags: O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, mode: 0o666)
    }

    /// Opens `path` for writing from its start, creating it with the permission bits
    /// `permissions` (less the umask) or emptying the file that is there.
    public static func openForReplacing(_ path: String, permissions: UInt32) throws(SystemCallError) -> FileDescriptor {
        try open(path, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode: permissions)
    }

    /// Opens `path` for reading and writing, creating it (mode 0644 less the umask) when it is
    /// missing: a lock file, whose content does not matter.
    public static func openOrCreateLockFile(_ path: String) throws(SystemCallError) -> FileDescriptor {
        try open(path, flags: O_RDWR | O_CREAT | O_CLOEXEC, mode: 0o644)
    }

    /// Creates a new file named `<prefix>XXXXXX` (the X's replaced to make it unique) in
    /// `folder`, readable and writable by the owner only (`mkstemp`); returns it and its path.
    public static func createUniqueFile(in folder: String, prefix: String) throws(SystemCallError)
        -> (file: FileDescriptor, path: String) {
        var template = Array("\(folder)/\(prefix)XXXXXX".utf8CString)
        let pattern = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let descriptor = try systemCall("mkstemp", path: pattern) {
            template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (FileDescriptor(descriptor, path: path), path)
    }

    private static func open(_ path: String, flags: Int32, mode: UInt32 = 0) throws(SystemCallError) -> FileDescriptor {
        let descriptor = try systemCall("open", path: path) { openFile(path, flags, mode) }
        return FileDescriptor(descriptor, path: path)
    }

    /// Every byte from the current position to the end of the file.
    public func readToEnd() throws(SystemCallError) -> [UInt8] {
        try read(upTo: .max)
    }

    /// The bytes from the current position to the end of the file, or its first `limit` bytes
    /// when it is longer: a reader that must not take in more than it can use calls it with
    /// its bound plus one, and refuses when it gets that many.
    ///
    /// A regular file is read into one buffer of its size plus the byte that shows its end, so
    /// a large file is neither copied nor grown while read; a stream, or a file that grows
    /// meanwhile, goes on in chunks.
    public func read(upTo limit: Int) throws(SystemCallError) -> [UInt8] {
        var reachedEnd = false
        var bytes = try readIntoNewBuffer(capacity: min(limit, expectedSize() + 1), reachedEnd: &reachedEnd)
        guard !reachedEnd else { return bytes }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = try systemCall("read", path: path) {
                chunk.withUnsafeMutableBytes { readFile(descriptor, $0.baseAddress, wanted) }
            }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return bytes
    }

    /// The size of a regular file; nil for anything else, or when `fstat` fails (the size is
    /// only a hint: reading goes on to the end either way).
    public var regularFileSize: Int? {
        var status = stat()
        guard (try? systemCall("fstat", path: path) { fstat(descriptor, &status) }) != nil,
            status.st_mode & S_IFMT == S_IFREG
        else { return nil }
        return Int(status.st_size)
    }

    /// The size of a regular file; for anything else, the size of one chunk of a stream.
    private func expectedSize() -> Int {
        regularFileSize ?? 1 << 16
    }

    /// Reads into a new buffer of `capacity` bytes until it is full or the file ends
    /// (`reachedEnd`).
    private func readIntoNewBuffer(capacity: Int, reachedEnd: inout Bool) throws(SystemCallError) -> [UInt8] {
        var failure: SystemCallError?
        var ended = false
        let bytes = [UInt8](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, count in
            while count < capacity {
                do throws(SystemCallError) {
                    let read = try systemCall("read", path: path) {
                        readFile(descriptor, buffer.baseAddress! + count, capacity - count)
                    }
                    guard read > 0 else { return ended = true }
                    count += read
                } catch {
                    return failure = error
                }
            }
        }
        if let failure { throw failure }
        reachedEnd = ended
        return bytes
    }

    /// Writes all of `bytes` (several `write` calls when the kernel takes fewer at a time).
    public func writeAll(_ bytes: some Collection<UInt8>) throws(SystemCallError) {
        // An array or a slice of one is written where it is; other collections are copied.
        var failure: SystemCallError?
        let wrote: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(SystemCallError) {
                try writeAll(UnsafeRawBufferPointer(buffer))
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        if wrote == nil { try writeAll(Array(bytes)) }
    }

    private func writeAll(_ buffer: UnsafeRawBufferPointer) throws(SystemCallError) {
        var written = 0
        while written < buffer.count {
            let count = try systemCall("write", path: path) {
                write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            guard count > 0 else { throw SystemCallError(operation: "write", path: path, errorNumber: EIO) }
            written += count
        }
    }

    /// Whether the file is a terminal (`isatty`).
    public var isTerminal: Bool { isatty(descriptor) == 1 }

    /// Gives the file the permission bits `mode` (`fchmod`).
    public func setPermissions(_ mode: UInt32) throws(SystemCallError) {
        try systemCall("fchmod", path: path) { fchmod(descriptor, mode_t(mode)) }
    }

    /// Flushes the file's data and metadata to the storage device (`fsync`).
    public func synchronize() throws(SystemCallError) {
        try systemCall("fsync", path: path) { fsync(descriptor) }
    }

    /// Takes an exclusive `flock` on the file, waiting for other holders to release theirs.
    public func lockExclusively() throws(SystemCallError) {
        try systemCall("flock", path: path) { flock(descriptor, LOCK_EX) }
    }

    /// Takes an exclusive `flock` if nobody else holds one; false (not waiting) when someone does.
    public func lockExclusivelyIfFree() throws(SystemCallError) -> Bool {
        do {
            try systemCall("flock", path: path) { flock(descriptor, LOCK_EX | LOCK_NB) }
            return true
        } catch where error.wouldBlock {
            return false
        }
    }

    /// Releases the `flock` (closing the file releases it too).
    public func unlock() {
        _ = try? systemCall("flock", path: path) { flock(descriptor, LOCK_UN) }
    }
}

/// The C library's `open` (a file-scope name: inside `FileDescriptor`, `open` is the factory).
private func openFile(_ path: String, _ flags: Int32, _ mode: UInt32) -> Int32 {
    open(path, flags, mode_t(mode))
}

/// The C library's `read` (a file-scope name: inside `FileDescriptor`, `read` is a method).
private func readFile(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
