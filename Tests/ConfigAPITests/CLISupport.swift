import Foundation
import Testing

/// Runs the `config-api` binary built next to the test bundle, in the current folder.
enum CLI {
    static func run(_ arguments: String...) throws -> ProcessResult { try run(arguments) }

    static func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessResult.run(PackageFiles.configAPI, arguments)
    }
}

/// A fresh temporary folder (left for the system to clean, so a failing test's files can be read).
struct Scratch {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-api-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func copy(_ file: URL) throws -> URL {
        let target = folder.appendingPathComponent(file.lastPathComponent)
        try FileManager.default.copyItem(at: file, to: target)
        return target
    }

    func write(_ bytes: [UInt8], named name: String) throws -> URL {
        let target = folder.appendingPathComponent(name)
        try Data(bytes).write(to: target)
        return target
    }
}

/// A file's bytes, modification time and mode: "untouched" means all three are equal.
struct FileState: Equatable {
    var bytes: Data
    var modified: Date?
    var mode: Int?

    init(_ file: URL) throws {
        bytes = try Data(contentsOf: file)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        modified = attributes[.modificationDate] as? Date
        mode = attributes[.posixPermissions] as? Int
    }
}

/// A line that changed, for diffs of equal line counts.
struct ChangedLine: Equatable {
    var old: Substring
    var new: Substring
}

/// The lines that differ between two texts with the same number of lines (else a marker).
func changedLines(_ old: String, _ new: String) -> [ChangedLine] {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false)
    guard a.count == b.count else { return [ChangedLine(old: "line count \(a.count)", new: "line count \(b.count)")] }
    return zip(a, b).filter { $0 != $1 }.map { ChangedLine(old: $0, new: $1) }
}
