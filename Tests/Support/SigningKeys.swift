import Foundation

/// Keys that sign commits in tests, made with the real tools, without passphrases: an SSH key
/// pair (`ssh-keygen`) and an OpenPGP key (`gpg`, in a GnuPG home of its own); what `git
/// verify-commit` checks them with (an allowed-signers file, a second GnuPG home holding only
/// the public key); and a pre-receive hook that refuses every new commit git cannot verify.
/// The GnuPG homes' agents are stopped when the object goes away.
public final class SigningKeys: @unchecked Sendable {
    public let folder: TemporaryFolder
    /// The e-mail address the keys belong to (the allowed signer's principal).
    public let email: String
    /// The SSH private key file (mode 0600) and its `.pub`.
    public let sshPrivateKey: String
    public var sshPublicKey: String { "\(sshPrivateKey).pub" }
    /// `gpg.ssh.allowedSignersFile` for verification.
    public let allowedSigners: String
    /// The GnuPG home holding the secret key (`GNUPGHOME` for signing with a key id).
    public let signingHome: String
    /// The GnuPG home holding only the public key, for verification.
    public let verifyingHome: String
    /// The OpenPGP key's fingerprint.
    public let gpgFingerprint: String
    /// The ASCII-armored OpenPGP secret key (what `CONFIG_API_SIGNING_KEY` holds for gpg).
    public let gpgSecretKey: String

    public init(email: String = "signer@example.com") throws {
        self.email = email
        folder = try TemporaryFolder("config-api-keys")
        sshPrivateKey = folder.child("id_ed25519")
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", email, "-f", sshPrivateKey])
        let publicKey = try String(contentsOfFile: "\(sshPrivateKey).pub", encoding: .utf8)
        allowedSigners = folder.child("allowed_signers")
        try "\(email) namespaces=\"git\" \(publicKey)".write(toFile: allowedSigners, atomically: true, encoding: .utf8)

        signingHome = folder.child("gnupg-signing")
        verifyingHome = folder.child("gnupg-verifying")
        for home in [signingHome, verifyingHome] {
            try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let signing = ["GNUPGHOME": signingHome]
        try Self.run("/usr/bin/gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Signer <\(email)>",
                                      "ed25519", "sign", "never"], environment: signing)
        let listing = try Self.run("/usr/bin/gpg", ["--batch", "--with-colons", "--list-secret-keys"],
                                   environment: signing)
        gpgFingerprint = try Self.fingerprint(in: listing)
        gpgSecretKey = try Self.run("/usr/bin/gpg", ["--batch", "--armor", "--export-secret-keys", gpgFingerprint],
                                    environment: signing)
        let publicArmor = folder.child("public.asc")
        try Self.run("/usr/bin/gpg", ["--batch", "--armor", "--output", publicArmor, "--export", gpgFingerprint],
                     environment: signing)
        try Self.run("/usr/bin/gpg", ["--batch", "--import", publicArmor], environment: ["GNUPGHOME": verifyingHome])
    }

    deinit {
        for home in [signingHome, verifyingHome] {
            _ = try? Self.run("/usr/bin/gpgconf", ["--kill", "all"], environment: ["GNUPGHOME": home])
        }
    }

    /// A line from the middle of each private key: text that must never appear in any output.
    public func privateKeyFragments() throws -> [String] {
        let ssh = try String(contentsOfFile: sshPrivateKey, encoding: .utf8).split(separator: "\n")
        let gpg = gpgSecretKey.split(separator: "\n").filter { $0.count > 40 }
        return [String(ssh[ssh.count / 2]), String(gpg[gpg.count / 2])]
    }

    /// A `pre-receive` hook (a shell script body) that runs `git verify-commit` on every commit
    /// an update brings and refuses the push, naming the commit, when one does not verify.
    public var verifyingHook: String {
        """
        zero=0000000000000000000000000000000000000000
        export GNUPGHOME='\(verifyingHome)'
        while read -r old new ref; do
            [ "$new" = "$zero" ] && continue
            if [ "$old" = "$zero" ]; then range="$new --not --all"; else range="$old..$new"; fi
            for commit in $(git rev-list $range); do
                if ! git -c gpg.ssh.allowedSignersFile='\(allowedSigners)' verify-commit "$commit" >/dev/null 2>&1
                then
                    echo "signature check: $commit is not signed by an allowed key"
                    exit 1
                fi
            done
        done
        """
    }

    /// `git verify-commit COMMIT` in the repository at `path`: whether it verifies, and what
    /// git and the verifier printed.
    public func verify(_ commit: String, in path: String) throws -> (verified: Bool, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "gpg.ssh.allowedSignersFile=\(allowedSigners)", "verify-commit", commit]
        process.environment = GitCLI.environment.merging(["GNUPGHOME": verifyingHome]) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: path)
        let (status, output) = try process.runCollectingOutput()
        return (status == 0, output)
    }

    @discardableResult
    private static func run(_ executable: String, _ arguments: [String],
                            environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let errors = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureFailure(description: "\(executable) \(arguments.joined(separator: " ")) failed")
        }
        return text
    }

    private static func fingerprint(in listing: String) throws -> String {
        let record = listing.split(separator: "\n").first { $0.hasPrefix("fpr:") }
        guard let fields = record?.split(separator: ":", omittingEmptySubsequences: false), fields.count > 9 else {
            throw FixtureFailure(description: "gpg listed no fingerprint")
        }
        return String(fields[9])
    }
}
