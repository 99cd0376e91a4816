/// A `git diff`-style unified diff of two versions of one file, for `--dry-run` and summaries.
public enum UnifiedDiff {
    /// The patch from `old` to `new` (nil: the file does not exist) with `a/` and `b/` headers;
    /// empty when they are equal.
    public static func make(old: [UInt8]?, new: [UInt8]?, path: String) throws -> String {
        guard old != new else { return "" }
        return try PatchHandle(from: old, to: new, path: path).text()
    }
}
