import Foundation

/// Files of this package that the domain tests read: the example projects and `Tests/Fixtures/`.
enum PackageFiles {
    /// The package root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bytes of `Tests/Fixtures/<name>`.
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/\(name)")))
    }

    /// The example project files, `projects/*.yaml`: relative path → bytes.
    static func exampleProjects() throws -> [(file: String, text: [UInt8])] {
        let folder = root.appendingPathComponent("projects")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
            .sorted()
            .map { ("projects/\($0)", Array(try Data(contentsOf: folder.appendingPathComponent($0)))) }
    }
}
