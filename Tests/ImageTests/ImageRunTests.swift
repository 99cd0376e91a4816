import Foundation
import Testing

/// The archive of `scripts/build-image`, unpacked and run as the image's user 10001: what it
/// declares, that the binary runs on nothing but the image's packages, that a `bump` over the
/// loopback smart-HTTP server lands its commit, and that its ssh-keygen and gpg sign commits.
@Suite struct ImageRunTests {
    static let token = "image-test-token"

    @Test func configurationDeclaresUserEntrypointAndLabels() throws {
        let folder = try Command.temporaryFolder("image-config")
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = try ImageLayout.extracted(into: folder)
        let version = try layout.runtimeReference()
        let runtime = try layout.image(version)
        let action = try layout.image("\(version)-action")

        #expect(runtime.configuration.os == "linux")
        #expect(runtime.settings.user == "10001:10001")
        #expect(runtime.settings.entrypoint == ["config-api"])
        #expect(runtime.settings.workingDirectory == "/home/config-api")
        let revision = try FixtureGit.run(["-c", "safe.directory=*", "rev-parse", "HEAD"], in: Command.repositoryRoot)
        #expect(runtime.labels["org.opencontainers.image.version"] == version)
        #expect(runtime.labels["org.opencontainers.image.revision"] == revision)
        #expect(runtime.labels["org.opencontainers.image.source"]?.hasPrefix("https://") == true)
        let created = try #require(runtime.labels["org.opencontainers.image.created"])
        #expect(ISO8601DateFormatter().date(from: created) != nil, "created \(created) is not an RFC 3339 time")
        #expect(runtime.configuration.created == created)
        #expect(runtime.manifest.annotations?["org.opencontainers.image.revision"] == revision)

        // The Action's image: the same layer (stored once in a registry), one more for
        // /etc/gitconfig, and root, which GitHub's container actions need.
        #expect(action.settings.user == "0:0")
        #expect(action.manifest.layers.count == 2)
        #expect(action.manifest.layers.first?.digest == runtime.manifest.layers.first?.digest)
        #expect(action.labels == runtime.labels)
        #expect(action.settings.entrypoint == runtime.settings.entrypoint)
    }

    @Test func binaryRunsAsUser10001OnTheImagesLibrariesAlone() throws {
        let folder = try Command.temporaryFolder("image-run")
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = try ImageLayout.extracted(into: folder)
        let version = try layout.runtimeReference()
        let container = try Container.unpack(try layout.image(version), into: folder)

        let printed = try container.run(["--version"])
        #expect(printed.status == 0, "\(printed.standardError)")
        #expect(printed.line == version)

        // Not root: a file only root may read is refused, the same file readable by all is read.
        let probe = container.file("/probe.yaml")
        try "name: probe\n".write(to: probe, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: probe.path)
        let refused = try container.run(["get", "/probe.yaml", "name"])
        #expect(refused.status == 66, "\(refused.standardError)")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: probe.path)
        let read = try container.run(["get", "/probe.yaml", "name"])
        #expect(read.status == 0 && read.line == "probe", "\(read.standardError)")
    }

    /// The optimised build the image ships, on a file of some hundred kilobytes: an edit
    /// printed, one made in place and a delete come out as they should. (Every other file-command
    /// test runs a debug build; a fault of the optimised code, such as a reader freed while still
    /// referenced, shows here.)
    @Test func theShippedBinaryEditsALargeFile() throws {
        let folder = try Command.temporaryFolder("image-large")
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = try ImageLayout.extracted(into: folder)
        let container = try Container.unpack(try layout.image(try layout.runtimeReference()), into: folder)
        let items = (0..<3_000).map {
            "    - name: app-\($0)\n      git:\n          hash: ~\n      port: \(8_000 + $0)\n"
        }
        let path = "/home/config-api/large.yaml"
        try ("applications:\n" + items.joined()).write(to: container.file(path), atomically: true, encoding: .utf8)

        let printed = try container.run(["set", path, "applications[name=app-1500].git.hash", "3f2c1a9"])
        var edited = items
        edited[1_500] = "    - name: app-1500\n      git:\n          hash: 3f2c1a9\n      port: 9500\n"
        #expect(printed.status == 0, "\(printed.standardError)")
        #expect(printed.standardOutput == "applications:\n" + edited.joined())

        let setInPlace = try container.run(["set", "-i", path, "applications[name=app-1500].git.hash", "3f2c1a9"])
        let deleted = try container.run(["delete", "-i", path, "applications[-1]"])
        #expect(setInPlace.status == 0 && deleted.status == 0, "\(setInPlace.standardError)\(deleted.standardError)")
        let written = try String(contentsOf: container.file(path), encoding: .utf8)
        #expect(written == "applications:\n" + edited.dropLast().joined())
    }

