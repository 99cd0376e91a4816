import Foundation

/// One object `helm template` rendered.
struct Manifest {
    var json: JSONValue

    var kind: String { json["kind"]?.string ?? "" }
    var apiVersion: String { json["apiVersion"]?.string ?? "" }
    var name: String { json["metadata"]?["name"]?.string ?? "" }
    var namespace: String { json["metadata"]?["namespace"]?.string ?? "" }
}

/// The output of `helm template` for one project: its text and its objects.
struct Rendering {
    var text: String
    var manifests: [Manifest]

    /// The objects of one kind.
    func all(_ kind: String) -> [Manifest] { manifests.filter { $0.kind == kind } }

    /// The object of `kind` named `name`, which must exist exactly once.
    func one(_ kind: String, _ name: String) throws -> Manifest {
        let found = manifests.filter { $0.kind == kind && $0.name == name }
        guard found.count == 1 else {
            throw PlatformTestFailure(description: "\(found.count) \(kind) named \(name) rendered; objects: "
                + manifests.map { "\($0.kind)/\($0.name)" }.joined(separator: ", "))
        }
        return found[0]
    }
}

/// The chart rendered with the real helm, as ArgoCD renders it: `-f projects/P.yaml --set-string project=P`.
enum ChartRenderer {
    /// `helm template` of the chart for `project` with `values` (a project file); throws with
    /// helm's message when it refuses.
    static func render(project: String, values: URL, arguments: [String] = []) throws -> Rendering {
        let result = try template(project: project, values: values, arguments: arguments)
            .check("helm template for project \(project) with \(values.path)")
        let scratch = try ScratchFolder()
        let output = scratch.file("rendered.yaml")
        try result.standardOutput.write(to: output, atomically: true, encoding: .utf8)
        let manifests = try PlatformTools.yamlDocuments(of: output).map(Manifest.init)
        return Rendering(text: result.standardOutput, manifests: manifests)
    }

    /// The example project `project` as it is in `projects/`.
    static func render(example project: String, arguments: [String] = []) throws -> Rendering {
        try render(project: project, values: exampleFile(project), arguments: arguments)
    }

    /// `helm template` for `project` (with Helm 4 unless `helm` says otherwise), whatever its outcome.
    static func template(project: String, values: URL, arguments: [String] = [],
                         helm: URL? = nil) throws -> ProcessResult {
        let asArgoCD = [
            "template", project, PlatformTools.chart.path, "-f", values.path, "--set-string", "project=\(project)",
        ]
        return try PlatformTools.run(try helm ?? PlatformTools.helm, asArgoCD + arguments)
    }

    static func exampleFile(_ project: String) -> URL {
        PlatformTools.projects.appendingPathComponent("\(project).yaml")
    }

    /// The chart's default values (`chart/values.yaml`).
    static func defaultValues() throws -> JSONValue {
        let documents = try PlatformTools.yamlDocuments(of: PlatformTools.chart.appendingPathComponent("values.yaml"))
        return try documents.first.orThrow("chart/values.yaml is empty")
    }

    /// A project file's values, read by PyYAML as Helm reads them.
    static func projectValues(_ file: URL) throws -> JSONValue {
        try PlatformTools.yamlDocuments(of: file).first.orThrow("\(file.path) is empty")
    }
}

extension Optional {
    /// The wrapped value, or a failure saying `message`.
    func orThrow(_ message: String) throws -> Wrapped {
        guard let self else { throw PlatformTestFailure(description: message) }
        return self
    }
}
