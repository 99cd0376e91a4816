import Logging
internal import SystemCalls

/// Signs commits exactly as git does (docs/contract.md#signed-and-traceable-commits): the
/// commit's text goes on the standard input of `ssh-keygen -Y sign -n git -f KEY` or of
/// `gpg --detach-sign --armor [--local-user KEY]`, and the armored signature it prints goes
/// into the commit's `gpgsig` header. `prepare` checks the key by signing a probe before any
/// commit is made, so a missing or unusable key stops the run before anything is pushed.
///
/// Key material from the environment lives only in a private folder (mode 0700: an SSH key
/// file of mode 0600, or a temporary GnuPG home), removed by `close()`. It never appears in a
/// message: any line of it is cut out of what the programs print.
public final class CommitSigner {
    /// The signature format.
    public let format: SigningRequest.Format
    private let program: SignerProgram
    private let arguments: [String]
    private let secrets: [String]
    private let temporaryGnuPGHome: Bool
    private var closed = false

    /// What the probe signs.
    static let probe = Array("config-api signing probe\n".utf8)

    private init(format: SigningRequest.Format, program: SignerProgram, arguments: [String], secrets: [String],
                 temporaryGnuPGHome: Bool) {
        self.format = format
        self.program = program
        self.arguments = arguments
        self.secrets = secrets
        self.temporaryGnuPGHome = temporaryGnuPGHome
    }

    deinit {
        close()
    }

    /// A signer for `request`, its key checked by signing a probe. Throws `signingFailed` (no
    /// key, or one that cannot sign) or `signerUnavailable` (the program is not installed);
    /// whatever it wrote is removed first.
    public static func prepare(_ request: SigningRequest, timeout: Double = 60, logger: Logger) throws -> CommitSigner {
        let folder: String
        do {
            folder = try FileSystem.createUniqueDirectory(in: temporaryDirectory, prefix: "config-api-signing-")
        } catch {
            throw GitOpsError.writeFailed(error)
        }
        let material = request.keyMaterial.flatMap(SigningKeyMaterial.init(text:))
        do {
            let signer = try make(request, material: material, folder: folder, timeout: timeout)
            do {
                _ = try signer.sign(probe)
            } catch {
                signer.close()
                throw error
            }
            logger.debug("signing with \(request.format.program) \(signer.arguments.joined(separator: " "))")
            return signer
        } catch let error as GitOpsError {
            try? FileSystem.removeTree(folder)
            throw error.redacting(lines: material?.secretLines ?? [])
        }
    }

    private static func make(_ request: SigningRequest, material: SigningKeyMaterial?, folder: String,
                             timeout: Double) throws -> CommitSigner {
        switch request.format {
        case .ssh:
            let program = SignerProgram(folder: folder, environment: SignerProgram.environment(), timeout: timeout)
            let key = try SSHSigningKey.locate(request, material: material, in: folder)
            return CommitSigner(format: .ssh, program: program, arguments: key.arguments,
                                secrets: material?.secretLines ?? [], temporaryGnuPGHome: false)
        case .gpg:
            guard let material else {
                let program = SignerProgram(folder: folder, environment: SignerProgram.environment(),
                                            timeout: timeout)
                return CommitSigner(format: .gpg, program: program, arguments: gpgArguments(key: request.key),
                                    secrets: [], temporaryGnuPGHome: false)
            }
            let home = try GnuPGHome.create(in: folder, timeout: timeout)
            do {
                let fingerprint = try home.importSecretKey(material)
                return CommitSigner(format: .gpg, program: home.program,
                                    arguments: gpgArguments(key: request.key ?? fingerprint),
                                    secrets: material.secretLines, temporaryGnuPGHome: true)
            } catch {
                home.stopAgent()
                throw error
            }
        }
    }

    /// git's `gpg --status-fd=2 -bsau KEY`, spelt out, never asking on a terminal.
    private static func gpgArguments(key: String?) -> [String] {
        ["--batch", "--no-tty", "--status-fd=2", "--detach-sign", "--armor"] + (key.map { ["--local-user", $0] } ?? [])
    }

    /// The armored signature of `buffer` (without its final newline, as git stores it).
    func sign(_ buffer: [UInt8]) throws -> String {
        let run = try program.run(format.program, arguments, input: buffer)
        let marker = format == .ssh ? "-----BEGIN SSH SIGNATURE-----" : "-----BEGIN PGP SIGNATURE-----"
        let created = format == .ssh || run.errors.contains("[GNUPG:] SIG_CREATED ")
        guard run.status == 0, created, let start = run.output.firstRange(of: marker) else {
            throw GitOpsError.signingFailed(reason: failure(of: run))
        }
        var signature = String(run.output[start.lowerBound...])
        while signature.hasSuffix("\n") { signature.removeLast() }
        return signature
    }

    /// Why a run did not sign: what the program said (without gpg's status lines), any line of
    /// the key material cut out.
    private func failure(of run: SignerProgram.Run) -> String {
        let said = run.errors.split(separator: "\n").filter { !$0.hasPrefix("[GNUPG:]") }.joined(separator: "\n")
        let text = displayableServerText(said, limit: 600)
        var reason = text.isEmpty ? "\(format.program) exited with status \(run.status)" : text
        if format == .ssh, reason.contains("Couldn't load") {
            reason = "not a usable SSH key (a private key, or a public key the ssh-agent holds): ssh-keygen: \(reason)"
        }
        return secrets.reduce(reason) { $0.replacing($1, with: "***") }
    }

    /// Removes the private folder and, for a temporary GnuPG home, stops its gpg-agent. Safe to
    /// call more than once.
    public func close() {
        guard !closed else { return }
        closed = true
        if temporaryGnuPGHome { GnuPGHome(program: program).stopAgent() }
        try? FileSystem.removeTree(program.folder)
    }

    /// `TMPDIR` (else `/tmp`); `/tmp` when `TMPDIR` is so long that the socket of gpg-agent in
    /// a temporary GnuPG home (`TMPDIR/config-api-signing-XXXXXX/gnupg-XXXXXX/S.gpg-agent.browser`)
    /// would not fit in a socket address (108 bytes): gpg-agent would not start.
    private static var temporaryDirectory: String {
        let configured = ProcessEnvironment.value(of: "TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return configured.utf8.count <= 48 ? configured : "/tmp"
    }
}
