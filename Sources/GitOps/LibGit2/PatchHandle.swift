internal import CLibGit2

/// Owns one `git_patch *`: the difference between two versions of one file's bytes.
final class PatchHandle: OwnedPointer {

    /// The patch from `old` to `new` (nil: the file does not exist), both named `path`.
    init(from old: [UInt8]?, to new: [UInt8]?, path: String) throws {
        try LibGit2.initialize()
        var patch: OpaquePointer?
        let code = Self.withOptionalBytes(old) { oldBytes in
            Self.withOptionalBytes(new) { newBytes in
                git_patch_from_buffers(&patch, oldBytes.baseAddress, oldBytes.count, path,
                                       newBytes.baseAddress, newBytes.count, path, nil)
            }
        }
        try LibGit2.check(code, "diff \(path)")
        super.init(patch!, release: git_patch_free)
    }

    /// The patch as `git diff` prints it, with `a/` and `b/` headers.
    func text() throws -> String {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try LibGit2.check(git_patch_to_buf(&buffer, pointer), "print the patch")
        return buffer.ptr.map { String(cString: $0) } ?? ""
    }

    private static func withOptionalBytes<Result>(_ bytes: [UInt8]?,
                                                  _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        guard let bytes else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return bytes.withUnsafeBytes(body)
    }
}
