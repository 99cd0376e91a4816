internal import CLibGit2

/// The 20-byte id of a git object (commit, tree or blob).
struct ObjectID: Equatable, CustomStringConvertible {
    var raw: git_oid

    init(_ raw: git_oid) {
        self.raw = raw
    }

    /// The id written as 40 hex digits; nil for anything else.
    init?(hex: String) {
        guard hex.utf8.count == Int(GIT_OID_HEXSZ) else { return nil }
        var raw = git_oid()
        guard git_oid_fromstr(&raw, hex) == 0 else { return nil }
        self.raw = raw
    }

    /// The all-zero id git writes for "no object" (a reference that does not exist yet).
    static var zero: ObjectID { ObjectID(git_oid()) }

    /// Full 40-character lowercase hex form.
    var description: String {
        var copy = raw
        var buffer = [CChar](repeating: 0, count: Int(GIT_OID_HEXSZ) + 1)
        git_oid_fmt(&buffer, &copy)
        return String(decoding: buffer.prefix(Int(GIT_OID_HEXSZ)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
        var left = lhs.raw
        var right = rhs.raw
        return git_oid_equal(&left, &right) != 0
    }
}
