/// The words the project schema is written in: mappings of fields, lists, text formats,
/// choices, integer ranges, and the checks across values that a per-value schema cannot say.
///
/// ``ProjectSchema/projectFile`` is written in them once; ``ProjectValidation`` walks it to check
/// a file, and ``ProjectSchema/jsonSchema()`` turns it into a JSON Schema.

/// What a value must be.
public indirect enum ValueSchema: Sendable {
    /// A mapping with named fields.
    case mapping(MappingSchema)
    /// A list whose items all follow one schema.
    case list(ListSchema)
    /// A string in a format (a DNS label, a commit hash, …).
    case text(TextFormat)
    /// A string, one of a few.
    case choice([String])
    /// An integer in a range.
    case integer(ClosedRange<Int>)
    /// A storage size: a Kubernetes quantity string (``TextFormat/storageQuantity``) or a positive
    /// number of bytes.
    case storageSize
    /// `null` (`~`, or nothing after the key), or a value following the schema.
    case nullable(ValueSchema)
}

/// A mapping: its fields, which of them are required, and what else may be in it.
public struct MappingSchema: Sendable {
    /// What the mapping is, in messages: `application`, `git`, `the project file`.
    public let title: String
    /// The fields, in the order they are checked and documented.
    public let fields: [FieldSchema]
    /// Whether keys starting with `x-` are allowed (and ignored): the escape for a team's notes.
    public let allowsNotes: Bool
    /// At least one of these keys must be present (none: no such rule).
    public let requiresOneOf: [String]
    /// Keys the chart receives from elsewhere, refused in the file.
    public let keysSetElsewhere: [KeySetElsewhere]
    /// The field whose value names an item of a list in messages (`application 'api'`).
    public let nameKey: String?

    public init(
        title: String, fields: [FieldSchema], allowsNotes: Bool = true, requiresOneOf: [String] = [],
        keysSetElsewhere: [KeySetElsewhere] = [], nameKey: String? = nil
    ) {
        self.title = title
        self.fields = fields
        self.allowsNotes = allowsNotes
        self.requiresOneOf = requiresOneOf
        self.keysSetElsewhere = keysSetElsewhere
        self.nameKey = nameKey
    }

    /// The keys of ``fields``.
    public var keys: [String] { fields.map(\.key) }

    /// The keys of the required fields.
    public var requiredKeys: [String] { fields.filter(\.isRequired).map(\.key) }
}

/// One key of a mapping and what its value must be.
public struct FieldSchema: Sendable {
    /// The key.
    public let key: String
    /// What the value must be.
    public let value: ValueSchema
    /// Whether the key must be present.
    public let isRequired: Bool
    /// What the field is for, in one sentence (a JSON Schema `description`).
    public let summary: String
    /// Checks of the value against other values of the file (run once the value itself is valid).
    public let crossChecks: [CrossCheck]

    public init(_ key: String, _ value: ValueSchema, required: Bool, summary: String, crossChecks: [CrossCheck] = []) {
        self.key = key
        self.value = value
        self.isRequired = required
        self.summary = summary
        self.crossChecks = crossChecks
    }
}

/// A list: its items' schema and what one item is called.
public struct ListSchema: Sendable {
    /// What each item must be.
    public let items: ValueSchema
    /// One item, in messages: `application`, `domain`.
    public let itemNoun: String
    /// Checks of each item against other values of the file.
    public let itemChecks: [CrossCheck]

    public init(of items: ValueSchema, itemNoun: String, itemChecks: [CrossCheck] = []) {
        self.items = items
        self.itemNoun = itemNoun
        self.itemChecks = itemChecks
    }
}

/// A key that a mapping must not have in the file because the chart gets it from elsewhere
/// (`project` from the ApplicationSet, `platform` from the chart's own values). The chart always
/// receives it, so the schema of the chart's values requires it.
public struct KeySetElsewhere: Sendable {
    /// The key.
    public let key: String
    /// What the chart receives under it (nil: anything).
    public let value: ValueSchema?
    /// What it is and where it comes from, for the chart's schema (a JSON Schema `description`).
    public let summary: String
    /// Where it comes from and what to do instead, as the refusal says it.
    public let reason: String

    public init(_ key: String, _ value: ValueSchema?, summary: String, reason: String) {
        self.key = key
        self.value = value
        self.summary = summary
        self.reason = reason
    }
}

/// A rule that relates a value to other values of the file: what a JSON Schema of one value
/// cannot express, so the exported schema states it in a description only.
public enum CrossCheck: Sendable {
    /// No other value in the same scope may be equal.
    case unique(UniquenessScope)
    /// A name the chart builds from the value must fit a length (and, optionally, be unique).
    case derivedName(DerivedName)
}

/// A set of values that must not repeat: the names of a project's applications and databases,
/// or its domains.
public struct UniquenessScope: Sendable {
    /// What the values are, as a key of the validator's records: `resource names`.
    public let name: String
    /// The verb of the refusal: the name is "already used", the domain "already routed".
    public let verb: String
    /// Why the values must be unique, for the refusal and the schema's description.
    public let reason: String

    public init(name: String, verb: String, reason: String) {
        self.name = name
        self.verb = verb
        self.reason = reason
    }
}

/// A Kubernetes object name the chart derives from a value.
///
/// The template's placeholders: `{project}` (the file's project), `{name}` (the name of the item
/// holding the value), `{value}`, and `{dashed-value}` (the value with `.` written as `-`, as the
/// chart's `replace "." "-"` does).
public struct DerivedName: Sendable {
    /// What the derived text is, in messages: `StatefulSet name`, `pod label value`.
    public let object: String
    /// How the chart writes the name: `{project}-{value}-db`.
    public let template: String
    /// The longest name Kubernetes takes there.
    public let maximumLength: Int
    /// Why that is the limit, for the refusal.
    public let reason: String
    /// Whether two values of the file may not derive the same name.
    public let mustBeUnique: Bool

    public init(object: String, template: String, maximumLength: Int, reason: String, mustBeUnique: Bool = false) {
        self.object = object
        self.template = template
        self.maximumLength = maximumLength
        self.reason = reason
        self.mustBeUnique = mustBeUnique
    }

    /// The name for `value` of the item `name` in `project`; nil when the template needs an
    /// item name and there is none.
    public func name(project: String, item name: String?, value: String) -> String? {
        if template.contains("{name}"), name == nil { return nil }
        return
            template
            .replacing("{project}", with: project)
            .replacing("{name}", with: name ?? "")
            .replacing("{dashed-value}", with: value.replacing(".", with: "-"))
            .replacing("{value}", with: value)
    }

    /// The longest value whose name fits when the template depends on the value alone (nil otherwise).
    public var maximumValueLength: Int? {
        guard !template.contains("{project}"), !template.contains("{name}"), !template.contains("{dashed-value}"),
            template.ranges(of: "{value}").count == 1
        else { return nil }
        return maximumLength - (template.utf8.count - "{value}".utf8.count)
    }
}
