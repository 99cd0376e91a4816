import YAMLPatch

/// One problem in a project file, at the node that has it.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the node.
    public var line: Int
    /// The 1-based column of the node.
    public var column: Int
    /// What is wrong, for people.
    public var message: String
    /// Where the node is in the document, list items named by their `name` when they have one
    /// (`applications[name=api].port`); the root for a problem of the whole file.
    public var path: YAMLPath

    public init(line: Int, column: Int, message: String, path: YAMLPath = YAMLPath(steps: [])) {
        self.line = line
        self.column = column
        self.message = message
        self.path = path
    }

    /// `LINE:COL: message`.
    public var description: String { "\(line):\(column): \(message)" }

    /// What makes two issues one problem on both sides of an edit, which moves lines: the path
    /// and the message, the line numbers the message cites (`first at line 12`) left out.
    var identity: String {
        var text = ""
        var rest = message[...]
        while let cited = rest.firstRange(of: "line ") {
            text += rest[..<cited.upperBound]
            rest = rest[cited.upperBound...]
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty { text += "#" }
            rest = rest.dropFirst(digits.count)
        }
        return path.description + "\u{0}" + text + rest
    }
}

/// Checks a whole project file against ``ProjectSchema``, reporting every problem with its line
/// and column rather than stopping at the first (docs/contract.md#validation).
///
/// Beyond the schema: the file's name is the project (a DNS label, ending in `.yaml`, as the
/// ApplicationSet reads `projects/*.yaml`), and a file holds one YAML document, because Helm 3
/// reads only the first document of a values file and Helm 4 merges them all.
public enum ProjectValidation {
    /// The project a file defines: its base name without `.yaml` (`projects/shop.yaml` → `shop`).
    public static func projectName(ofFile file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.hasSuffix(".yaml") ? String(base.dropLast(5)) : base
    }

    /// Every problem in `text`, the contents of `file`; a YAML syntax error is the only issue
    /// reported when the text cannot be parsed.
    public static func issues(inText text: [UInt8], file: String) -> [ValidationIssue] {
        do {
            return issues(in: try DocumentTree(parsing: text), file: file)
        } catch {
            return [issue(describing: error)]
        }
    }

    /// Every problem in the parsed file `tree`, whose path is `file` (its name is the project),
    /// in line order.
    public static func issues(in tree: DocumentTree, file: String) -> [ValidationIssue] {
        let project = projectName(ofFile: file)
        var found = fileNameIssues(file, project: project)
        if let document = tree.documents.first {
            for extra in tree.documents.dropFirst() {
                found.append(
                    ValidationIssue(
                        line: extra.start.line, column: extra.start.column,
                        message:
                            "a second YAML document: Helm 3 reads only the first document of a values file "
                            + "and Helm 4 merges them all; keep one per project"
                    ))
            }
            do {
                var validator = SchemaValidator(project: project)
                validator.checkFile(try TypedNode(root: document, in: tree))
                found += validator.issues
            } catch {
                found.append(issue(describing: error))
            }
        } else {
            found.append(ValidationIssue(line: 1, column: 1, message: SchemaValidator.emptyFile))
        }
        return found.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Throws ``ProjectConfigError/Kind/invalidProject``, located at the first problem of the
    /// parsed file `tree` and carrying all of them, when there is any.
    public static func requireValid(_ tree: DocumentTree, file: String) throws(ProjectConfigError) {
        let found = issues(in: tree, file: file)
        guard !found.isEmpty else { return }
        throw ProjectConfigError(invalidFile: file, issues: found)
    }

    /// The problems of `edited`, the parsed result of an edit of `original`, that `original` had
    /// already: the edit's warnings (docs/contract.md#validation). Throws
    /// ``ProjectConfigError/Kind/invalidProject`` naming the problems the edit introduced, when
    /// there is any. `original` is only validated when the result has problems.
    public static func problemsKept(
        editing original: DocumentTree, into edited: DocumentTree, file: String
    ) throws(ProjectConfigError) -> [ValidationIssue] {
        let found = issues(in: edited, file: file)
        guard !found.isEmpty else { return [] }
        let split = split(found, comparedWith: issues(in: original, file: file))
        guard split.introduced.isEmpty else { throw ProjectConfigError(invalidFile: file, issues: split.introduced) }
        return split.existing
    }

    /// The issues of an edited file split into those the edit introduced and those the file
    /// already had (docs/contract.md#validation): an issue is introduced when the original file
    /// has no issue of the same ``ValidationIssue/identity`` left to pair it with (each issue of
    /// the original pairs with one of the edited file). A valid original makes every issue
    /// introduced.
    public static func split(
        _ edited: [ValidationIssue], comparedWith original: [ValidationIssue]
    ) -> (introduced: [ValidationIssue], existing: [ValidationIssue]) {
        var unpaired = original.reduce(into: [String: Int]()) { $0[$1.identity, default: 0] += 1 }
        var introduced: [ValidationIssue] = []
        var existing: [ValidationIssue] = []
        for issue in edited {
            let identity = issue.identity
            if let count = unpaired[identity], count > 0 {
                unpaired[identity] = count - 1
                existing.append(issue)
            } else {
                introduced.append(issue)
            }
        }
        return (introduced, existing)
    }

    private static func fileNameIssues(_ file: String, project: String) -> [ValidationIssue] {
        var found: [ValidationIssue] = []
        if !file.hasSuffix(".yaml") {
            found.append(
                ValidationIssue(
                    line: 1, column: 1,
                    message: "the file name does not end in .yaml: "
                        + "the ApplicationSet reads only projects/*.yaml, so this project would never be deployed"))
        }
        if let problem = TextFormat.dnsLabel.problem(project) {
            found.append(
                ValidationIssue(
                    line: 1, column: 1,
                    message: "the project name '\(DisplayText.sanitized(project))' "
                        + "(the file name) \(problem): it becomes the Kubernetes namespace, a DNS-1123 label"))
        }
        return found
    }

    private static func issue(describing error: any Error) -> ValidationIssue {
        guard let error = error as? YAMLPatchError else {
            return ValidationIssue(line: 1, column: 1, message: "\(error)")
        }
        return ValidationIssue(line: error.mark?.line ?? 1, column: error.mark?.column ?? 1, message: error.message)
    }
}
