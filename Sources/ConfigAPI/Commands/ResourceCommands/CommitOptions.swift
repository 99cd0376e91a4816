import ArgumentParser
import GitOps

/// How resource commands sign, describe and place their commits: signatures, trailers and
/// `--push-to` (docs/contract.md#signed-and-traceable-commits).
struct CommitOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Sign the commit as git does: ssh (ssh-keygen -Y sign) or gpg (gpg --detach-sign); none signs nothing.",
            valueName: "ssh|gpg|none"))
    var sign: Signing = .none

    @Option(
        help: ArgumentHelp(
            "ssh: a key file (a public key signs with the ssh-agent's key); gpg: a key id. Default: "
                + "CONFIG_API_SIGNING_KEY (the private key itself), else git config user.signingKey.",
            valueName: "PATH|KEYID"))
    var signingKey: String?

    @Option(
        name: .customLong("trailer"),
        help: ArgumentHelp(
            "Add a trailer to the message (repeatable; several lines add one trailer each).",
            valueName: "\"Key: value\""))
    var trailerArguments: [String] = []

    @Flag(inversion: .prefixedNo, help: "Add Signed-off-by: with the committer's name and e-mail.")
    var signoff = false

    @Flag(help: "Add no provenance trailers (the GitHub Actions run, the Argo workflow).")
    var noProvenance = false

    @Option(
        help: ArgumentHelp(
            "Push to this branch instead (created, or replaced under a lease), for a branch that takes pull "
                + "requests only; {project}, {kind}, {name}, {action} are replaced. Empty: the branch itself.",
            valueName: "BRANCH-TEMPLATE"))
    var pushTo: String?

    /// `--sign`: a signature format, or none (also given as an empty value, as the Action does).
    enum Signing: String, ExpressibleByArgument, CaseIterable {
        case none, ssh, gpg

        init?(argument: String) {
            self.init(rawValue: argument.isEmpty ? "none" : argument)
        }

        /// The format to sign with; nil for none.
        var format: SigningRequest.Format? { SigningRequest.Format(rawValue: rawValue) }
    }

    func validate() throws {
        if signingKey != nil, sign == .none {
            throw ValidationError("--signing-key needs --sign ssh or --sign gpg")
        }
        _ = try trailers()
        if let template = pushBranchTemplate {
            let placeholders = ["{project}", "{kind}", "{name}", "{action}", "{path}"]
            let rest = placeholders.reduce(template) { $0.replacing($1, with: "x") }
            guard !rest.contains("{"), !rest.contains("}") else {
                let names = placeholders.joined(separator: ", ")
                throw ValidationError("--push-to: only \(names) are replaced in '\(template)'")
            }
        }
    }

    /// The `--trailer` values as trailers, one per non-blank line; a malformed one is a usage error.
    func trailers() throws -> [CommitTrailer] {
        var trailers: [CommitTrailer] = []
        for line in trailerArguments.flatMap({ $0.split(whereSeparator: \.isNewline) }) {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            do {
                trailers.append(try CommitTrailer(parsing: String(line)))
            } catch {
                throw ValidationError("--trailer: \(error)")
            }
        }
        return trailers
    }

    /// `--push-to`'s template; nil when absent or empty.
    var pushBranchTemplate: String? { pushTo.flatMap { $0.isEmpty ? nil : $0 } }
}
