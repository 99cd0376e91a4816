/// A position in a YAML text: a byte offset for slicing, a line and column for people.
public struct SourceMark: Sendable, Hashable, Comparable {
    /// Byte offset into the UTF-8 text (after a BOM, if any, the BOM's bytes count too).
    public var offset: Int
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in characters as editors do.
    public var column: Int

    /// A mark at `offset`, which is at `line` and `column` (both 1-based).
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Marks are ordered by offset.
    public static func < (lhs: SourceMark, rhs: SourceMark) -> Bool { lhs.offset < rhs.offset }
}
