import CLibGit2

/// A `git diff`-style unified diff of two versions of one file, for `--dry-run` and summaries.
public enum UnifiedDiff {
    /// The patch from `old` to `new` (nil: the file does not exist) with `a/` and `b/` headers;
    /// empty when they are equal.
    public static func make(old: [UInt8]?, new: [UInt8]?, path: String) -> String {
        LibGit2.ensureInitialized()
        guard old != new else { return "" }
        var patch: OpaquePointer?
        let code = withOptionalBytes(old) { oldBytes in
            withOptionalBytes(new) { newBytes in
                git_patch_from_buffers(&patch, oldBytes.baseAddress, oldBytes.count, path,
                                       newBytes.baseAddress, newBytes.count, path, nil)
            }
        }
        guard code == 0, let patch else { return "" }
        defer { git_patch_free(patch) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_patch_to_buf(&buffer, patch) == 0, let text = buffer.ptr else { return "" }
        return String(cString: text)
    }

    private static func withOptionalBytes<Result>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        guard let bytes else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return bytes.withUnsafeBytes(body)
    }
}
