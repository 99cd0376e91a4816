/// The texts of short scalars decoded so far, found again by their bytes: a project file
/// writes the same keys, and many of the same values, once per application, and finding a
/// text here costs a fraction of decoding its bytes into a new `String`.
///
/// Texts of up to 16 bytes only (longer ones are rarely repeated), in 256 slots chosen by a
/// hash of the bytes, where a new text takes the place of the one before it. The slots live in
/// one buffer of their own, so a lookup checks no array for sharing.
final class ScalarTexts {
    private struct Slot {
        /// The bytes as two words (see ``ScalarTexts/words(of:)``) and their count; -1: empty.
        var words: (UInt64, UInt64) = (0, 0)
        var count = -1
        var text = ""
    }

    private static let slotCount = 256
    private let slots = UnsafeMutablePointer<Slot>.allocate(capacity: ScalarTexts.slotCount)

    init() {
        slots.initialize(repeating: Slot(), count: Self.slotCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// The text of `bytes` (valid UTF-8).
    func text(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.count <= 16, !bytes.isEmpty else { return String(decoding: bytes, as: UTF8.self) }
        let words = Self.words(of: bytes)
        let hash = ((words.0 ^ (words.1 &<< 1)) &* 0x9E37_79B9_7F4A_7C15) >> 56
        let slot = slots + Int(truncatingIfNeeded: hash)
        if slot.pointee.count == bytes.count, slot.pointee.words == words { return slot.pointee.text }
        let text = String(decoding: bytes, as: UTF8.self)
        slot.pointee = Slot(words: words, count: bytes.count, text: text)
        return text
    }

    /// 1 to 16 bytes as two words that, with the count, tell them apart: up to 8 bytes in the
    /// first word; more as their first 8 and their last 8 (which overlap below 16). Loaded
    /// straight from the bytes: copying them into the words first stalls the loads that follow.
    private static func words(of bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        guard bytes.count < 8 else {
            let last = raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
            return (raw.loadUnaligned(as: UInt64.self), last)
        }
        var word: UInt64 = 0
        for index in 0..<bytes.count { word |= UInt64(bytes[index]) &<< (8 * index) }
        return (word, 0)
    }
}
