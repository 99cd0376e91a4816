/// A typed YAML value, as JSON sees it: what a path reads and what an edit writes.
///
/// Mappings keep their key order. Aliases have no case of their own: a value is read from a
/// ``DocumentTree`` with ``DocumentTree/value(of:)``, which expands them under a budget.
public enum YAMLValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// A decimal integer too large for ``int(_:)``, kept exactly: its digits, `-` first when it
    /// is negative, without leading zeros (`123456789012345678901234567890`). JSON and YAML's
    /// core schema set no bound on an integer; a reader that rounds it to a double changes it.
    case bigInteger(String)
    case double(Double)
    case string(String)
    case sequence([YAMLValue])
    case mapping([Entry])

    /// One key and its value in a ``YAMLValue/mapping(_:)``.
    public struct Entry: Sendable, Equatable {
        /// The key, as text.
        public var key: String
        /// The value under the key.
        public var value: YAMLValue
        /// An entry of `key` and `value`.
        public init(key: String, value: YAMLValue) {
            self.key = key
            self.value = value
        }
    }

    /// The value stored under `key` when this is a mapping.
    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }
}

extension YAMLValue {
    /// What a plain (unquoted, untagged) scalar written `text` means in the YAML 1.2 core
    /// schema: null, a bool, an int, a float or else a string.
    public init(plainScalar text: String) {
        self = ScalarResolution.plainValue(text)
    }
}
