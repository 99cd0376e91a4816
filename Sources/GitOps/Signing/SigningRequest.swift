/// How the commits of a transaction are signed (docs/contract.md#signed-and-traceable-commits):
/// the format and where the key comes from.
public struct SigningRequest: Sendable {
    /// The two signature formats git writes into a commit's `gpgsig` header.
    public enum Format: String, Sendable, CaseIterable {
        /// `ssh-keygen -Y sign -n git` (git's `gpg.format=ssh`).
        case ssh
        /// `gpg --detach-sign --armor` (git's default, `gpg.format=openpgp`).
        case gpg

        /// The program that makes the signature.
        var program: String {
            switch self {
            case .ssh: "ssh-keygen"
            case .gpg: "gpg"
            }
        }
    }

    /// The signature format.
    public var format: Format
    /// For ssh a key file (a private key signs with itself; a public key signs with the
    /// ssh-agent's matching key), for gpg a key id or fingerprint (`--local-user`); nil: none
    /// given (gpg then uses its default key).
    public var key: String?
    /// The private key itself (`CONFIG_API_SIGNING_KEY`, a CI secret): an OpenSSH private key,
    /// or an ASCII-armored OpenPGP secret key. Written to a private temporary file (ssh) or
    /// imported into a temporary GnuPG home (gpg), both removed when the signer closes; never
    /// printed. Takes precedence over `key` for ssh; for gpg, `key` then picks the key to use.
    public var keyMaterial: String?

    /// A request from its parts.
    public init(format: Format, key: String? = nil, keyMaterial: String? = nil) {
        self.format = format
        self.key = key
        self.keyMaterial = keyMaterial
    }
}
