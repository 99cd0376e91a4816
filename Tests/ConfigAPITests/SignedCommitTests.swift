import Foundation
import TestSupport
import Testing

/// `--sign ssh|gpg` end to end, against a remote whose pre-receive hook runs `git
/// verify-commit` on every new commit and refuses what does not verify: over a local path and
/// over loopback smart HTTP, with the key in a file, in the environment, in the ssh-agent or in
/// the GnuPG keyring; and sixteen signed writers at once.
@Suite struct SignedCommitTests {
    /// Where the key comes from.
    enum KeySource: String, CaseIterable, CustomStringConvertible {
        case sshKeyFile, sshKeyInEnvironment, sshAgent, gpgKeyInEnvironment, gpgKeyring
        var description: String { rawValue }
    }

    /// The flags and environment that sign with `source`'s key (an agent is started for sshAgent).
    static func signing(_ source: KeySource, _ keys: SigningKeys) throws -> (arguments: [String],
                                                                             environment: [String: String],
                                                                             agent: SSHAgentProcess?) {
        switch source {
        case .sshKeyFile:
            return (["--sign", "ssh", "--signing-key", keys.sshPrivateKey], [:], nil)
        case .sshKeyInEnvironment:
            let key = try String(contentsOfFile: keys.sshPrivateKey, encoding: .utf8)
            return (["--sign", "ssh"], ["CONFIG_API_SIGNING_KEY": key], nil)
        case .sshAgent:
            let agent = try SSHAgentProcess(keys: [keys.sshPrivateKey])
            return (["--sign", "ssh", "--signing-key", keys.sshPublicKey], agent.environment, agent)
        case .gpgKeyInEnvironment:
            return (["--sign", "gpg"], ["CONFIG_API_SIGNING_KEY": keys.gpgSecretKey], nil)
        case .gpgKeyring:
            return (["--sign", "gpg", "--signing-key", keys.gpgFingerprint], ["GNUPGHOME": keys.signingHome], nil)
        }
    }

    @Test(arguments: SigningWorkspace.Remote.allCases)
    func anUnsignedApplyIsRefusedWithTheHooksMessage(remote: SigningWorkspace.Remote) throws {
        let setting = try SigningWorkspace()
        let result = try setting.bump("3f2c1a9", via: remote)
        #expect(result.status == 73, "\(result.standardError)")
        #expect(result.standardError.contains("pre-receive hook declined"), "\(result.standardError)")
        #expect(result.standardError.contains("is not signed by an allowed key"), "\(result.standardError)")
        #expect(try setting.remote.commitCount() == 1)
    }

    @Test(arguments: SigningWorkspace.Remote.allCases, KeySource.allCases)
    func aSignedApplyLandsAndVerifies(remote: SigningWorkspace.Remote, source: KeySource) throws {
        let setting = try SigningWorkspace()
        let (arguments, environment, agent) = try Self.signing(source, setting.keys)
        defer { agent?.stop() }
        let scratch = try TemporaryFolder("t")  // short: gpg-agent's socket lives under it
        let result = try setting.bump("3f2c1a9", via: remote, arguments + ["-v"],
                                      environment: environment.merging(["TMPDIR": scratch.path]) { $1 })

        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("pushed "))
        #expect(try setting.remote.commitCount() == 2)
        let tip = try setting.remote.tip()
        #expect(try setting.verifies(tip))
        let header = try GitCLI.run(["cat-file", "commit", tip], in: setting.remote.path)
        #expect(header.contains(source.rawValue.hasPrefix("ssh") ? "gpgsig -----BEGIN SSH SIGNATURE-----"
                                                                 : "gpgsig -----BEGIN PGP SIGNATURE-----"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        #expect(!leftovers.contains { $0.hasPrefix("config-api-signing-") }, "the key's private folder is removed")
        if source == .sshKeyInEnvironment {
            #expect(result.standardError.contains("-f \(scratch.path)/config-api-signing-"), "the key lived in TMPDIR")
        }
    }

    /// Sixteen writers, half signing with an SSH key file and half with a GPG key from the
    /// environment, each bumping its own application over smart HTTP: all sixteen land, each
    /// commit verifies, and writers had to retry (each retry signs its new commit).
    @Test func sixteenSignedWritersLandSixteenVerifiedCommits() throws {
        let writers = 16
        let file = ConcurrentApplyTests.file
        let setting = try SigningWorkspace(files: [file: ConcurrentApplyTests.fleet(writers)])
        let keys = setting.keys
        let jobs = (0..<writers).map { index in
            let signing = index.isMultiple(of: 2) ? ["--sign", "ssh", "--signing-key", keys.sshPrivateKey]
                                                  : ["--sign", "gpg"]
            return (ConcurrentApplyTests.apply(index) + setting.remoteArguments(.smartHTTP) + signing,
                    setting.workspace.folder.path)
        }
        let results = try ProcessBatch.run(
            jobs,
            environment: GitWorkspace.environment([
                "CONFIG_API_TOKEN": SigningWorkspace.token, "CONFIG_API_SIGNING_KEY": keys.gpgSecretKey,
            ]), logs: setting.workspace.folder)

        for (index, result) in results.enumerated() {
            #expect(result.status == 0, "writer \(index): \(result.standardError)")
        }
        #expect(try setting.remote.commitCount() == writers + 1)
        #expect(try setting.remote.mergeCount() == 0)
        let commits = try setting.remote.log("%H").dropLast()
        #expect(commits.count == writers)
        for commit in commits {
            #expect(try setting.verifies(commit), "\(commit) does not verify")
        }
        let content = try setting.remote.content(of: file)
        for index in 0..<writers {
            #expect(content.contains("hash: \(ConcurrentApplyTests.hash(index))\n"), "app-\(index)")
        }
        let retries = results.map { $0.standardError.components(separatedBy: "moved, retrying (attempt").count - 1 }
        print("16 signed writers: \(retries.reduce(0, +)) retries in all, at most \(retries.max() ?? 0) for one writer")
        #expect(retries.reduce(0, +) > 0, "no writer had to retry: the storm did not race")
    }
}
