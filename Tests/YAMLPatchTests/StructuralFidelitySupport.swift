@testable import YAMLPatch

/// The old text as lines: which line an offset is on, and what a line holds.
struct TextLines {
    let text: [UInt8]
    /// The offset of each line's first byte.
    let starts: [Int]

    init(_ text: [UInt8]) {
        self.text = text
        var starts = [0]
        for (offset, byte) in text.enumerated() where byte == UInt8(ascii: "\n") && offset + 1 < text.count {
            starts.append(offset + 1)
        }
        self.starts = starts
    }

    var count: Int { starts.count }

    /// The line holding `offset` (the last line for the text's end).
    func line(of offset: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The line on which content ending at `end` (exclusive) ends: the line of the break at
    /// `end`, or the line before when `end` starts a line.
    func lastLine(endingAt end: Int) -> Int {
        if end < text.count, text[end] == UInt8(ascii: "\n") { return line(of: end) }
        return end > 0 && end <= text.count && text[end - 1] == UInt8(ascii: "\n") ? line(of: end - 1) : line(of: end)
    }

    /// The `-` of the item starting at `itemStart`, searched back over white space and line
    /// breaks; nil when something else comes first.
    func dash(beforeItemAt itemStart: Int) -> Int? {
        var index = itemStart - 1
        while index >= 0, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(text[index]) {
            index -= 1
        }
        return index >= 0 && text[index] == UInt8(ascii: "-") ? index : nil
    }

    /// The bytes of `line` without its line break.
    func bytes(_ line: Int) -> ArraySlice<UInt8> {
        var end = line + 1 < starts.count ? starts[line + 1] : text.count
        while end > starts[line], text[end - 1] == UInt8(ascii: "\n") || text[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        return text[starts[line]..<end]
    }

    func string(_ line: Int) -> String { String(decoding: bytes(line), as: UTF8.self) }

    func indentation(_ line: Int) -> Int { bytes(line).prefix { $0 == UInt8(ascii: " ") }.count }

    func isBlank(_ line: Int) -> Bool {
        bytes(line).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    func isComment(_ line: Int) -> Bool { bytes(line).drop { $0 == UInt8(ascii: " ") }.first == UInt8(ascii: "#") }

    /// Whether only spaces and `- ` indicators stand before `offset` on its line.
    func startsItsLine(_ offset: Int) -> Bool {
        for index in starts[line(of: offset)]..<offset {
            switch text[index] {
            case UInt8(ascii: " "): continue
            case UInt8(ascii: "-") where index + 1 < offset && text[index + 1] == UInt8(ascii: " "): continue
            default: return false
            }
        }
        return true
    }

    /// Whether a `- ` stands before `offset` on its line.
    func followsADash(_ offset: Int) -> Bool { text[starts[line(of: offset)]..<offset].contains(UInt8(ascii: "-")) }
}

/// What an edit did to the old text's lines, read from its splices: whole lines inserted
/// (before which old line), whole lines removed, and old lines whose bytes changed otherwise.
struct LineChanges {
    var insertions: [(before: Int, lines: [String])] = []
    var removed: [Int] = []
    var changed: [Int] = []

    init(_ splices: [Splice], in lines: TextLines) {
        let text = lines.text
        let atLineStart = { (offset: Int) in
            offset == 0 || offset == text.count || text[offset - 1] == UInt8(ascii: "\n")
        }
        for splice in splices {
            let range = splice.range
            let replacement = String(decoding: splice.replacement, as: UTF8.self)
            if range.isEmpty, atLineStart(range.lowerBound), replacement.hasSuffix("\n") {
                let before = range.lowerBound == text.count ? lines.count : lines.line(of: range.lowerBound)
                insertions.append(
                    (
                        before,
                        replacement.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
                            .map { String($0).replacingAll("\r", with: "") }
                    ))
            } else if range.isEmpty, range.lowerBound == text.count, replacement.hasPrefix("\n") {
                insertions.append(
                    (
                        lines.count,
                        replacement.dropFirst().split(separator: "\n", omittingEmptySubsequences: false).map(
                            String.init)
                    ))
            } else if replacement.isEmpty, atLineStart(range.lowerBound), atLineStart(range.upperBound) {
                removed += Array(
                    lines.line(
                        of: range.lowerBound)..<(range.upperBound == text.count
                        ? lines.count : lines.line(of: range.upperBound)))
            } else {
                let first = lines.line(of: range.lowerBound)
                changed += Array(first...max(first, lines.lastLine(endingAt: range.upperBound)))
            }
        }
    }

    /// Every old line an insertion, removal or change touches or goes before.
    var lineIndexes: [Int] { removed + changed + insertions.map(\.before) }
}

extension YAMLValue {
    /// This value with `body` applied to the value at `path` (unchanged where it does not lead).
    func modifying(at path: ArraySlice<YAMLPath.Step>, _ body: (inout YAMLValue) -> Void) -> YAMLValue {
        guard let step = path.first else {
            var value = self
            body(&value)
            return value
        }
        switch (step, self) {
        case (.key(let key), .mapping(var entries)):
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index].value = entries[index].value.modifying(at: path.dropFirst(), body)
            }
            return .mapping(entries)
        case (.index(let index), .sequence(var items)) where items.indices.contains(index):
            items[index] = items[index].modifying(at: path.dropFirst(), body)
            return .sequence(items)
        default:
            return self
        }
    }
}
