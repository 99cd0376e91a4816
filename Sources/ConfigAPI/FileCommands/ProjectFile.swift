#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing the YAML file: exact bytes in, atomic replacement out.
enum ProjectFile {
    /// The file's bytes. A missing or unreadable file is exit 66.
    static func contents(of path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CommandFailure(.noInput, "cannot read: \(systemError())", file: path) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            guard count > 0 else { throw CommandFailure(.noInput, "cannot read: \(systemError())", file: path) }
            bytes += chunk[..<count]
        }
    }

    /// Replaces the file with `bytes`: a temporary file in the same folder, flushed, given
    /// the old file's mode, renamed over it. On any failure (exit 73) the old file is intact.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let target = resolvedPath(path)
        var status = stat()
        guard stat(target, &status) == 0 else { throw CommandFailure(.cannotCreate, "cannot write: \(systemError())", file: path) }
        let folder = target.lastIndex(of: "/").map { String(target[..<$0]) } ?? "."
        var template = Array("\(folder.isEmpty ? "/" : folder)/.config-api-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw CommandFailure(.cannotCreate, "cannot write: \(systemError())", file: path) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do {
            defer { close(descriptor) }
            try writeAll(bytes, to: descriptor)
            guard fchmod(descriptor, status.st_mode & 0o7777) == 0, fsync(descriptor) == 0 else {
                throw CommandFailure(.cannotCreate, "cannot write: \(systemError())", file: path)
            }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let failure = CommandFailure(.cannotCreate, "cannot write: \(systemError())", file: path)
            unlink(temporary)
            throw failure
        }
    }

    /// The new document on stdout, byte for byte.
    static func printToStandardOutput(_ bytes: [UInt8]) {
        _ = try? writeAll(bytes, to: STDOUT_FILENO)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw CommandFailure(.cannotCreate, "cannot write: \(systemError())") }
            written += count
        }
    }

    /// Symbolic links are followed so the link stays a link and its target is replaced.
    private static func resolvedPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func systemError() -> String { String(cString: strerror(errno)) }
}
