import GitOps
import Logging
import ProjectConfig

/// What the commit of a request says and where it goes, from `CommitOptions`: the message
/// (the template, its `{trailer:KEY}` placeholders, then the trailers), the `--push-to` branch,
/// and the signer (docs/contract.md#signed-and-traceable-commits).
struct CommitDescription {
    let options: CommitOptions
    let environment: [String: String]

    /// The trailers in the order they are written: `--trailer`s, provenance, then the sign-off
    /// of `committer`.
    func trailers(committer: CommitIdentity) throws -> [CommitTrailer] {
        var trailers = try options.trailers()
        if !options.noProvenance { trailers += Provenance.trailers(from: environment) }
        if options.signoff {
            do {
                trailers.append(try CommitTrailer(key: "Signed-off-by", value: "\(committer)"))
            } catch {
                throw CommandFailure(.usage, "--signoff: \(error)")
            }
        }
        return trailers
    }

    /// The message: `text` (the expanded template) with each `{trailer:KEY}` replaced by the
    /// value of the first trailer of that key (empty when there is none), then the trailers.
    func message(_ text: String, committer: CommitIdentity) throws -> String {
        let trailers = try trailers(committer: committer)
        return CommitMessage.compose(Self.substitutingTrailers(in: text, trailers), trailers: trailers)
    }

    static func substitutingTrailers(in text: String, _ trailers: [CommitTrailer]) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "{trailer:"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            let key = String(rest[open.upperBound..<close])
            result += rest[..<open.lowerBound] + (trailers.first { $0.hasKey(key) }?.value ?? "")
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The branch `--push-to` names for `request`; nil without `--push-to`. A name git would
    /// refuse is a usage error.
    func pushBranch(for request: ResourceRequest) throws -> String? {
        guard let template = options.pushBranchTemplate else { return nil }
        let branch = request.commitMessage(template: template)
        guard try GitRepository.isValidBranchName(branch) else {
            throw CommandFailure(.usage, "--push-to: '\(DisplayText.sanitized(branch))' is not a valid branch name")
        }
        return branch
    }

    /// The signer `--sign` asks for, its key checked (a probe is signed), or nil. The key:
    /// `--signing-key`, else `CONFIG_API_SIGNING_KEY` (the key itself), else git config
    /// `user.signingKey`, else (gpg only) gpg's default key.
    func signer(for repository: GitRepository, logger: Logger) throws -> CommitSigner? {
        let material = environment["CONFIG_API_SIGNING_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        guard let format = options.sign.format else {
            if material != nil {
                logger.warning("CONFIG_API_SIGNING_KEY is set but --sign is not: the commit is not signed")
            }
            return nil
        }
        let request: SigningRequest
        if let key = options.signingKey {
            request = SigningRequest(format: format, key: key)
        } else if let material {
            request = SigningRequest(format: format, keyMaterial: material)
        } else {
            request = SigningRequest(format: format, key: repository.configuredPath("user.signingKey"))
        }
        return try CommitSigner.prepare(request, logger: logger)
    }
}
