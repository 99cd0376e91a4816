/// A JSON value as decoded from a rendered manifest, read by key and index.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The value at `key` of an object; nil for anything else.
    subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A number that is a whole number.
    var int: Int? {
        if case .number(let number) = self { return Int(exactly: number) }
        return nil
    }

    /// The items of an array; empty for anything else.
    var items: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }

    /// The items of an array that are strings.
    var strings: [String] { items.compactMap(\.string) }

    /// The first item of an array whose `name` is `name`.
    func item(named name: String) -> JSONValue? {
        items.first { $0["name"]?.string == name }
    }
}
