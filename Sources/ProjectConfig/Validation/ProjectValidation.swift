import YAMLPatch

/// One problem in a project file, at the node that has it.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the node.
    public var line: Int
    /// The 1-based column of the node.
    public var column: Int
    /// What is wrong, for people.
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `LINE:COL: message`.
    public var description: String { "\(line):\(column): \(message)" }
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
