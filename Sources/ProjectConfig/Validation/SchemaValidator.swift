import YAMLPatch

/// Walks ``ProjectSchema/projectFile`` and a document together, collecting every issue: the
/// definition says what each value must be; this says, at the node, what is wrong with it.
struct SchemaValidator {
    static let emptyFile = "the file is empty; a project defines applications and/or databases"

    /// Where a value is, for messages: `application 'api': git.owner …`.
    struct Place {
        /// The item the value belongs to (`application 'api'`, `applications[2]`), or the file.
        var owner: String
        /// The keys from the owner to the value: `["git", "owner"]`.
        var keys: [String] = []
        /// The owner's name, once it has been checked (for the names the chart derives).
        var itemName: String?

        /// `git.owner`.
        var label: String { keys.joined(separator: ".") }
        /// What a mapping here is called: `application 'api' git`, or the owner itself.
        var subject: String { keys.isEmpty ? owner : "\(owner) \(label)" }

        func appending(_ key: String) -> Place {
            Place(owner: owner, keys: keys + [key], itemName: itemName)
        }
    }

    /// Where a value that must be unique was first seen.
    struct FirstUse {
        var owner: String
        var line: Int
    }

    let project: String
    private(set) var issues: [ValidationIssue] = []
    /// The values seen in each uniqueness scope (by the scope's name), with their first use.
    var claims: [String: [String: FirstUse]] = [:]

    init(project: String) {
        self.project = project
    }

    mutating func report(_ node: TypedNode, _ message: String) {
        issues.append(ValidationIssue(line: node.line, column: node.column, message: message))
    }

    /// Checks the root of the file against ``ProjectSchema/projectFile``.
    mutating func checkFile(_ root: TypedNode) {
        if root.value == .null {
            report(root, Self.emptyFile)
            return
        }
        _ = check(root, .mapping(ProjectSchema.projectFile), at: Place(owner: ProjectSchema.projectFile.title), [])
    }

    /// Checks `node` against `schema`, then the cross checks; whether it passed all of them.
    mutating func check(_ node: TypedNode, _ schema: ValueSchema, at place: Place, _ checks: [CrossCheck]) -> Bool {
        switch schema {
        case .nullable(let inner):
            return node.value == .null || check(node, inner, at: place, checks)
        case .mapping(let mapping):
            return checkMapping(node, mapping, at: place)
        case .list(let list):
            return checkList(node, list, at: place)
        case .text(let format):
            guard let text = checkText(node, format, at: place) else { return false }
            return checkAcross(node, text, at: place, checks)
        case .choice(let values):
            return checkChoice(node, values, at: place)
        case .integer(let range):
            return checkInteger(node, range, at: place)
        case .storageSize:
            return checkStorageSize(node, at: place)
        }
    }

    private mutating func checkMapping(_ node: TypedNode, _ schema: MappingSchema, at place: Place) -> Bool {
        guard let fields = fields(of: node, schema, what: place.subject) else { return false }
        var valid = true
        if !schema.requiresOneOf.isEmpty, !schema.requiresOneOf.contains(where: { fields[$0] != nil }) {
            let keys = schema.requiresOneOf
            let none = keys.count == 2 ? "neither \(keys[0]) nor \(keys[1])" : "none of \(keys.joined(separator: ", "))"
            report(node, "\(place.subject) defines \(none)")
            valid = false
        }
        var place = place
        for field in schema.fields {
            guard let value = fields[field.key] else { continue }
            let passed = check(value, field.value, at: place.appending(field.key), field.crossChecks)
            if field.key == schema.nameKey, passed, case .string(let name) = value.value { place.itemName = name }
            valid = valid && passed
        }
        return valid
    }

    private mutating func checkList(_ node: TypedNode, _ schema: ListSchema, at place: Place) -> Bool {
        guard let items = node.items else {
            report(node, "\(place.owner): \(place.label) must be a list, not \(node.value.kindName) \(node.written)")
            return false
        }
        var valid = true
        for (index, item) in items.enumerated() {
            let itemPlace: Place
            if case .mapping(let mapping) = schema.items {
                itemPlace = Place(
                    owner: Self.owner(
                        of: item, mapping, noun: schema.itemNoun,
                        list: place.keys.last ?? place.owner, index: index))
            } else {
                itemPlace = Place(
                    owner: place.owner, keys: place.keys.dropLast() + [schema.itemNoun],
                    itemName: place.itemName)
            }
            valid = check(item, schema.items, at: itemPlace, schema.itemChecks) && valid
        }
        return valid
    }

    /// `application 'api'` when the item has a string name, else `applications[2]`.
    private static func owner(
        of item: TypedNode, _ schema: MappingSchema, noun: String, list: String,
        index: Int
    ) -> String {
        if let key = schema.nameKey, case .string(let name)? = item.value[key] {
            return "\(noun) '\(DisplayText.sanitized(name))'"
        }
        return "\(list)[\(index)]"
    }

    /// The fields of a mapping by key, after reporting what is wrong with its keys: not a
    /// mapping (→ nil), merge keys, duplicates, keys set elsewhere, unknown keys (with a
    /// suggestion), missing required keys. Keys starting with `x-` are allowed and not returned.
    private mutating func fields(of node: TypedNode, _ schema: MappingSchema, what: String) -> [String: TypedNode]? {
        guard let pairs = node.pairs else {
            report(node, "\(what) must be a mapping (key: value), not \(node.value.kindName) \(node.written)")
            return nil
        }
        var fields: [String: TypedNode] = [:]
        let known = schema.keys
        for (name, key, value) in pairs {
            if name == "<<" {
                report(
                    key,
                    "\(what): merge keys (<<) are not supported; write the keys out so that edits and "
                        + "reviews see them")
            } else if let first = fields[name] {
                report(key, "\(what): duplicate key '\(DisplayText.sanitized(name))' (first at line \(first.line))")
            } else if known.contains(name) {
                fields[name] = value
            } else if let elsewhere = schema.keysSetElsewhere.first(where: { $0.key == name }) {
                report(key, elsewhere.reason)
            } else if !(schema.allowsNotes && name.hasPrefix("x-")) {
                let hint = Self.closest(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                report(
                    key,
                    "\(what): unknown key '\(DisplayText.sanitized(name))'\(hint); the chart would ignore it. "
                        + "Known keys: \(known.joined(separator: ", ")); notes go under keys starting with x-")
            }
        }
        for name in schema.requiredKeys where fields[name] == nil {
            report(node, "\(what): missing required key '\(name)'")
        }
        return fields
    }

    /// The candidate within two edits of `name`, if any (`domain` → `domains`).
    static func closest(to name: String, among candidates: [String]) -> String? {
        candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
