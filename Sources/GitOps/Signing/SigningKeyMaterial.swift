/// A private key given as text (`CONFIG_API_SIGNING_KEY`), normalised as CI secrets need it:
/// CR LF line ends become LF, blank lines around it are dropped, and it ends with one newline
/// (ssh-keygen reads no key without its final newline).
struct SigningKeyMaterial {
    /// What the text holds.
    enum Kind {
        /// An OpenSSH or PEM private key (`-----BEGIN OPENSSH PRIVATE KEY-----`, …).
        case sshPrivateKey
        /// An SSH public key line (`ssh-ed25519 AAAA… comment`): the ssh-agent holds the private half.
        case sshPublicKey
        /// An ASCII-armored OpenPGP secret key (`-----BEGIN PGP PRIVATE KEY BLOCK-----`).
        case openPGPSecretKey
        case unknown
    }

    let text: String
    let kind: Kind

    /// The material in `text`; nil when it is empty or blank (an unset CI secret).
    init?(text raw: String) {
        let lines = raw.replacing("\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces }
        guard let first = lines.firstIndex(where: { !$0.isEmpty }),
              let last = lines.lastIndex(where: { !$0.isEmpty }) else { return nil }
        text = lines[first...last].joined(separator: "\n") + "\n"
        if text.contains("-----BEGIN PGP PRIVATE KEY BLOCK-----") {
            kind = .openPGPSecretKey
        } else if text.contains("PRIVATE KEY-----") {
            kind = .sshPrivateKey
        } else if ["ssh-", "ecdsa-", "sk-"].contains(where: text.hasPrefix), !text.dropLast().contains("\n") {
            kind = .sshPublicKey
        } else {
            kind = .unknown
        }
    }

    /// The lines worth cutting out of any message (the key's body: every line of 16 characters
    /// or more that is not an armor line).
    var secretLines: [String] {
        text.split(separator: "\n").map(String.init).filter { $0.count >= 16 && !$0.hasPrefix("-----") }
    }
}
