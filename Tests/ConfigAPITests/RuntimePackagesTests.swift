#if os(Linux)
import Foundation
import Testing

/// The Dockerfile's runtime stage installs the Debian packages that provide every shared
/// library the built binary needs (there is no Docker engine here to run the image itself).
struct RuntimePackagesTests {
    /// Packages that `debian:bookworm-slim` already contains.
    static let basePackages: Set<String> = ["libc6", "libgcc-s1", "libstdc++6"]

    @Test func dockerfileInstallsWhatTheBinaryLinks() throws {
        let dockerfile = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("Dockerfile"), encoding: .utf8)
        let installed = Self.runtimePackages(in: dockerfile)
        #expect(installed.contains("ca-certificates"))
        #expect(dockerfile.contains("--static-swift-stdlib"), "the Swift runtime must be linked statically")

        let binary = TestSupport.executable.path
        let needed = try Self.neededLibraries(of: binary)
        let resolved = try Self.resolvedPaths(of: binary)
        #expect(needed.contains("libyaml-0.so.2"))
        #expect(needed.contains { $0.hasPrefix("libgit2.so.") })

        var packages: [String: String] = [:]
        for library in needed {
            let path = try #require(resolved[library], "ldd does not resolve \(library)")
            if path.contains("/lib/swift/") { continue }
            let package = try #require(try Self.debianPackage(owning: path), "no Debian package owns \(path)")
            packages[library] = package
            #expect(installed.contains(package) || Self.basePackages.contains(package),
                    "\(library) comes from \(package), which the Dockerfile's runtime stage does not install")
        }
        #expect(packages["libyaml-0.so.2"] == "libyaml-0-2")
        #expect(packages["libgit2.so.1.5"] == "libgit2-1.5")
    }

    /// The package names after `--no-install-recommends` in the last stage's `apt-get install`.
    static func runtimePackages(in dockerfile: String) -> Set<String> {
        let lastStage = dockerfile.components(separatedBy: "\nFROM ").last ?? ""
        guard let install = lastStage.range(of: "--no-install-recommends") else { return [] }
        let words = lastStage[install.upperBound...].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" })
        return Set(words.prefix { $0 != "&&" }.map(String.init))
    }

    /// `DT_NEEDED` entries, from `readelf -d`.
    static func neededLibraries(of binary: String) throws -> [String] {
        let output = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/readelf"), ["-d", binary]).standardOutput
        return output.split(separator: "\n").compactMap { line in
            guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else { return nil }
            return String(line[line.index(after: open)..<close])
        }
    }

    /// Library name → path, from `ldd`.
    static func resolvedPaths(of binary: String) throws -> [String: String] {
        let output = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/ldd"), [binary]).standardOutput
        var paths: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count >= 3, parts[1] == "=>" { paths[String(parts[0].trimmingCharacters(in: .whitespaces))] = String(parts[2]) }
        }
        return paths
    }

    /// The package that owns `path`, trying the `/usr` form too (merged-/usr systems register
    /// `/usr/lib/…` while the loader reports `/lib/…`).
    static func debianPackage(owning path: String) throws -> String? {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        for candidate in [path, real, "/usr" + path, "/usr" + real] {
            let result = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/dpkg-query"), ["-S", candidate])
            if result.status == 0, let line = result.standardOutput.split(separator: "\n").first,
               let colon = line.firstIndex(of: ":") {
                return String(line[..<colon])
            }
        }
        return nil
    }
}
#endif
