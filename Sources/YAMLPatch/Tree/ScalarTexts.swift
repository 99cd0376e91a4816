/// The texts of short scalars decoded so far, found again by their bytes: a project file
/// writes the same keys, and many of the same values, once per application, and finding a
/// text here costs a fraction of decoding its bytes into a new `String`.
///
/// Texts of up to 16 bytes only (longer ones are rarely repeated), in 256 slots chosen by a
/// hash of the bytes, where a new text takes the place of the one before it.
struct ScalarTexts {
    private struct Slot {
        var words: (UInt64, UInt64) = (0, 0)
        var count = -1
        var text = ""
    }

    private var slots = [Slot](repeating: Slot(), count: 256)

    /// The text of `bytes` (valid UTF-8).
    mutating func text(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= 16, !bytes.isEmpty else { return String(decoding: bytes, as: UTF8.self) }
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        let hash = ((words.0 ^ (words.1 &<< 1)) &* 0x9E37_79B9_7F4A_7C15) >> 56
        return slots.withUnsafeMutableBufferPointer { slots in
            let slot = slots.baseAddress! + Int(truncatingIfNeeded: hash)
            if slot.pointee.count == bytes.count, slot.pointee.words == words { return slot.pointee.text }
            let text = String(decoding: bytes, as: UTF8.self)
            slot.pointee = Slot(words: words, count: bytes.count, text: text)
            return text
        }
    }
}
