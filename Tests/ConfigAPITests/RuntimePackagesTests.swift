#if os(Linux)
    import Foundation
    import Testing

    /// The Dockerfile's runtime stage installs the Debian packages that provide every shared
    /// library the built binary needs (there is no Docker engine here to run the image itself).
    struct RuntimePackagesTests {
        /// Packages that `debian:bookworm-slim` already contains.
        static let basePackages: Set<String> = ["libc6", "libgcc-s1", "libstdc++6"]

        @Test func dockerfileInstallsWhatTheBinaryLinks() throws {
            let installed = try Self.dockerfileRuntimePackages()
            let binary = PackageFiles.configAPI.path
            let needed = try Self.neededLibraries(of: binary)
            let resolved = try Self.resolvedPaths(of: binary)
            #expect(needed.contains("libyaml-0.so.2"))
            #expect(!needed.contains { $0.hasPrefix("libgit2.so.") }, "libgit2 is loaded by git commands only, by name")

            var packages: [String: String] = [:]
            for library in needed {
                let path = try #require(resolved[library], "ldd does not resolve \(library)")
                if path.contains("/lib/swift/") { continue }
                let package = try #require(try Self.debianPackage(owning: path), "no Debian package owns \(path)")
                packages[library] = package
                #expect(
                    installed.contains(package) || Self.basePackages.contains(package),
                    "\(library) comes from \(package), which the Dockerfile's runtime stage does not install")
            }
            #expect(packages["libyaml-0.so.2"] == "libyaml-0-2")
        }

        /// libgit2 is not linked: git commands open it with `dlopen` by the soname of the headers
        /// the binary was built with, a string the binary holds. The package that provides that
        /// soname here must be one the Dockerfile installs.
        @Test func dockerfileInstallsTheLibGit2TheBinaryLoadsByName() throws {
            let installed = try Self.dockerfileRuntimePackages()
            let sonames = try Self.embeddedNames(of: "libgit2.so.", in: PackageFiles.configAPI.path)
            #expect(sonames == ["libgit2.so.1.5"], "the binary should name exactly one libgit2: \(sonames)")
            for soname in sonames {
                let path = try #require(try Self.cachedPath(of: soname), "the dynamic loader does not find \(soname)")
                let package = try #require(try Self.debianPackage(owning: path), "no Debian package owns \(path)")
                #expect(package == "libgit2-1.5")
                #expect(
                    installed.contains(package),
                    "\(soname) comes from \(package), which the Dockerfile does not install")
            }
        }

        /// The runtime stage's packages, after checking that the Swift runtime is linked statically.
        static func dockerfileRuntimePackages() throws -> Set<String> {
            let dockerfile = try String(
                contentsOf: PackageFiles.root.appendingPathComponent("Dockerfile"),
                encoding: .utf8)
            let installed = runtimePackages(in: dockerfile)
            #expect(installed.contains("ca-certificates"))
            #expect(dockerfile.contains("--static-swift-stdlib"), "the Swift runtime must be linked statically")
            return installed
        }

        /// The NUL-terminated strings in the file at `path` that start with `prefix` followed by a
        /// version (`libgit2.so.1.5`), as the C compiler stores a string literal.
        static func embeddedNames(of prefix: String, in path: String) throws -> Set<String> {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let start = Array(prefix.utf8)
            let versionBytes = Set("0123456789.".utf8)
            var names: Set<String> = []
            var index = bytes.startIndex
            while let match = bytes[index...].firstRange(of: start) {
                let version = bytes[match.upperBound...].prefix { versionBytes.contains($0) }
                if !version.isEmpty, version.endIndex < bytes.endIndex, bytes[version.endIndex] == 0 {
                    names.insert(prefix + String(decoding: version, as: UTF8.self))
                }
                index = match.upperBound
            }
            return names
        }

        /// Where the dynamic loader's cache (`ldconfig -p`) finds the library `soname` for this architecture.
        static func cachedPath(of soname: String) throws -> String? {
            let output = try ProcessResult.run(URL(fileURLWithPath: "/sbin/ldconfig"), ["-p"]).standardOutput
            return output.split(separator: "\n")
                .first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(soname + " ") }
                .flatMap { $0.components(separatedBy: " => ").last }
        }

        /// The package names after `--no-install-recommends` in the last stage's `apt-get install`.
        static func runtimePackages(in dockerfile: String) -> Set<String> {
            let lastStage = dockerfile.components(separatedBy: "\nFROM ").last ?? ""
            guard let install = lastStage.range(of: "--no-install-recommends") else { return [] }
            let words = lastStage[install.upperBound...].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }
            )
            return Set(words.prefix { $0 != "&&" }.map(String.init))
        }

        /// `DT_NEEDED` entries, from `readelf -d`.
        static func neededLibraries(of binary: String) throws -> [String] {
            let output = try ProcessResult.run(URL(fileURLWithPath: "/usr/bin/readelf"), ["-d", binary]).standardOutput
            return output.split(separator: "\n").compactMap { line in
                guard line.contains("(NEEDED)"), let open = line.firstIndex(of: "["),
                    let close = line.lastIndex(of: "]")
                else { return nil }
                return String(line[line.index(after: open)..<close])
            }
        }

        /// Library name → path, from `ldd`.
        static func resolvedPaths(of binary: String) throws -> [String: String] {
            let output = try ProcessResult.run(URL(fileURLWithPath: "/usr/bin/ldd"), [binary]).standardOutput
            var paths: [String: String] = [:]
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ").map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count >= 3, parts[1] == "=>" {
                    paths[parts[0]] = parts[2]
                } else if parts.count == 2, parts[0].hasPrefix("/") {
                    // The dynamic loader, listed by its path alone.
                    paths[URL(fileURLWithPath: parts[0]).lastPathComponent] = parts[0]
                }
            }
            return paths
        }

        /// The package that owns `path`, trying the `/usr` form too (merged-/usr systems register
        /// `/usr/lib/…` while the loader reports `/lib/…`).
        static func debianPackage(owning path: String) throws -> String? {
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            for candidate in [path, real, "/usr" + path, "/usr" + real] {
                let result = try ProcessResult.run(URL(fileURLWithPath: "/usr/bin/dpkg-query"), ["-S", candidate])
                if result.status == 0, let line = result.standardOutput.split(separator: "\n").first,
                    let colon = line.firstIndex(of: ":")
                {
                    return String(line[..<colon])
                }
            }
            return nil
        }
    }
#endif
