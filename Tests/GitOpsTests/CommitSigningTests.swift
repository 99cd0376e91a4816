import Foundation
@testable import GitOps
import TestSupport
import Testing

/// Commits signed as git signs them, checked by `git verify-commit`: the key from a file, from
/// the environment (a private file, a temporary GnuPG home), every attempt signing its own
/// commit, and keys that cannot sign refused before anything is written.
@Suite struct CommitSigningTests {
    let keys: SigningKeys

    init() throws {
        keys = try SigningKeys(email: testAuthor.email)
    }

    /// A transaction on a local remote whose pre-receive hook verifies every new commit.
    func verifyingWorkspace() throws -> (LocalWorkspace, String) {
        let workspace = try LocalWorkspace()
        try workspace.remote.installHook("pre-receive", script: keys.verifyingHook)
        return (workspace, try workspace.clone("clone"))
    }

    @Test(arguments: SigningRequest.Format.allCases)
    func aSignedCommitLandsAndVerifies(format: SigningRequest.Format) throws {
        let (workspace, clone) = try verifyingWorkspace()
        let request = format == .ssh ? SigningRequest(format: .ssh, key: keys.sshPrivateKey)
                                     : SigningRequest(format: .gpg, keyMaterial: keys.gpgSecretKey)
        let signer = try CommitSigner.prepare(request, logger: quietLogger)
        defer { signer.close() }
        var transaction = try workspace.transaction(in: clone)
        transaction.signer = signer
        let outcome = try transaction.commit(file: DemoFile.path, message: "signed", push: true,
                                             edit: DemoFile.setting(1, to: "signed"))

        let commit = try #require(outcome.commit)
        #expect(try workspace.remote.tip() == commit)
        let verification = try keys.verify(commit, in: workspace.remote.path)
        #expect(verification.verified, "\(verification.output)")
        let header = try GitCLI.run(["cat-file", "commit", commit], in: workspace.remote.path)
        #expect(header.contains(format == .ssh ? "gpgsig -----BEGIN SSH SIGNATURE-----\n"
                                               : "gpgsig -----BEGIN PGP SIGNATURE-----\n"))
        #expect(header.hasSuffix(" SIGNATURE-----\n\nsigned"), "the message follows the signature's last line")
    }

    @Test func anUnsignedCommitIsRefusedByTheVerifyingHook() throws {
        let (workspace, clone) = try verifyingWorkspace()
        #expect {
            try workspace.transaction(in: clone)
                .commit(file: DemoFile.path, message: "unsigned", push: true, edit: DemoFile.setting(1, to: "x"))
        } throws: { error in
            guard case .rejectedByServer(let reason) = error as? GitOpsError else { return false }
            return reason.contains("is not signed by an allowed key")
        }
        #expect(try workspace.remote.commitCount() == 1)
    }

    /// A competitor lands between the first attempt's fetch and push: the retry builds a new
    /// commit on the new tip and signs it; a signature of the first commit would not verify.
    @Test func everyAttemptSignsItsOwnCommit() throws {
        let (workspace, clone) = try verifyingWorkspace()
        let competitor = try workspace.clone("competitor")
        let signer = try CommitSigner.prepare(SigningRequest(format: .ssh, key: keys.sshPrivateKey),
                                              logger: quietLogger)
        defer { signer.close() }
        var transaction = try workspace.transaction(in: clone)
        transaction.signer = signer
        var attempts = 0
        let outcome = try transaction.commit(file: DemoFile.path, message: "mine", push: true) { current in
            attempts += 1
            if attempts == 1 {
                try GitCLI.run(["-c", "user.signingKey=\(keys.sshPrivateKey)", "-c", "gpg.format=ssh",
                                "commit", "--quiet", "--allow-empty", "-S", "-m", "theirs"], in: competitor)
                try GitCLI.run(["push", "--quiet", "origin", "HEAD"], in: competitor)
            }
            return try DemoFile.setting(0, to: "mine")(current)
        }

        #expect(outcome.attempts == 2)
        #expect(try workspace.remote.log("%s") == ["mine", "theirs", "seed"])
        for commit in try workspace.remote.log("%H").prefix(2) {
            #expect(try keys.verify(commit, in: workspace.remote.path).verified, "\(commit)")
        }
    }

    @Test func theSignatureIsWhatGitWouldWrite() throws {
        let (workspace, clone) = try verifyingWorkspace()
        let signer = try CommitSigner.prepare(SigningRequest(format: .ssh, key: keys.sshPrivateKey),
                                              logger: quietLogger)
        defer { signer.close() }
        var transaction = try workspace.transaction(in: clone)
        transaction.signer = signer
        let commit = try #require(try transaction.commit(file: DemoFile.path, message: "signed", push: true,
                                                         edit: DemoFile.setting(2, to: "y")).commit)
        // git's own parser finds the payload and the signature and checks them with ssh-keygen.
        let shown = try GitCLI.run(["-c", "gpg.ssh.allowedSignersFile=\(keys.allowedSigners)", "log", "-1",
                                    "--format=%G?|%GS", commit], in: workspace.remote.path)
        #expect(shown == "G|\(keys.email)")
    }

    @Test func keysThatCannotSignAreRefusedBeforeAnyCommit() throws {
        let privateKey = try String(contentsOfFile: keys.sshPrivateKey, encoding: .utf8)
        var lines = privateKey.split(separator: "\n").map(String.init)
        lines[2] = String(lines[2].reversed())
        let corrupted = lines.joined(separator: "\n")
        let refused: [(SigningRequest, String)] = [
            (SigningRequest(format: .ssh), "no SSH signing key"),
            (SigningRequest(format: .ssh, key: keys.folder.child("missing")), "no SSH signing key at"),
            (SigningRequest(format: .ssh, keyMaterial: corrupted), "cannot sign the commit"),
            (SigningRequest(format: .ssh, keyMaterial: keys.gpgSecretKey), "holds an OpenPGP key: use --sign gpg"),
            (SigningRequest(format: .gpg, keyMaterial: privateKey), "(it holds an SSH key: use --sign ssh)"),
            (SigningRequest(format: .gpg, key: "0xDEADBEEF", keyMaterial: keys.gpgSecretKey), "cannot sign the commit"),
        ]
        let fragments = try keys.privateKeyFragments() + [lines[2]]
        for (request, message) in refused {
            #expect {
                _ = try CommitSigner.prepare(request, logger: quietLogger)
            } throws: { error in
                guard case .signingFailed = error as? GitOpsError else { return false }
                let text = "\(error)"
                return text.contains(message) && !fragments.contains(where: text.contains)
            }
        }
    }

    @Test func keyMaterialIsNormalisedAndClassified() throws {
        let material = try #require(SigningKeyMaterial(text: "\r\n-----BEGIN OPENSSH PRIVATE KEY-----\r\nAAAA\r\n"
                                                       + "-----END OPENSSH PRIVATE KEY-----"))
        #expect(material.kind == .sshPrivateKey)
        #expect(material.text == "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")
        #expect(SigningKeyMaterial(text: "  \n ") == nil)
        #expect(SigningKeyMaterial(text: "ssh-ed25519 AAAAC3Nza comment")?.kind == .sshPublicKey)
        #expect(SigningKeyMaterial(text: "-----BEGIN PGP PRIVATE KEY BLOCK-----\nx\n")?.kind == .openPGPSecretKey)
        #expect(SigningKeyMaterial(text: "hunter2")?.kind == .unknown)
        let listing = "sec:u:255:22:ABCD:1:::u:::scESC:::+:::ed25519:::0:\nfpr:::::::::0123456789ABCDEF:\n"
        #expect(GnuPGHome.firstSecretKeyFingerprint(in: "pub:u\nfpr:::::::::FFFF:\n" + listing) == "0123456789ABCDEF")
    }
}
