/// An edited text as the old text and the splices that change it, never put together unless
/// asked: the verifying re-parse reads it piece by piece and a writer can write the pieces,
/// so an edit of a large file does not hold a second copy of it.
public struct SplicedText: Sendable {
    /// The text before the edit.
    let original: [UInt8]
    /// In position order, none overlapping.
    let splices: [Splice]
    /// The new text in one array, once ``assembled()`` has put it together.
    private var assembledBytes: [UInt8]?

    init(original: [UInt8], splices: [Splice]) {
        self.original = original
        self.splices = splices
    }

    /// The same text with its bytes put together now, for a caller that needs them whole (and
    /// so that ``bytes`` does not put them together again).
    func assembled() -> SplicedText {
        var text = self
        text.assembledBytes = puttingTogether()
        return text
    }

    /// The runs of bytes the new text is made of, in order: kept stretches of the old text
    /// and the splices' replacements (empty runs left out).
    public var pieces: [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        pieces.reserveCapacity(2 * splices.count + 1)
        var cursor = 0
        for splice in splices {
            pieces.append(original[cursor..<splice.range.lowerBound])
            pieces.append(splice.replacement[...])
            cursor = splice.range.upperBound
        }
        pieces.append(original[cursor...])
        return pieces.filter { !$0.isEmpty }
    }

    /// The number of bytes of the new text.
    var count: Int {
        original.count + splices.reduce(0) { $0 + $1.replacement.count - $1.range.count }
    }

    /// The new text in one array (put together on each use unless ``assembled()`` did it).
    public var bytes: [UInt8] { assembledBytes ?? puttingTogether() }

    private func puttingTogether() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for piece in pieces { bytes += piece }
        return bytes
    }

    /// Whether the new text has other bytes than the old one (splices can put back what was
    /// there). Decided by the splices alone unless splices of other lengths even out.
    var differsFromOriginal: Bool {
        guard count == original.count else { return true }
        if splices.allSatisfy({ original[$0.range].elementsEqual($0.replacement) }) { return false }
        // Every splice keeps its length: a splice that differs is a byte that differs where it stands.
        if splices.allSatisfy({ $0.replacement.count == $0.range.count }) { return true }
        return bytes != original
    }
}
