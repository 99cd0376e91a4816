import YAMLPatch

/// The type `set` gives VALUE when neither `--json` nor `--string` says
/// (docs/contract.md#commands): the type of the scalar it replaces, when VALUE reads as that
/// type, so that `set f.yaml port 8081` on `port: 8080` writes the number 8081.
///
/// - Every node the path matches is an int, and VALUE reads as an int in YAML 1.2's core
///   schema (`8081`, `-1`, `0x1F`, or beyond 64 bits, kept exactly): VALUE is that int.
/// - They are floats, and VALUE reads as a float or an int (`1.5`, `2`, `1e3`, `.inf`): VALUE is
///   that float (`2` is written `2.0`); a number too large for a double (`12e4567`, a git hash)
///   is no float, only `.inf` and its spellings are infinite.
/// - They are booleans, and VALUE is `true`, `false`, `True`, `FALSE`, …: VALUE is that boolean.
/// - Anything else is a string: the old value is a string, null (`hash: ~` set to `1234567`
///   stays the string "1234567"), a mapping or a list, the path names a key that does not exist
///   yet, the matches differ in type, or VALUE does not read as their type.
enum ScalarTyping {
    /// VALUE `text` typed after `current`, the values the path matches (none for a new key).
    static func value(_ text: String, replacing current: [YAMLValue]) -> YAMLValue {
        let read = YAMLValue(plainScalar: text)
        if case .double(let number) = read, number.isInfinite, !text.lowercased().hasSuffix(".inf") {
            return .string(text)
        }
        let typed: [YAMLValue?] = current.map { old in
            switch (old, read) {
            case (.int, .int), (.double, .double), (.bool, .bool): return read
            case (.int, .bigInteger), (.bigInteger, .int), (.bigInteger, .bigInteger): return read
            case (.double, .int(let integer)): return .double(Double(integer))
            default: return nil
            }
        }
        guard let first = typed.first, let value = first, typed.allSatisfy({ $0 == value }) else {
            return .string(text)
        }
        return value
    }

    /// The values `path` matches in `tree`; none when it matches nothing (yet), or a match
    /// cannot be read (the edit itself then says why).
    static func currentValues(at path: YAMLPath, in tree: DocumentTree) -> [YAMLValue] {
        guard let matches = try? tree.matches(of: path) else { return [] }
        return matches.compactMap { try? tree.value(of: $0.node, in: tree.documents[$0.documentIndex]) }
    }
}
