/// The lines two versions of a text do not share: what lies between their longest common run of
/// whole lines at the start and at the end. Everything outside it is byte for byte the same, at
/// the same line numbers before it and shifted by the difference in line counts after it.
struct ChangedRegion {
    /// The 1-based line where the region starts (in both versions).
    let firstLine: Int
    /// The region's lines in the newer version (none for a pure deletion).
    let newerLines: [ArraySlice<UInt8>]
    /// The region's lines in the older version (none for a pure insertion).
    let olderLines: [ArraySlice<UInt8>]

    /// The region of `newer` and `older`; nil when they are equal.
    init?(newer: [UInt8], older: [UInt8]) {
        let (prefix, suffixLimit) = newer.withUnsafeBytes { new in
            older.withUnsafeBytes { old in
                let prefix = Self.commonPrefix(new, old)
                return (prefix, min(new.count, old.count) - prefix)
            }
        }
        if prefix == newer.count, prefix == older.count { return nil }
        let lineStart = newer[..<prefix].lastIndex(of: Self.lineFeed).map { $0 + 1 } ?? 0
        let suffix = newer.withUnsafeBytes { new in
            older.withUnsafeBytes { old in Self.commonSuffix(new, old, limit: suffixLimit + prefix - lineStart) }
        }
        var newerEnd = newer.count - suffix
        var olderEnd = older.count - suffix
        if !(Self.isLineStart(newerEnd, in: newer) && Self.isLineStart(olderEnd, in: older)) {
            let toLineEnd = newer[newerEnd...].firstIndex(of: Self.lineFeed).map { $0 + 1 - newerEnd } ?? suffix
            newerEnd += toLineEnd
            olderEnd += toLineEnd
        }
        firstLine = 1 + newer.withUnsafeBytes { Self.lineFeeds(in: UnsafeRawBufferPointer(rebasing: $0[..<lineStart])) }
        newerLines = Self.lines(newer[lineStart..<newerEnd])
        olderLines = Self.lines(older[lineStart..<olderEnd])
    }

    /// How many bytes `a` and `b` share at their start, compared eight at a time.
    private static func commonPrefix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let limit = min(a.count, b.count)
        var index = 0
        while index + 8 <= limit,
              a.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
            index += 8
        }
        while index < limit, a[index] == b[index] { index += 1 }
        return index
    }

    /// How many bytes (at most `limit`) `a` and `b` share at their end, eight at a time.
    private static func commonSuffix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, limit: Int) -> Int {
        var length = 0
        while length + 8 <= limit,
              a.loadUnaligned(fromByteOffset: a.count - length - 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: b.count - length - 8, as: UInt64.self) {
            length += 8
        }
        while length < limit, a[a.count - 1 - length] == b[b.count - 1 - length] { length += 1 }
        return length
    }

    /// The line feeds in `bytes`, counted eight bytes at a time (a byte that equals `\n` becomes
    /// a zero byte, and zero bytes are counted exactly).
    private static func lineFeeds(in bytes: UnsafeRawBufferPointer) -> Int {
        let feeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var count = 0
        var index = 0
        while index + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ feeds
            count += (~(((word & low) &+ low) | word | low)).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] == lineFeed { count += 1 }
            index += 1
        }
        return count
    }

    /// The lines the region touches in the newer version, for overlap tests: its own lines, or
    /// for a pure deletion the two lines around the place where the older lines were.
    var touchedNewerLines: ClosedRange<Int> {
        newerLines.isEmpty ? (firstLine - 1)...firstLine : firstLine...(firstLine + newerLines.count - 1)
    }

    /// How many lines later the text after the region starts in the older version.
    var lineShift: Int { olderLines.count - newerLines.count }

    private static let lineFeed = UInt8(ascii: "\n")

    private static func isLineStart(_ offset: Int, in text: [UInt8]) -> Bool {
        offset == 0 || offset == text.count || text[offset - 1] == lineFeed
    }

    /// `text` cut into lines without their line feeds.
    private static func lines(_ text: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        guard !text.isEmpty else { return [] }
        var lines = text.split(separator: lineFeed, omittingEmptySubsequences: false)
        if text.last == lineFeed { lines.removeLast() }
        return lines
    }
}
