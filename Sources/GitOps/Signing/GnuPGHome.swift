internal import SystemCalls

/// A temporary GnuPG home (mode 0700) inside the signer's private folder, into which the
/// OpenPGP secret key of `CONFIG_API_SIGNING_KEY` is imported; its gpg-agent is stopped when
/// the signer closes.
struct GnuPGHome {
    /// Runs gpg and gpgconf with `GNUPGHOME` set to this home.
    let program: SignerProgram

    /// A new home in `folder`.
    static func create(in folder: String, timeout: Double) throws -> GnuPGHome {
        let home: String
        do {
            home = try FileSystem.createUniqueDirectory(in: folder, prefix: "gnupg-")
        } catch {
            throw GitOpsError.writeFailed(error)
        }
        let environment = SignerProgram.environment(overriding: ["GNUPGHOME": home])
        return GnuPGHome(program: SignerProgram(folder: folder, environment: environment, timeout: timeout))
    }

    /// Imports `material` (`gpg --import`, the key on standard input); returns the fingerprint
    /// of the first secret key the home then holds.
    func importSecretKey(_ material: SigningKeyMaterial) throws -> String {
        guard material.kind == .openPGPSecretKey else {
            let hint = material.kind == .unknown ? "" : " (it holds an SSH key: use --sign ssh)"
            throw GitOpsError.signingFailed(
                reason: "CONFIG_API_SIGNING_KEY holds no OpenPGP secret key "
                    + "(-----BEGIN PGP PRIVATE KEY BLOCK-----)\(hint)")
        }
        let imported = try program.run("gpg", ["--batch", "--no-tty", "--import"], input: Array(material.text.utf8))
        guard imported.status == 0 else {
            let said = displayableServerText(imported.errors, limit: 600)
            throw GitOpsError.signingFailed(reason: "gpg could not import CONFIG_API_SIGNING_KEY: \(said)")
        }
        let listed = try program.run("gpg", ["--batch", "--no-tty", "--with-colons", "--list-secret-keys"])
        guard let fingerprint = Self.firstSecretKeyFingerprint(in: listed.output) else {
            throw GitOpsError.signingFailed(reason: "CONFIG_API_SIGNING_KEY gave gpg no secret key")
        }
        return fingerprint
    }

    /// `gpgconf --kill gpg-agent` for this home (a failure is ignored: the agent also ends once
    /// its home is gone).
    func stopAgent() {
        _ = try? program.run("gpgconf", ["--kill", "gpg-agent"])
    }

    /// The fingerprint (`fpr` record, field 10) that follows the first `sec` record of
    /// `gpg --with-colons` output.
    static func firstSecretKeyFingerprint(in listing: String) -> String? {
        var inSecretKey = false
        for line in listing.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            if fields.first == "sec" { inSecretKey = true }
            if inSecretKey, fields.first == "fpr", fields.count > 9, !fields[9].isEmpty { return String(fields[9]) }
        }
        return nil
    }
}