    @Test func bumpOverLoopbackSmartHTTPLandsTheCommit() throws {
        let folder = try Command.temporaryFolder("image-bump")
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = try ImageLayout.extracted(into: folder)
        let container = try Container.unpack(try layout.image(try layout.runtimeReference()), into: folder)
        let served = folder.appendingPathComponent("served")
        let bare = try FixtureGit.bareRepository(in: served, name: "remote",
                                                 files: ["projects/myproject.yaml": try FixtureGit.exampleProject()])
        let server = try LoopbackGitServer(serving: served, token: Self.token)
        defer { server.stop() }

        // A hash that reads as a float in YAML: it must stay a string.
        let bump = try container.run(["bump", "--remote", server.url("remote.git"), "myproject", "api", "12e4567"],
                                     environment: ["CONFIG_API_TOKEN": Self.token])
        #expect(bump.status == 0, "\(bump.standardError)")
        #expect(!bump.standardOutput.contains(Self.token) && !bump.standardError.contains(Self.token))

        let log = try FixtureGit.run(["log", "--format=%s|%an <%ae>", "main"], in: bare).split(separator: "\n")
        #expect(log.count == 2)
        #expect(log.first
                == "apply projects/myproject/applications/api|config-api <config-api@users.noreply.github.com>")
        let project = try FixtureGit.run(["show", "main:projects/myproject.yaml"], in: bare)
        #expect(project.contains(#"hash: "12e4567" # set by CI on every successful build"#))
        let changed = try FixtureGit.run(["diff", "--numstat", "main~1", "main"], in: bare)
        #expect(changed == "1\t1\tprojects/myproject.yaml")
    }

    /// `--sign ssh` and `--sign gpg` with the key in CONFIG_API_SIGNING_KEY, as a CI secret
    /// gives it: the image's ssh-keygen, gpg, gpg-agent and gpgconf sign, the commits verify,
    /// the key is never printed and its temporary files are gone.
    @Test(arguments: ["ssh", "gpg"])
    func theImagesProgramsSignCommits(format: String) throws {
        let folder = try Command.temporaryFolder("image-sign")
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = try ImageLayout.extracted(into: folder)
        let container = try Container.unpack(try layout.image(try layout.runtimeReference()), into: folder)
        let keys = try TestKeys(in: folder, email: "config-api@users.noreply.github.com")
        defer { keys.stop() }
        let served = folder.appendingPathComponent("served")
        let bare = try FixtureGit.bareRepository(in: served, name: "remote",
                                                 files: ["projects/myproject.yaml": try FixtureGit.exampleProject()])
        let server = try LoopbackGitServer(serving: served, token: Self.token)
        defer { server.stop() }

        let key = format == "ssh" ? keys.sshPrivateKey : keys.gpgSecretKey
        let bump = try container.run(["bump", "--remote", server.url("remote.git"), "--sign", format, "--signoff",
                                      "myproject", "api", "3f2c1a9"],
                                     environment: ["CONFIG_API_TOKEN": Self.token, "CONFIG_API_SIGNING_KEY": key])
        #expect(bump.status == 0, "\(bump.standardError)")
        let tip = try FixtureGit.run(["rev-parse", "main"], in: bare)
        #expect(try keys.verifies(tip, in: bare))
        let signoff = try FixtureGit.run(["log", "-1", "--format=%(trailers:key=Signed-off-by,valueonly)", "main"],
                                         in: bare)
        #expect(signoff.trimmingCharacters(in: .newlines) == "config-api <config-api@users.noreply.github.com>")
        for fragment in keys.fragments {
            #expect(!bump.standardOutput.contains(fragment) && !bump.standardError.contains(fragment))
        }
        let temporary = try FileManager.default.contentsOfDirectory(atPath: container.file("/tmp").path)
        #expect(!temporary.contains { $0.hasPrefix("config-api-signing-") }, "\(temporary)")
    }
}
