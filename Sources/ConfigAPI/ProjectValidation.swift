#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import YAMLPatch

/// One problem in a project file, at the node that has it.
struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    var line: Int
    var column: Int
    var message: String

    /// `LINE:COL: message`.
    var description: String { "\(line):\(column): \(message)" }
}

/// Checks a whole project file against what the seed's Helm chart consumes, reporting every
/// problem with its line and column rather than stopping at the first.
///
/// Decisions beyond the field list (the `validate` command's help repeats them):
/// - Top level: only `applications` and `databases` (each a list, or empty/null), at least one
///   of them. `project` is refused: the ApplicationSet sets it from the file name.
/// - Unknown keys are refused at every level — Helm silently ignores a typo such as `domain:`,
///   so the routes would just be missing. Keys starting with `x-` are the escape hatch for
///   notes a team wants to keep in the file; the chart never reads them.
/// - Application and database names are unique across both lists: the chart makes a Service
///   named after each (`{{ $app.name }}`, `{{ $db.name }}`) and a secret
///   `<project>-<name>-secret` in the same namespace. They start with a letter (Service names
///   are RFC 1035 labels) and fit the longest object name the chart derives from them.
/// - Values the chart prints into manifests must have the YAML type it expects: an unquoted
///   `8.0` version or `1234567` hash is a number, which Helm renders as `8` or `1.234567e+06`.
/// - One document per file: Helm reads only the first. Merge keys (`<<`) are refused; plain
///   anchors and aliases are followed.
enum ProjectValidation {
    /// The project a file defines: its base name without `.yaml` (`projects/shop.yaml` → `shop`).
    static func projectName(ofFile file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".yaml") ? String(base.dropLast(5)) : base
    }

    /// Every problem in `text`, the contents of `file`; a YAML syntax error is the only issue
    /// reported when the text cannot be parsed.
    static func issues(inText text: [UInt8], file: String) -> [ValidationIssue] {
        do {
            return issues(in: try DocumentTree(parsing: text), file: file)
        } catch let error as YAMLPatchError {
            return [ValidationIssue(line: error.mark?.line ?? 1, column: error.mark?.column ?? 1, message: error.message)]
        } catch {
            return [ValidationIssue(line: 1, column: 1, message: "\(error)")]
        }
    }

    /// Every problem in the parsed file `tree`, whose path is `file` (its name is the project).
    static func issues(in tree: DocumentTree, file: String) -> [ValidationIssue] {
        var validator = ProjectValidator(project: projectName(ofFile: file))
        validator.checkFileName(file)
        validator.checkDocuments(of: tree)
        return validator.issues.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Throws a `CommandFailure` (exit 65) located at the first problem of the parsed file
    /// `tree` when there is any; further problems follow on their own `config-api: FILE:LINE:COL: …`
    /// lines, so the printed failure reads exactly like the output of `config-api validate FILE`.
    static func requireValid(_ tree: DocumentTree, file: String) throws {
        let found = issues(in: tree, file: file)
        guard let first = found.first else { return }
        let rest = found.dropFirst().map { "\nconfig-api: \(file):\($0.line):\($0.column): \($0.message)" }
        throw CommandFailure(.dataError, first.message + rest.joined(), file: file, line: first.line, column: first.column)
    }
}

/// Collects the issues of one project file; the item checks are in `ProjectItemValidation.swift`.
struct ProjectValidator {
    /// Where a name or a domain was first seen, to say where its duplicate's twin is.
    struct FirstUse {
        var owner: String
        var line: Int
    }

    let project: String
    var issues: [ValidationIssue] = []
    /// Application and database names, across both lists.
    var names: [String: FirstUse] = [:]
    /// Domains across all applications.
    var domains: [String: FirstUse] = [:]

    init(project: String) {
        self.project = project
    }

    mutating func report(_ node: TypedNode, _ message: String) {
        issues.append(ValidationIssue(line: node.line, column: node.column, message: message))
    }

