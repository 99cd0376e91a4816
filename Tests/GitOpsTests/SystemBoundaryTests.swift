import Foundation
import Testing

/// C stays behind its walls, and the targets depend on each other only as docs/architecture.md
/// draws them: libgit2 is reached only from `Sources/GitOps/LibGit2/`, libyaml only from
/// YAMLPatch's event reader, the C library's system calls only from the SystemCalls target, no
/// test imports a C module, the domain library (ProjectConfig) imports YAMLPatch alone, and
/// GitOps knows no YAML. These read the package's own source files, so a change that breaks a
/// rule fails here.
@Suite struct SystemBoundaryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func onlyTheLibGit2FolderImportsCLibGit2AndOnlyInternally() throws {
        for file in try Self.swiftFiles(under: "Sources") + Self.swiftFiles(under: "Tests") {
            let imports = try Self.imports(of: file).filter { $0.module == "CLibGit2" }
            if file.hasPrefix("Sources/GitOps/LibGit2/") {
                #expect(imports.allSatisfy { $0.accessLevel == "internal" }, "\(file) must use internal import")
            } else {
                #expect(imports.isEmpty, "\(file) imports CLibGit2: only Sources/GitOps/LibGit2 may")
            }
        }
    }

    @Test func noPointerOfLibGit2LeavesItsFolder() throws {
        for file in try Self.swiftFiles(under: "Sources/GitOps") where !file.hasPrefix("Sources/GitOps/LibGit2/") {
            let text = try Self.text(of: file)
            #expect(!text.contains("OpaquePointer") && !text.contains(".pointer"),
                    "\(file) handles a libgit2 pointer: only Sources/GitOps/LibGit2 may")
        }
    }

    @Test func systemCallsGoThroughTheSystemCallsTarget() throws {
        let targets = ["Sources/GitOps", "Sources/ConfigAPI", "Sources/ConfigAPIBench"]
        for file in try targets.flatMap(Self.swiftFiles(under:)) {
            let modules = try Self.imports(of: file).map(\.module)
            #expect(!modules.contains("Glibc") && !modules.contains("Darwin"),
                    "\(file) imports the C library: system calls go through SystemCalls")
        }
    }

    @Test func testsImportNoCModuleAndYAMLPatchNeedsNoSystemCalls() throws {
        for file in try Self.swiftFiles(under: "Tests") {
            let modules = try Self.imports(of: file).map(\.module)
            #expect(!modules.contains { ["CLibGit2", "CYAML", "CMalloc"].contains($0) }, "\(file) imports a C module")
        }
        for file in try Self.swiftFiles(under: "Sources/YAMLPatch") {
            let modules = try Self.imports(of: file).map(\.module)
            #expect(!modules.contains("SystemCalls") && !modules.contains("GitOps"), "\(file) imports \(modules)")
        }
        for file in try Self.swiftFiles(under: "Sources/GitOps") {
            #expect(try !Self.imports(of: file).map(\.module).contains("YAMLPatch"), "\(file) imports YAMLPatch")
        }
    }

    /// The wrapper files that may import each C module, by path prefix; every other source file
    /// imports none.
    static let cModuleWrappers = [
        "CYAML": ["Sources/YAMLPatch/Parsing/LibYAMLEvents.swift"],
        "CLibGit2": ["Sources/GitOps/LibGit2/"],
        "CMalloc": ["Sources/SystemCalls/ProcessMemory.swift"],
        "Glibc": ["Sources/SystemCalls/"],
        "Darwin": ["Sources/SystemCalls/"],
    ]

    @Test func onlyTheNamedWrapperFilesImportACModule() throws {
        for file in try Self.swiftFiles(under: "Sources") {
            for module in try Self.imports(of: file).map(\.module) {
                guard let wrappers = Self.cModuleWrappers[module] else { continue }
                #expect(wrappers.contains { file.hasPrefix($0) }, "\(file) imports \(module): only \(wrappers) may")
            }
        }
    }

    /// The domain library takes bytes and returns values: it imports YAMLPatch, and Foundation's
    /// essentials for JSON, and nothing else (no GitOps, ArgumentParser, SystemCalls, Logging).
    @Test func theDomainLibraryImportsYAMLPatchAlone() throws {
        let allowed: Set = ["YAMLPatch", "FoundationEssentials", "Foundation"]
        let files = try Self.swiftFiles(under: "Sources/ProjectConfig")
        for file in files {
            let modules = try Self.imports(of: file).map(\.module)
            #expect(modules.allSatisfy(allowed.contains), "\(file) imports \(modules)")
        }
        let manifest = try Self.text(of: "Package.swift")
        #expect(manifest.contains(#".target(name: "ProjectConfig", dependencies: ["YAMLPatch"])"#))
    }

    /// One `import` line: its access level (`public`, `internal`, …, nil when none is written)
    /// and the module.
    struct Import {
        var accessLevel: String?
        var module: String
    }

    /// The imports of `file` (a path relative to the package root).
    static func imports(of file: String) throws -> [Import] {
        let levels: Set = ["public", "package", "internal", "fileprivate", "private"]
        return try text(of: file).split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ").map(String.init).filter { $0 != "@testable" }
            guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                  index == 0 || (index == 1 && levels.contains(words[0])) else { return nil }
            return Import(accessLevel: index == 1 ? words[0] : nil, module: words[index + 1])
        }
    }

    static func text(of file: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
    }

    /// The `.swift` files under `folder` (relative to the package root), as relative paths.
    static func swiftFiles(under folder: String) throws -> [String] {
        let root = packageRoot.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        let files = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.map { "\(folder)/\($0)" }
        #expect(!files.isEmpty, "no Swift files under \(folder)")
        return files.sorted()
    }
}
