import Foundation
import TestSupport
import Testing

/// A signing key that is absent or cannot sign, or a signing program that is not installed:
/// the documented exit code (77 for the key, 69 for the program), a message that says what to
/// do, nothing pushed, and not one line of the private key in anything config-api prints —
/// with `-v`, and as a GitHub Actions step (annotations, outputs, summary).
@Suite struct SigningKeyFailureTests {
    enum Failure: String, CaseIterable, CustomStringConvertible {
        case noKey, missingKeyFile, corruptKey, openPGPKeyForSSH, sshKeyForGPG, unknownGPGKeyID, notAKey
        case noSSHKeygen, noGPG
        var description: String { rawValue }
    }

    /// The flags, environment, exit status and message of `failure`.
    static func scenario(_ failure: Failure, _ keys: SigningKeys) throws -> (arguments: [String],
                                                                              environment: [String: String],
                                                                              status: Int32, message: String) {
        let sshKey = try String(contentsOfFile: keys.sshPrivateKey, encoding: .utf8)
        var lines = sshKey.split(separator: "\n").map(String.init)
        lines[2] = String(lines[2].reversed())
        let corrupt = lines.joined(separator: "\n")
        switch failure {
        case .noKey:
            return (["--sign", "ssh"], [:], 77, "cannot sign the commit: no SSH signing key: pass --signing-key FILE")
        case .missingKeyFile:
            return (["--sign", "ssh", "--signing-key", keys.folder.child("nothing")], [:], 77, "no SSH signing key at")
        case .corruptKey:
            return (["--sign", "ssh"], ["CONFIG_API_SIGNING_KEY": corrupt], 77, "cannot sign the commit: ")
        case .openPGPKeyForSSH:
            return (["--sign", "ssh"], ["CONFIG_API_SIGNING_KEY": keys.gpgSecretKey], 77,
                    "CONFIG_API_SIGNING_KEY holds an OpenPGP key: use --sign gpg")
        case .sshKeyForGPG:
            return (["--sign", "gpg"], ["CONFIG_API_SIGNING_KEY": sshKey], 77, "(it holds an SSH key: use --sign ssh)")
        case .unknownGPGKeyID:
            return (["--sign", "gpg", "--signing-key", "0x0123456789ABCDEF"], ["GNUPGHOME": keys.signingHome], 77,
                    "cannot sign the commit: gpg: skipped \"0x0123456789ABCDEF\"")
        case .notAKey:
            return (["--sign", "ssh"], ["CONFIG_API_SIGNING_KEY": "hunter2"], 77, "holds no SSH key")
        case .noSSHKeygen:
            return (["--sign", "ssh"], ["CONFIG_API_SIGNING_KEY": sshKey, "PATH": keys.folder.path], 69,
                    "cannot sign the commit: ssh-keygen cannot be run (No such file or directory); install "
                        + "openssh-client")
        case .noGPG:
            return (["--sign", "gpg"], ["CONFIG_API_SIGNING_KEY": keys.gpgSecretKey, "PATH": keys.folder.path], 69,
                    "cannot sign the commit: gpg cannot be run (No such file or directory); install gnupg")
        }
    }

    @Test(arguments: Failure.allCases)
    func aKeyThatCannotSignStopsTheRunBeforeAnyPush(failure: Failure) throws {
        let setting = try SigningWorkspace()
        let (arguments, environment, status, message) = try Self.scenario(failure, setting.keys)
        let actions = try TemporaryFolder("config-api-actions")
        let outputs = [actions.child("output"), actions.child("summary")]
        for file in outputs { _ = FileManager.default.createFile(atPath: file, contents: nil) }
        let runner = [
            "GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": outputs[0], "GITHUB_STEP_SUMMARY": outputs[1],
        ]
        let result = try setting.bump("3f2c1a9", arguments + ["-v"],
                                      environment: environment.merging(runner) { $1 })

        #expect(result.status == status, "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardOutput.contains("::error::cannot sign the commit: "), "\(result.standardOutput)")
        #expect(try setting.remote.commitCount() == 1, "nothing pushed")
        let printed = try [result.standardOutput, result.standardError]
            + outputs.map { try String(contentsOfFile: $0, encoding: .utf8) }
        for fragment in try setting.keys.privateKeyFragments() {
            #expect(!printed.contains { $0.contains(fragment) }, "a line of the private key was printed")
        }
    }

    /// A key that signs, but not one the remote allows: the remote refuses the commit (73).
    @Test func aKeyTheRemoteDoesNotAllowIsRefusedByItsHook() throws {
        let setting = try SigningWorkspace()
        let stranger = try SigningKeys(email: "stranger@example.com")
        let result = try setting.bump("3f2c1a9", ["--sign", "ssh", "--signing-key", stranger.sshPrivateKey])
        #expect(result.status == 73, "\(result.standardError)")
        #expect(result.standardError.contains("is not signed by an allowed key"))
        #expect(try setting.remote.commitCount() == 1)
    }

    @Test func signingOptionsAreCheckedAsUsage() throws {
        let setting = try SigningWorkspace()
        let keyWithoutSign = try setting.bump("3f2c1a9", ["--signing-key", setting.keys.sshPrivateKey])
        #expect(keyWithoutSign.status == 64)
        #expect(keyWithoutSign.standardError.contains("--signing-key needs --sign ssh or --sign gpg"))
        let unknownFormat = try setting.bump("3f2c1a9", ["--sign", "x509"])
        #expect(unknownFormat.status == 64)
        #expect(try setting.remote.commitCount() == 1)
    }
}
