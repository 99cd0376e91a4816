import Foundation
import Testing

/// The CI objects of each application refer to each other by the names they have, the webhook
/// is signed, and the build's last step runs config-api with an argument list, no shell.
struct PipelineTests {
    static let shells: Set = ["sh", "bash", "/bin/sh", "/bin/bash", "/usr/bin/env", "-c"]

    @Test(arguments: PlatformTools.exampleProjects)
    func updateConfigRunsConfigAPIWithoutAShell(project: String) throws {
        let rendered = try ChartRenderer.render(example: project)
        let platform = try #require(try ChartRenderer.defaultValues()["platform"])
        let image = try #require(platform["configAPIImage"]?.string)
        let gitops = try #require(platform["gitops"]?["repository"]?.string)
        for application in try applicationNames(in: ChartRenderer.exampleFile(project)) {
            let workflow = try rendered.one("WorkflowTemplate", "\(project)-\(application)-build-workflow-template")
            let templates = workflow.json["spec"]?["templates"]
            let step = try #require(templates?.item(named: "update-config"))
            #expect(step["script"] == nil && step["resource"] == nil, "update-config must run a container")
            let container = try #require(step["container"])
            #expect(container["image"]?.string == image)
            let command = container["command"]?.strings ?? []
            let arguments = container["args"]?.strings ?? []
            #expect(command == ["config-api"])
            #expect(arguments == ["bump", "--remote", gitops, "--", project, application, "{{inputs.parameters.sha}}"])
            #expect(Set(command + arguments).isDisjoint(with: Self.shells), "a shell in \(command + arguments)")
            let token = container["env"]?.item(named: "CONFIG_API_TOKEN")?["valueFrom"]?["secretKeyRef"]
            #expect(token?["name"]?.string == "\(project)-github-access-secret")
            #expect(token?["key"]?.string == "token")
            #expect(container["securityContext"]?["runAsNonRoot"] == .bool(true))

            let tasks = templates?.item(named: "build")?["dag"]?["tasks"]
            #expect(tasks?.item(named: "update-config")?["dependencies"]?.strings == ["build"],
                    "update-config must wait for the build")
        }
    }

    @Test func gitOpsBranchIsPassedWhenSet() throws {
        let project = try #require(PlatformTools.exampleProjects.first)
        let branch = ["--set", "platform.gitops.branch=release"]
        let rendered = try ChartRenderer.render(example: project, arguments: branch)
        let workflow = try #require(rendered.all("WorkflowTemplate").first)
        let step = try #require(workflow.json["spec"]?["templates"]?.item(named: "update-config"))
        let arguments = step["container"]?["args"]?.strings ?? []
        let separator = try #require(arguments.firstIndex(of: "--"))
        #expect(Array(arguments[..<separator].suffix(2)) == ["--branch", "release"])
    }

    /// The update-config step passes the workflow's name and uid (Argo substitutes them), and
    /// config-api writes them into the commit as trailers.
    @Test func theCommitNamesTheWorkflowThatMadeIt() throws {
        let project = try #require(PlatformTools.exampleProjects.first)
        let container = try Self.updateConfigContainer(try ChartRenderer.render(example: project))
        let argo = [
            "{{workflow.name}}": "\(project)-api-build-workflow-template-x7k2p",
            "{{workflow.uid}}": "6f1c1d0e-6a4b-4b8e-9c3a-2f1e0d9c8b7a",
        ]
        var environment: [String: String] = [:]
        for variable in container["env"]?.items ?? [] {
            guard let name = variable["name"]?.string, let value = variable["value"]?.string else { continue }
            environment[name] = argo[value] ?? value
        }
        #expect(environment == ["ARGO_WORKFLOW_NAME": argo["{{workflow.name}}"]!,
                                "ARGO_WORKFLOW_UID": argo["{{workflow.uid}}"]!])
        #expect(container["env"]?.item(named: "CONFIG_API_SIGNING_KEY") == nil, "no key unless signing is asked for")

        let repository = try ProjectRepository()
        let application = try #require(try applicationNames(in: ChartRenderer.exampleFile(project)).first)
        try repository.bump(project, application, to: "3f2c1a9", environment: environment)
        #expect(try repository.lastCommitTrailers() == [
            "Argo-Workflow: \(argo["{{workflow.name}}"]!)", "Argo-Workflow-UID: \(argo["{{workflow.uid}}"]!)",
        ])
    }

    @Test func signingIsAskedForThroughValues() throws {
        let project = try #require(PlatformTools.exampleProjects.first)
        let values = [
            "--set", "platform.gitops.signing.format=gpg", "--set", "platform.gitops.signing.secretKey=bot-gpg",
        ]
        let container = try Self.updateConfigContainer(try ChartRenderer.render(example: project, arguments: values))
        let arguments = container["args"]?.strings ?? []
        let separator = try #require(arguments.firstIndex(of: "--"))
        #expect(Array(arguments[..<separator].suffix(2)) == ["--sign", "gpg"])
        let key = container["env"]?.item(named: "CONFIG_API_SIGNING_KEY")?["valueFrom"]?["secretKeyRef"]
        #expect(key?["name"]?.string == "\(project)-github-access-secret")
        #expect(key?["key"]?.string == "bot-gpg")

        let refused = try ChartRenderer.template(project: project, values: ChartRenderer.exampleFile(project),
                                                 arguments: ["--set", "platform.gitops.signing.format=x509"])
        #expect(refused.status != 0)
        let message = #"platform.gitops.signing.format must be "ssh", "gpg" or "", not "x509""#
        #expect(refused.standardError.contains(message))
    }

    /// The update-config step's container in the first WorkflowTemplate of `rendered`.
    static func updateConfigContainer(_ rendered: Rendering) throws -> JSONValue {
        let workflow = try #require(rendered.all("WorkflowTemplate").first)
        let step = try #require(workflow.json["spec"]?["templates"]?.item(named: "update-config"))
        return try #require(step["container"])
    }

    @Test(arguments: PlatformTools.exampleProjects)
    func eventsReachTheBuildOfTheirApplication(project: String) throws {
        let file = ChartRenderer.exampleFile(project)
        let rendered = try ChartRenderer.render(example: project)
        let bus = try rendered.one("EventBus", "\(project)-ci-eventbus")
        for application in try applicationNames(in: file) {
            let git = try #require(try projectApplication(application, in: file)["git"])
            let source = try rendered.one("EventSource", "\(project)-\(application)-github-eventsource")
            let sensor = try rendered.one("Sensor", "\(project)-\(application)-github-workflow-sensor")
            let workflow = try rendered.one("WorkflowTemplate", "\(project)-\(application)-build-workflow-template")
            #expect(source.json["spec"]?["eventBusName"]?.string == bus.name)
            #expect(sensor.json["spec"]?["eventBusName"]?.string == bus.name)

            let eventName = "\(project)-\(application)-github-trigger"
            let github = try #require(source.json["spec"]?["github"]?[eventName], "no event \(eventName)")
            let repository = github["repositories"]?.items.first
            #expect(repository?["owner"] == git["owner"])
            #expect(repository?["names"]?.strings == [git["repo"]?.string].compactMap { $0 })
            #expect(github["events"]?.strings == ["push"])
            let secret = "\(project)-github-access-secret"
            #expect(github["webhookSecret"]?["name"]?.string == secret, "the webhook is not signed")
            #expect(github["webhookSecret"]?["key"]?.string?.isEmpty == false)
            #expect(github["apiToken"]?["name"]?.string == secret)

            let dependency = try #require(sensor.json["spec"]?["dependencies"]?.items.first)
            #expect(dependency["eventSourceName"]?.string == source.name)
            #expect(dependency["eventName"]?.string == eventName)
            let branch = try #require(git["branch"]?.string)
            #expect(dependency["filters"]?["data"]?.items.first?["value"]?.strings == ["refs/heads/\(branch)"])
            let trigger = sensor.json["spec"]?["triggers"]?.items.first?["template"]?["k8s"]
            let created = trigger?["source"]?["resource"]
            #expect(created?["kind"]?.string == "Workflow")
            #expect(created?["spec"]?["workflowTemplateRef"]?["name"]?.string == workflow.name)
            #expect(trigger?["parameters"]?.items.first?["src"]?["dataKey"]?.string == "body.after")
        }
    }

    /// The ApplicationSet renders this chart for every project file, from the repository that
    /// config-api pushes to.
    @Test func applicationSetRendersTheChartForEveryProjectFile() throws {
        let file = PlatformTools.packageRoot.appendingPathComponent("applicationset.yaml")
        let documents = try PlatformTools.yamlDocuments(of: file)
        #expect(documents.count == 1)
        let set = try #require(documents.first)
        #expect(set["kind"]?.string == "ApplicationSet")
        #expect(set["apiVersion"]?.string == "argoproj.io/v1alpha1")
        let generator = try #require(set["spec"]?["generators"]?.items.first?["git"])
        #expect(generator["files"]?.items.first?["path"]?.string == "projects/*.yaml")
        let source = try #require(set["spec"]?["template"]?["spec"]?["source"])
        let gitops = try ChartRenderer.defaultValues()["platform"]?["gitops"]?["repository"]
        #expect(generator["repoURL"] == gitops)
        #expect(source["repoURL"] == gitops)
        let chartPath = try #require(source["path"]?.string)
        #expect(chartPath == "chart")
        let arguments = source["plugin"]?["env"]?.item(named: "HELM_ARGS")?["value"]?.string ?? ""
        let project = #"{{.path.filenameNormalized | trimSuffix ".yaml"}}"#
        #expect(arguments == "-f ../projects/{{.path.filename}} --set-string project=\(project)")
        let projects = PlatformTools.chart.appendingPathComponent("../projects").standardizedFileURL
        #expect(projects == PlatformTools.projects.standardizedFileURL)
        #expect(set["spec"]?["template"]?["spec"]?["destination"]?["namespace"]?.string == project)
    }
}
