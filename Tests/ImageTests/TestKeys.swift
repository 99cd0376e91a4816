import Foundation

/// Keys for the image tests, made with this machine's ssh-keygen and gpg (no passphrases): an
/// SSH key, an OpenPGP key in a GnuPG home of its own, and the `git verify-commit` that checks
/// commits against them. The GnuPG home's agent is stopped by `stop()`.
struct TestKeys {
    let sshPrivateKey: String
    let allowedSigners: URL
    let gnupgHome: URL
    let gpgSecretKey: String

    init(in folder: URL, email: String) throws {
        let sshKey = folder.appendingPathComponent("id_ed25519")
        try Command.check("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", email, "-f", sshKey.path])
        sshPrivateKey = try String(contentsOf: sshKey, encoding: .utf8)
        let publicKey = try String(contentsOf: sshKey.appendingPathExtension("pub"), encoding: .utf8)
        allowedSigners = folder.appendingPathComponent("allowed_signers")
        try "\(email) \(publicKey)".write(to: allowedSigners, atomically: true, encoding: .utf8)
        gnupgHome = folder.appendingPathComponent("gnupg")
        try FileManager.default.createDirectory(at: gnupgHome, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let gpg = ProcessInfo.processInfo.environment.merging(["GNUPGHOME": gnupgHome.path]) { $1 }
        try Command.check("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Signer <\(email)>", "ed25519",
                                  "sign", "never"], environment: gpg)
        gpgSecretKey = try Command.run("gpg", ["--batch", "--armor", "--export-secret-keys"], environment: gpg)
            .standardOutput
    }

    /// Stops the GnuPG home's agent.
    func stop() {
        let gpg = ProcessInfo.processInfo.environment.merging(["GNUPGHOME": gnupgHome.path]) { $1 }
        _ = try? Command.run("gpgconf", ["--kill", "all"], environment: gpg)
    }

    /// A line from the middle of each private key: it must never be printed.
    var fragments: [String] {
        [sshPrivateKey, gpgSecretKey].map { key in
            let lines = key.split(separator: "\n").filter { $0.count > 40 }
            return String(lines[lines.count / 2])
        }
    }

    /// Whether `git verify-commit COMMIT` accepts the commit in the repository `repository`.
    func verifies(_ commit: String, in repository: URL) throws -> Bool {
        let environment = FixtureGit.environment.merging(["GNUPGHOME": gnupgHome.path]) { $1 }
        return try Command.run("git", ["-c", "gpg.ssh.allowedSignersFile=\(allowedSigners.path)", "verify-commit",
                                       commit], in: repository, environment: environment).status == 0
    }
}
