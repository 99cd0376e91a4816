internal import CLibGit2

/// Owns one `git_signature *`: a name, an e-mail address and a time.
final class SignatureHandle {
    let pointer: UnsafeMutablePointer<git_signature>

    init(_ pointer: UnsafeMutablePointer<git_signature>) {
        self.pointer = pointer
    }

    /// `identity` at the current time.
    convenience init(now identity: CommitIdentity) throws {
        try LibGit2.initialize()
        var signature: UnsafeMutablePointer<git_signature>?
        try LibGit2.check(git_signature_now(&signature, identity.name, identity.email), "signature \(identity)")
        self.init(signature!)
    }

    deinit {
        git_signature_free(pointer)
    }

    /// The name and e-mail address.
    var identity: CommitIdentity {
        CommitIdentity(name: String(cString: pointer.pointee.name), email: String(cString: pointer.pointee.email))
    }
}
