internal import SystemCalls

/// The key `ssh-keygen -Y sign` is given: a file named by `--signing-key` (a private key, or a
/// public key whose private half the ssh-agent holds), or the key material written to a file
/// of mode 0600 in the signer's private folder (`-U` for a public key: the agent signs).
struct SSHSigningKey {
    /// `ssh-keygen`'s arguments for signing as git does.
    let arguments: [String]

    static func locate(_ request: SigningRequest, material: SigningKeyMaterial?,
                       in folder: String) throws -> SSHSigningKey {
        if let material {
            switch material.kind {
            case .sshPrivateKey:
                return SSHSigningKey(arguments: signing(with: try write(material, in: folder)))
            case .sshPublicKey:
                return SSHSigningKey(arguments: signing(with: try write(material, in: folder)) + ["-U"])
            case .openPGPSecretKey:
                throw GitOpsError.signingFailed(reason: "CONFIG_API_SIGNING_KEY holds an OpenPGP key: use --sign gpg")
            case .unknown:
                throw GitOpsError.signingFailed(
                    reason: "CONFIG_API_SIGNING_KEY holds no SSH key (an OpenSSH private key, "
                        + "-----BEGIN OPENSSH PRIVATE KEY-----, or the public key of one the ssh-agent holds)")
            }
        }
        guard let path = request.key, !path.isEmpty else {
            throw GitOpsError.signingFailed(
                reason: "no SSH signing key: pass --signing-key FILE (a private key, or a public key whose private "
                    + "half is in the ssh-agent), or set CONFIG_API_SIGNING_KEY or git config user.signingKey")
        }
        guard (try? FileSystem.status(of: path)) ?? nil != nil else {
            throw GitOpsError.signingFailed(reason: "no SSH signing key at \(path)")
        }
        return SSHSigningKey(arguments: signing(with: path))
    }

    /// git's `ssh-keygen -Y sign -n git -f KEY` (the data on standard input).
    private static func signing(with keyFile: String) -> [String] {
        ["-Y", "sign", "-n", "git", "-f", keyFile]
    }

    /// Writes the key to a new file of mode 0600 in `folder`; returns its path.
    private static func write(_ material: SigningKeyMaterial, in folder: String) throws -> String {
        do {
            let (file, path) = try FileDescriptor.createUniqueFile(in: folder, prefix: "signing-key-")
            try file.writeAll(material.text.utf8)
            return path
        } catch {
            throw GitOpsError.writeFailed(error)
        }
    }
}
