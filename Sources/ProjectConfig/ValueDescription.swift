import YAMLPatch

/// How messages name a value's type and quote a value.
extension YAMLValue {
    /// `an array`, `a string`, … (the JSON names, as payloads are JSON).
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .sequence: "an array"
        case .mapping: "an object"
        }
    }

    /// Compact JSON of the value, cut after 60 characters.
    var excerpt: String {
        let json = JSONText.render(self)
        return json.count > 60 ? String(json.prefix(60)) + "…" : json
    }
}