    mutating func checkFileName(_ file: String) {
        if !file.hasSuffix(".yaml") {
            issues.append(ValidationIssue(line: 1, column: 1, message:
                "the file name does not end in .yaml: the ApplicationSet reads only projects/*.yaml, so this project would never be deployed"))
        }
        if let problem = DNSNames.labelProblem(project) {
            issues.append(ValidationIssue(line: 1, column: 1, message:
                "the project name '\(project)' (the file name) \(problem): it becomes the Kubernetes namespace, a DNS-1123 label"))
        }
    }

    mutating func checkDocuments(of tree: DocumentTree) {
        guard let document = tree.documents.first else {
            issues.append(ValidationIssue(line: 1, column: 1, message: "the file is empty; a project defines applications and/or databases"))
            return
        }
        for extra in tree.documents.dropFirst() {
            issues.append(ValidationIssue(line: extra.start.line, column: extra.start.column, message:
                "a second YAML document: Helm reads only the first document of a values file; keep one per project"))
        }
        do {
            checkTopLevel(try TypedNode(root: document, in: tree))
        } catch let error as YAMLPatchError {
            issues.append(ValidationIssue(line: error.mark?.line ?? 1, column: error.mark?.column ?? 1, message: error.message))
        } catch {
            issues.append(ValidationIssue(line: 1, column: 1, message: "\(error)"))
        }
    }

    private mutating func checkTopLevel(_ root: TypedNode) {
        if root.value == .null {
            report(root, "the file is empty; a project defines applications and/or databases")
            return
        }
        guard let fields = fields(of: root, what: "the project file", known: ["applications", "databases"], required: []) else { return }
        if fields["applications"] == nil, fields["databases"] == nil {
            report(root, "the project defines neither applications nor databases")
        }
        for kind in ResourcePath.Kind.allCases {
            guard let list = fields[kind.rawValue], list.value != .null else { continue }
            guard let items = list.items else {
                report(list, "\(kind.rawValue) must be a list (- name: …), not \(ResourceRequest.kind(of: list.value))")
                continue
            }
            for (index, item) in items.enumerated() {
                switch kind {
                case .applications: checkApplication(item, index: index)
                case .databases: checkDatabase(item, index: index)
                }
            }
        }
    }

    /// The fields of a mapping by key, after reporting what is wrong with its keys: not a
    /// mapping (→ nil), merge keys, duplicates, unknown keys (with a suggestion), missing
    /// required keys. Keys starting with `x-` are allowed and not returned.
    mutating func fields(of node: TypedNode, what: String, known: [String], required: [String]) -> [String: TypedNode]? {
        guard let pairs = node.pairs else {
            report(node, "\(what) must be a mapping (key: value), not \(ResourceRequest.kind(of: node.value)) \(node.written)")
            return nil
        }
        var fields: [String: TypedNode] = [:]
        for (name, key, value) in pairs {
            if name == "<<" {
                report(key, "\(what): merge keys (<<) are not supported; write the keys out so that edits and reviews see them")
            } else if let first = fields[name] {
                report(key, "\(what): duplicate key '\(name)' (first at line \(first.line))")
            } else if known.contains(name) {
                fields[name] = value
            } else if name == "project", what == "the project file" {
                report(key, "project is set by the ApplicationSet from the file name (--set project=…); remove it")
            } else if !name.hasPrefix("x-") {
                let hint = Self.closest(to: name, among: known).map { " (did you mean '\($0)'?)" } ?? ""
                report(key, "\(what): unknown key '\(name)'\(hint); the chart would ignore it. "
                    + "Known keys: \(known.joined(separator: ", ")); notes go under keys starting with x-")
            }
        }
        for name in required where fields[name] == nil {
            report(node, "\(what): missing required key '\(name)'")
        }
        return fields
    }

    /// The known key within two edits of `name`, if any (`domain` → `domains`).
    static func closest(to name: String, among known: [String]) -> String? {
        known.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
