import YAMLPatch

/// ``ProjectSchema`` as a JSON Schema (draft 2020-12) of the values the chart receives: the
/// project file's fields, plus the keys the platform sets elsewhere (`project`, `platform`).
/// Written to `chart/values.schema.json`, it makes Helm refuse what config-api refuses, as far
/// as one value can be judged alone: the cross checks (unique names and domains, the lengths of
/// derived names that include the project) are stated in descriptions only.
extension ProjectSchema {
    /// The JSON Schema, as a value to render with ``JSONText/render(_:)``.
    public static func jsonSchema() -> YAMLValue {
        var schema = JSONSchemaWriter.mapping(projectFile, includingKeysSetElsewhere: true)
        schema.insert(("$schema", .string("https://json-schema.org/draft/2020-12/schema")), at: 0)
        schema.insert(("title", .string("A project file of the platform (projects/<project>.yaml)")), at: 1)
        return JSONSchemaWriter.object(schema)
    }
}

/// Turns the schema vocabulary into JSON Schema keywords.
enum JSONSchemaWriter {
    typealias Keywords = [(String, YAMLValue)]

    static func object(_ keywords: Keywords) -> YAMLValue {
        .mapping(keywords.map { YAMLValue.Entry(key: $0.0, value: $0.1) })
    }

    static func value(_ schema: ValueSchema, checks: [CrossCheck] = []) -> Keywords {
        switch schema {
        case .mapping(let fields):
            return mapping(fields, includingKeysSetElsewhere: false)
        case .list(let list):
            return [("type", .string("array")), ("items", object(value(list.items, checks: list.itemChecks)))]
        case .text(let format):
            return text(format, checks: checks)
        case .choice(let values):
            return [("type", .string("string")), ("enum", .sequence(values.map(YAMLValue.string)))]
        case .integer(let range):
            return [
                ("type", .string("integer")), ("minimum", .int(range.lowerBound)), ("maximum", .int(range.upperBound)),
            ]
        case .storageSize:
            let number: Keywords = [("type", .string("integer")), ("minimum", .int(1))]
            return [("anyOf", .sequence([object(text(.storageQuantity, checks: [])), object(number)]))]
        case .nullable(let inner):
            return [("anyOf", .sequence([object(value(inner, checks: checks)), object([("type", .string("null"))])]))]
        }
    }

    static func mapping(_ schema: MappingSchema, includingKeysSetElsewhere: Bool) -> Keywords {
        var properties: Keywords = schema.fields.map { field in
            let described = value(field.value, checks: field.crossChecks) + [("description", .string(field.summary))]
            return (field.key, object(described))
        }
        if includingKeysSetElsewhere {
            properties += schema.keysSetElsewhere.map { key in
                (key.key, object((key.value.map { value($0) } ?? []) + [("description", .string(key.reason))]))
            }
        }
        var keywords: Keywords = [("type", .string("object")), ("properties", object(properties))]
        if !schema.requiredKeys.isEmpty {
            keywords.append(("required", .sequence(schema.requiredKeys.map(YAMLValue.string))))
        }
        if !schema.requiresOneOf.isEmpty {
            let alternatives = schema.requiresOneOf.map { object([("required", .sequence([.string($0)]))]) }
            keywords.append(("anyOf", .sequence(alternatives)))
        }
        if schema.allowsNotes {
            keywords.append(("patternProperties", object([("^x-", object([]))])))
        }
        keywords.append(("additionalProperties", .bool(false)))
        return keywords
    }

    private static func text(_ format: TextFormat, checks: [CrossCheck]) -> Keywords {
        var keywords: Keywords = [("type", .string("string")), ("pattern", .string(format.pattern))]
        let derivedLimits = checks.compactMap { check -> Int? in
            if case .derivedName(let derived) = check { return derived.maximumValueLength }
            return nil
        }
        if let length = (derivedLimits + [format.maximumLength].compactMap { $0 }).min() {
            keywords.append(("maxLength", .int(length)))
        }
        if let excluded = format.excludedPattern {
            keywords.append(("not", object([("pattern", .string(excluded))])))
        }
        let rules = checks.map(describe)
        keywords.append(("$comment", .string(([format.name] + rules).joined(separator: "; "))))
        return keywords
    }

    private static func describe(_ check: CrossCheck) -> String {
        switch check {
        case .unique(let scope):
            return "unique among the file's \(scope.name): \(scope.reason)"
        case .derivedName(let derived):
            return "the \(derived.object) \(derived.template) has at most \(derived.maximumLength) characters"
                + (derived.mustBeUnique ? " and is unique in the file" : "")
        }
    }
}
