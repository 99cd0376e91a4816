/// What a scalar means: the YAML 1.2 core schema for plain scalars, strings for quoted ones,
/// explicit `!!` tags honoured.
enum ScalarResolution {
    static func value(of text: String, style: ScalarStyle, tag: String?) -> YAMLValue {
        switch tag {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            return plainValue(text)
        case .some("!"), .some: return style == .plain ? plainValue(text) : .string(text)
        case nil: return style == .plain ? plainValue(text) : .string(text)
        }
    }

    /// The core-schema reading of a plain scalar.
    static func plainValue(_ text: String) -> YAMLValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        if let int = integer(text) { return .int(int) }
        if isCoreFloat(text), let double = Double(text) { return .double(double) }
        return .string(text)
    }

    private static func integer(_ text: String) -> Int? {
        if text.hasPrefix("0x"), text.count > 2 { return Int(text.dropFirst(2), radix: 16) }
        if text.hasPrefix("0o"), text.count > 2 { return Int(text.dropFirst(2), radix: 8) }
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
    private static func isCoreFloat(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { $0 >= 48 && $0 <= 57 }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        let whole = digits()
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = digits()
        } else if whole == 0 {
            return false
        }
        guard whole + fraction > 0 else { return false }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}

extension DocumentTree {
    /// The most alias expansions ``value(of:)`` performs before giving up (billion laughs).
    public static let aliasExpansionBudget = 10_000

    /// The typed value of `node`, aliases expanded against the anchors that precede them in the
    /// same document. Throws `.alias` on an unknown anchor or when expansion exceeds the budget.
    public func value(of node: Node, in document: Document) throws -> YAMLValue {
        let anchors = anchors(in: document)
        var budget = Self.aliasExpansionBudget
        return try resolve(node, anchors, &budget)
    }

    /// The anchored nodes of `document` by anchor name; a name anchored twice maps to its last
    /// node, which is the one aliases after it refer to.
    public func anchors(in document: Document) -> [String: Node] {
        var anchors: [String: Node] = [:]
        collectAnchors(document.root, into: &anchors)
        return anchors
    }

    private func collectAnchors(_ node: Node, into anchors: inout [String: Node]) {
        if let anchor = node.anchor { anchors[anchor] = node }
        switch node.content {
        case .mapping(let pairs, _):
            for pair in pairs {
                collectAnchors(pair.key, into: &anchors)
                collectAnchors(pair.value, into: &anchors)
            }
        case .sequence(let items, _): items.forEach { collectAnchors($0, into: &anchors) }
        case .scalar, .alias: break
        }
    }

    private func resolve(_ node: Node, _ anchors: [String: Node], _ budget: inout Int) throws -> YAMLValue {
        switch node.content {
        case .scalar(let text, let style):
            return ScalarResolution.value(of: text, style: style, tag: node.tag)
        case .sequence(let items, _):
            return .sequence(try items.map { try resolve($0, anchors, &budget) })
        case .mapping(let pairs, _):
            var entries: [YAMLValue.Entry] = []
            for pair in pairs {
                var key = pair.key.scalarText
                if key == nil { key = String(describing: try resolve(pair.key, anchors, &budget)) }
                entries.append(.init(key: key ?? "", value: try resolve(pair.value, anchors, &budget)))
            }
            return .mapping(entries)
        case .alias(let name):
            budget -= 1
            guard budget >= 0 else {
                throw YAMLPatchError(.alias, "too many alias expansions (more than \(Self.aliasExpansionBudget))", at: node.start)
            }
            guard let target = anchors[name] else {
                throw YAMLPatchError(.alias, "unknown anchor '\(name)'", at: node.start)
            }
            return try resolve(target, anchors, &budget)
        }
    }
}
