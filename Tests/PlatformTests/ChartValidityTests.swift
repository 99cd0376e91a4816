import Foundation
import Testing

/// The chart, rendered for every example project, is what Kubernetes and its operators accept:
/// `helm lint`, kubernetes-validate on the core resources, and the custom resources of Argo
/// Events, Argo Workflows and Traefik with the kinds and API versions their controllers watch.
struct ChartValidityTests {
    /// Kinds that kubernetes-validate knows (the chart's core resources).
    static let coreKinds: Set = ["Deployment", "Service", "StatefulSet"]
    /// Custom resources the chart renders, with the API version of each.
    static let customKinds = [
        "EventBus": "argoproj.io/v1alpha1", "EventSource": "argoproj.io/v1alpha1", "Sensor": "argoproj.io/v1alpha1",
        "WorkflowTemplate": "argoproj.io/v1alpha1", "IngressRoute": "traefik.io/v1alpha1",
    ]

    @Test(arguments: PlatformTools.exampleProjects)
    func helmLintPasses(project: String) throws {
        let result = try PlatformTools.run(try PlatformTools.helm, [
            "lint", "--strict", PlatformTools.chart.path,
            "-f", ChartRenderer.exampleFile(project).path, "--set-string", "project=\(project)",
        ])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("1 chart(s) linted, 0 chart(s) failed"))
    }

    /// As committed (applications not built yet) and with every application bumped, so that
    /// Deployments and Services are rendered too.
    @Test(arguments: PlatformTools.exampleProjects)
    func coreResourcesPassKubernetesValidate(project: String) throws {
        let repository = try ProjectRepository()
        let unbuilt = try ChartRenderer.render(project: project, values: repository.file(of: project))
        try expectValid(unbuilt)
        for application in try applicationNames(in: repository.file(of: project)) {
            try repository.bump(project, application, to: "0123456789abcdef0123456789abcdef01234567")
        }
        let built = try ChartRenderer.render(project: project, values: repository.file(of: project))
        #expect(!built.all("Deployment").isEmpty)
        try expectValid(built)
    }

    /// The check above can fail: kubernetes-validate refuses a Deployment with a misspelt field.
    @Test func kubernetesValidateRefusesABrokenDeployment() throws {
        let repository = try ProjectRepository()
        let project = try #require(PlatformTools.exampleProjects.first)
        let application = try #require(try applicationNames(in: repository.file(of: project)).first)
        try repository.bump(project, application, to: "abcdef0")
        let rendered = try ChartRenderer.render(project: project, values: repository.file(of: project))
        let broken = rendered.text.replacingOccurrences(of: "containerPort:", with: "containerPorts:")
        #expect(broken != rendered.text)
        let result = try validate(broken)
        #expect(result.status != 0)
        #expect(result.standardOutput.contains("deployment/\(application)-app"), "\(result.standardOutput)")
    }

    /// Argo Workflows' own CRD schema (Fixtures/argo-workflows) accepts every WorkflowTemplate,
    /// strictly: a misspelt field fails, as the control below shows.
    @Test(arguments: PlatformTools.exampleProjects)
    func workflowTemplatesMatchArgoWorkflowsSchema(project: String) throws {
        let rendered = try ChartRenderer.render(example: project)
        let result = try validateWorkflowTemplates(rendered.text)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let templates = rendered.all("WorkflowTemplate")
        #expect(!templates.isEmpty)
        for template in templates {
            #expect(result.standardOutput.contains("WorkflowTemplate/\(template.name) valid"))
        }
    }

    @Test func argoWorkflowsSchemaRefusesAMisspeltField() throws {
        let project = try #require(PlatformTools.exampleProjects.first)
        let rendered = try ChartRenderer.render(example: project)
        let broken = rendered.text.replacingOccurrences(of: "retryStrategy:", with: "retryStrategie:")
        #expect(broken != rendered.text)
        let result = try validateWorkflowTemplates(broken)
        #expect(result.status != 0)
        #expect(result.standardOutput.contains("'retryStrategie' was unexpected"), "\(result.standardOutput)")
    }

    @Test(arguments: PlatformTools.exampleProjects)
    func customResourcesHaveTheirKindsAndAPIVersions(project: String) throws {
        let repository = try ProjectRepository()
        let applications = try applicationNames(in: repository.file(of: project))
        for application in applications { try repository.bump(project, application, to: "1234567") }
        let rendered = try ChartRenderer.render(project: project, values: repository.file(of: project))
        for manifest in rendered.manifests {
            #expect(Self.coreKinds.contains(manifest.kind) || Self.customKinds[manifest.kind] != nil,
                    "unexpected kind \(manifest.kind)")
            if let apiVersion = Self.customKinds[manifest.kind] {
                #expect(manifest.apiVersion == apiVersion, "\(manifest.kind)/\(manifest.name)")
            }
            #expect(manifest.namespace == project, "\(manifest.kind)/\(manifest.name): namespace \(manifest.namespace)")
        }
        #expect(try rendered.one("EventBus", "\(project)-ci-eventbus").json["spec"]?["nats"]?["native"] != nil)
        for application in applications {
            _ = try rendered.one("EventSource", "\(project)-\(application)-github-eventsource")
            _ = try rendered.one("Sensor", "\(project)-\(application)-github-workflow-sensor")
            _ = try rendered.one("WorkflowTemplate", "\(project)-\(application)-build-workflow-template")
        }
        let domains = try domainCount(in: repository.file(of: project))
        #expect(rendered.all("IngressRoute").count == domains)
    }

    private func expectValid(_ rendering: Rendering) throws {
        let result = try validate(rendering.text)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let core = rendering.manifests.filter { Self.coreKinds.contains($0.kind) }
        #expect(!core.isEmpty)
        for manifest in core {
            let resource = "\(manifest.kind.lowercased())/\(manifest.name)"
            #expect(result.standardOutput.contains("passed for resource \(resource) "), "\(resource) was not validated")
        }
    }

    /// validate-custom-resources.py with Argo Workflows' WorkflowTemplate CRD on `text`.
    private func validateWorkflowTemplates(_ text: String) throws -> ProcessResult {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let crd = folder.appendingPathComponent("Fixtures/argo-workflows/argoproj.io_workflowtemplates.yaml")
        let script = folder.appendingPathComponent("validate-custom-resources.py")
        let python = try PlatformTools.python
        return try withFile(holding: text) { try PlatformTools.run(python, [script.path, crd.path, $0.path]) }
    }

    /// kubernetes-validate --strict (unknown fields are errors) on a file holding `text`.
    private func validate(_ text: String) throws -> ProcessResult {
        let validator = try PlatformTools.kubernetesValidate
        return try withFile(holding: text) { try PlatformTools.run(validator, ["--strict", $0.path]) }
    }

    /// `body` run on a temporary file holding `text`.
    private func withFile(holding text: String, _ body: (URL) throws -> ProcessResult) throws -> ProcessResult {
        let scratch = try ScratchFolder()
        let file = scratch.file("manifests.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return try body(file)
    }
}

/// The names of the applications of a project file.
func applicationNames(in file: URL) throws -> [String] {
    try ChartRenderer.projectValues(file)["applications"]?.items.compactMap { $0["name"]?.string } ?? []
}

/// How many domains the applications of a project file have, together.
func domainCount(in file: URL) throws -> Int {
    let applications = try ChartRenderer.projectValues(file)["applications"]?.items ?? []
    return applications.reduce(0) { $0 + ($1["domains"]?.items.count ?? 0) }
}
