import Foundation
import Testing

/// The Dockerfile describes the image scripts/build-image makes: the same packages (beyond those
/// debian:bookworm-slim has), user, entrypoint and label keys; base images fully qualified.
@Suite struct DockerfileParityTests {
    /// Packages of debian:bookworm-slim that scripts/build-image has to take itself.
    static let slimBasePackages: Set = ["libc6", "libgcc-s1", "libstdc++6", "base-files"]

    static func dockerfile() throws -> String {
        try String(contentsOf: Command.repositoryRoot.appendingPathComponent("Dockerfile"), encoding: .utf8)
    }

    @Test func samePackagesAsTheScript() throws {
        let runtimeStage = try Self.dockerfile().components(separatedBy: "\nFROM ").last ?? ""
        let install = try #require(runtimeStage.range(of: "--no-install-recommends"))
        let words = runtimeStage[install.upperBound...].split(whereSeparator: { " \n\\".contains($0) })
        let dockerfilePackages = Set(words.prefix { $0 != "&&" }.map(String.init))
        let script = Command.repositoryRoot.appendingPathComponent("scripts/build-image").path
        let scriptPackages = Set(try Command.check(script, ["packages"]).split(separator: "\n").map(String.init))
        #expect(dockerfilePackages == scriptPackages.subtracting(Self.slimBasePackages))
        #expect(Self.slimBasePackages.isSubset(of: scriptPackages))
    }

    @Test func sameUserEntrypointAndLabels() throws {
        let lines = try Self.dockerfile().split(separator: "\n").map(String.init)
        let bases = lines.filter { $0.hasPrefix("FROM ") }.map { $0.split(separator: " ")[1] }
        #expect(bases == ["docker.io/library/swift:6.3.1-bookworm", "docker.io/library/debian:bookworm-slim"])
        #expect(lines.contains("USER 10001:10001"))
        #expect(lines.contains(#"ENTRYPOINT ["config-api"]"#))
        #expect(lines.contains("WORKDIR /home/config-api"))
        #expect(lines.contains { $0.contains("useradd --uid 10001 --gid 10001") })

        let folder = try Command.temporaryFolder("dockerfile-labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = try ImageLayout.extracted(into: folder)
        let labels = try layout.image(try layout.runtimeReference()).labels
        for (key, value) in labels {
            let line = lines.first { $0.contains("\(key)=\"") }
            let written = line?.components(separatedBy: "\(key)=\"").last?.split(separator: "\"").first
            #expect(written != nil, "the Dockerfile sets no \(key)")
            if let written, !written.hasPrefix("${") {
                #expect(String(written) == value, "\(key): the Dockerfile says \(written), the image \(value)")
            }
        }
    }
}
