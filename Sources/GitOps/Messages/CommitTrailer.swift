/// One `Key: value` line of a commit message's trailer block, as `git interpret-trailers`
/// reads it (docs/contract.md#signed-and-traceable-commits): the key a token of letters,
/// digits and `-` that starts with a letter or digit, the value one line of text.
public struct CommitTrailer: Sendable, Equatable, CustomStringConvertible {
    /// The key, e.g. `Signed-off-by`.
    public let key: String
    /// The value, one line without control characters.
    public let value: String

    /// Why a trailer was refused.
    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Longest value accepted (a URL fits; a paragraph does not).
    static let maximumValueLength = 1000

    /// A trailer from its parts, checked: the key a token (at most 100 characters), the value
    /// one non-empty line without control characters (at most 1000 characters); surrounding
    /// spaces are dropped from both.
    public init(key: String, value: String) throws(Invalid) {
        let key = key.trimmingSpaces
        let value = value.trimmingSpaces
        guard Self.isToken(key) else {
            throw Invalid(description: "a trailer key is letters, digits and '-' (starting with a letter or digit): "
                          + "'\(Self.shown(key))'")
        }
        guard !value.isEmpty else { throw Invalid(description: "the trailer \(key) has no value") }
        if let bad = value.unicodeScalars.first(where: Self.isControl) {
            let what = bad == "\n" || bad == "\r" ? "a line break" : "the control character \(Self.hex(bad))"
            throw Invalid(description: "the value of the trailer \(key) holds \(what): a trailer is one line")
        }
        guard value.count <= Self.maximumValueLength else {
            throw Invalid(description: "the value of the trailer \(key) is longer than \(Self.maximumValueLength) "
                          + "characters")
        }
        self.key = key
        self.value = value
    }

    /// Parses `Key: value` (as `git commit --trailer` takes it; `Key=value` too).
    public init(parsing text: String) throws(Invalid) {
        guard let separator = text.firstIndex(where: { $0 == ":" || $0 == "=" }) else {
            throw Invalid(description: "a trailer is 'Key: value', not '\(Self.shown(text))'")
        }
        try self.init(key: String(text[..<separator]), value: String(text[text.index(after: separator)...]))
    }

    /// A trailer whose value comes from the environment (a CI variable), neutralised instead of
    /// refused: control characters become spaces, runs of spaces one, and it is cut to the
    /// longest value accepted. Nil when nothing is left or the key is no token.
    public init?(key: String, neutralising raw: String) {
        var value = ""
        for scalar in raw.unicodeScalars {
            let next: Unicode.Scalar = Self.isControl(scalar) ? " " : scalar
            if next == " ", value.hasSuffix(" ") { continue }
            value.unicodeScalars.append(next)
        }
        try? self.init(key: key, value: String(value.trimmingSpaces.prefix(Self.maximumValueLength)))
    }

    /// `Key: value`.
    public var description: String { "\(key): \(value)" }

    /// Whether this trailer's key is `key`, compared as git compares keys (ignoring case).
    public func hasKey(_ key: String) -> Bool {
        self.key.lowercased() == key.lowercased()
    }

    private static func isToken(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.unicodeScalars.count <= 100 else { return false }
        let isAlphanumeric = { (scalar: Unicode.Scalar) in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return isAlphanumeric(first) && key.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" }
    }

    /// C0 and C1 controls, DEL, the Unicode line and paragraph separators and the bidirectional
    /// overrides and isolates (text that would reorder what a reviewer reads).
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || (0x2028...0x2029).contains(scalar.value)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func shown(_ text: String) -> String {
        let visible = text.unicodeScalars.map { isControl($0) ? hex($0) : String($0) }.joined()
        return visible.count > 80 ? String(visible.prefix(80)) + "…" : visible
    }
}
