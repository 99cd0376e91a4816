import YAMLPatch

/// The checks of single values (text formats, choices, integers, sizes) and of values against
/// each other (uniqueness, the names the chart derives).
extension SchemaValidator {
    /// The text when `node` is a string in `format`, else nil after reporting why not.
    mutating func checkText(_ node: TypedNode, _ format: TextFormat, at place: Place) -> String? {
        guard let text = string(node, at: place) else { return nil }
        if let problem = format.problem(text) {
            report(node, "\(place.owner): \(place.label) '\(DisplayText.sanitized(text))' \(problem)")
            return nil
        }
        return text
    }

    mutating func checkChoice(_ node: TypedNode, _ values: [String], at place: Place) -> Bool {
        guard let text = string(node, at: place) else { return false }
        if values.contains(text) { return true }
        if values.count == 1 {
            report(node, "\(place.owner): \(place.label) must be \(values[0]), not \(node.written)")
        } else {
            let hint = Self.closest(to: text, among: values).map { " (did you mean '\($0)'?)" } ?? ""
            report(
                node,
                "\(place.owner): \(place.label) '\(DisplayText.sanitized(text))' is not supported\(hint); "
                    + "it is one of \(values.joined(separator: ", "))")
        }
        return false
    }

    mutating func checkInteger(_ node: TypedNode, _ range: ClosedRange<Int>, at place: Place) -> Bool {
        let bounds = "\(range.lowerBound)–\(range.upperBound)"
        switch node.value {
        case .int(let number) where range.contains(number):
            return true
        case .int(let number):
            report(node, "\(place.owner): \(place.label) \(number) is out of range \(bounds)")
        case .string(let text) where Int(text) != nil:
            report(
                node, "\(place.owner): \(place.label) must be a number, not the string \"\(text)\"; remove the quotes")
        default:
            report(
                node,
                "\(place.owner): \(place.label) must be a number \(bounds), not \(node.value.kindName) "
                    + node.written)
        }
        return false
    }

    mutating func checkStorageSize(_ node: TypedNode, at place: Place) -> Bool {
        switch node.value {
        case .int(let bytes) where bytes > 0:
            return true
        case .string:
            return checkText(node, .storageQuantity, at: place) != nil
        default:
            report(
                node,
                "\(place.owner): \(place.label) must be a Kubernetes quantity like 5Gi, 500Mi, 1G or 1024, "
                    + "not \(node.written)")
            return false
        }
    }

    /// The string value of `node`, or nil after reporting that it is something else; a scalar
    /// that YAML reads as a number or boolean gets the advice to quote it.
    private mutating func string(_ node: TypedNode, at place: Place) -> String? {
        switch node.value {
        case .string(let text):
            return text
        case .int, .double, .bool:
            report(
                node,
                "\(place.owner): \(place.label) \(node.written) is read as \(node.value.kindName), which Helm "
                    + "prints differently (8.0 becomes 8, 1234567 becomes 1.234567e+06); quote it: \"\(node.written)\"")
        default:
            report(node, "\(place.owner): \(place.label) must be a string, not \(node.value.kindName) \(node.written)")
        }
        return nil
    }

    /// Runs `checks` on the valid text `text`, stopping at the first that fails.
    mutating func checkAcross(_ node: TypedNode, _ text: String, at place: Place, _ checks: [CrossCheck]) -> Bool {
        for check in checks {
            switch check {
            case .unique(let scope):
                if let first = claim(text, in: scope.name, node, at: place) {
                    report(
                        node,
                        "\(place.owner): \(place.label) '\(DisplayText.sanitized(text))' is already "
                            + "\(scope.verb) by the \(first.owner) at line \(first.line): \(scope.reason)")
                    return false
                }
            case .derivedName(let derived):
                guard checkDerived(derived, from: text, node, at: place) else { return false }
            }
        }
        return true
    }

    private mutating func checkDerived(
        _ derived: DerivedName, from text: String, _ node: TypedNode,
        at place: Place
    ) -> Bool {
        guard let name = derived.name(project: project, item: place.itemName, value: text) else { return true }
        let quoted = "\(place.label) '\(DisplayText.sanitized(text))'"
        if name.utf8.count > derived.maximumLength {
            report(
                node,
                "\(place.owner): \(quoted) makes the \(derived.object) '\(DisplayText.sanitized(name))' "
                    + "longer than \(derived.maximumLength) characters (\(derived.reason))")
            return false
        }
        if derived.mustBeUnique, let first = claim(name, in: "\(derived.object)s", node, at: place) {
            report(
                node,
                "\(place.owner): \(quoted) makes the \(derived.object) '\(DisplayText.sanitized(name))', "
                    + "which the \(first.owner) at line \(first.line) makes too")
            return false
        }
        return true
    }

    /// Records `value` in `scope` as used at `node`; when it was used before, records nothing
    /// and returns where.
    private mutating func claim(_ value: String, in scope: String, _ node: TypedNode, at place: Place) -> FirstUse? {
        if let first = claims[scope]?[value] { return first }
        claims[scope, default: [:]][value] = FirstUse(owner: place.owner, line: node.line)
        return nil
    }
}
