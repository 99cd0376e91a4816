import Foundation
import Testing

/// What a build's `config-api bump` deploys: the real binary writes the hash into a copy of the
/// example project, the real helm renders the chart from the result.
struct DeploymentTests {
    /// Seven digits (a number to YAML), a float-looking `12e4567`, a full SHA-1.
    static let hashes = ["1234567", "12e4567", "0123456789abcdef0123456789abcdef01234567"]
    static let application = "api"

    @Test(arguments: PlatformTools.exampleProjects, hashes)
    func bumpDeploysTheImageTheBuildPushed(project: String, hash: String) throws {
        let repository = try ProjectRepository()
        try repository.bump(project, Self.application, to: hash)
        #expect(try repository.lastCommitSubject() == "apply projects/\(project)/applications/\(Self.application)")
        let app = try projectApplication(Self.application, in: repository.file(of: project))
        #expect(app["git"]?["hash"] == .string(hash), "the project file does not hold the hash as a string")

        let rendered = try ChartRenderer.render(project: project, values: repository.file(of: project))
        let registry = try #require(try ChartRenderer.defaultValues()["platform"]?["registry"]?.string)
        let image = "\(registry)/\(project)-\(Self.application):\(hash)"
        let deployment = try rendered.one("Deployment", "\(Self.application)-app")
        let pod = try #require(deployment.json["spec"]?["template"])
        let container = try #require(pod["spec"]?["containers"]?.items.first)
        #expect(container["image"]?.string == image)
        let port = try #require(app["port"]?.int)
        #expect(container["ports"]?.items.first?["containerPort"]?.int == port)

        let workflow = try rendered.one("WorkflowTemplate", "\(project)-\(Self.application)-build-workflow-template")
        let build = try #require(workflow.json["spec"]?["templates"]?.item(named: "build-container"))
        let destinations = build["container"]?["args"]?.strings.filter { $0.hasPrefix("--destination=") } ?? []
        let pushed = "--destination=\(registry)/\(project)-\(Self.application):{{inputs.parameters.sha}}"
        #expect(destinations.contains(pushed),
                "the build pushes another image than the Deployment runs: \(destinations)")

        let service = try rendered.one("Service", Self.application)
        #expect(service.json["spec"]?["selector"]?["app"] == pod["metadata"]?["labels"]?["app"])
        #expect(service.json["spec"]?["ports"]?.items.first?["port"]?.int == port)
        #expect(service.json["spec"]?["ports"]?.items.first?["targetPort"]?.int == port)
        try expectRoutes(of: app, in: rendered, project: project)
    }

    /// Null or absent hash: the application has its CI pipeline and nothing else; setting the
    /// hash back to null removes what a bump rendered.
    @Test(arguments: PlatformTools.exampleProjects)
    func noDeploymentWhileTheHashIsNull(project: String) throws {
        let repository = try ProjectRepository()
        let file = repository.file(of: project)
        let unbuilt = try ChartRenderer.render(project: project, values: file)
        for name in try applicationNames(in: file) {
            guard try projectApplication(name, in: file)["git"]?["hash"] ?? .null == .null else { continue }
            expectNothingDeployed(for: name, in: unbuilt, project: project)
            _ = try unbuilt.one("WorkflowTemplate", "\(project)-\(name)-build-workflow-template")
        }
        try repository.bump(project, Self.application, to: "abcdef0")
        let built = try ChartRenderer.render(project: project, values: file)
        #expect(built.all("Deployment").contains { $0.name == "\(Self.application)-app" })
        let hashPath = "applications[name=\(Self.application)].git.hash"
        try repository.configAPI(["set", "--json", file.path, hashPath, "null", "-i"])
        let unset = try ChartRenderer.render(project: project, values: file)
        expectNothingDeployed(for: Self.application, in: unset, project: project)
    }

    /// Hashes written by hand: an unquoted 1234567 is a number to Helm, which values.schema.json
    /// refuses, and the chart's own guard too when the schema is skipped, rather than deploying
    /// `…:1.234567e+06`; an unquoted 12e4567 is a string to Helm. From the command line, a hash
    /// is given with --set-string (--set reads digits as a number, which the schema refuses).
    @Test(arguments: PlatformTools.exampleProjects)
    func hashesStayAsWritten(project: String) throws {
        let repository = try ProjectRepository()
        let file = repository.file(of: project)
        let registry = try #require(try ChartRenderer.defaultValues()["platform"]?["registry"]?.string)
        let image = { (hash: String) in "\(registry)/\(project)-\(Self.application):\(hash)" }
        let index = try #require(try applicationNames(in: file).firstIndex(of: Self.application))

        try repository.bump(project, Self.application, to: "1234567")
        let handTyped = try unquoted("1234567", in: file)
        let refused = try ChartRenderer.template(project: project, values: handTyped)
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("at '/applications/\(index)/git/hash': got number"),
                "\(refused.standardError)")
        let unchecked = try ChartRenderer.template(project: project, values: handTyped,
                                                   arguments: ["--skip-schema-validation"])
        #expect(unchecked.status != 0)
        let message = "applications[\(Self.application)].git.hash is the number"
        #expect(unchecked.standardError.contains(message), "\(unchecked.standardError)")
        #expect(!refused.standardOutput.contains("1.234567e+06") && !unchecked.standardOutput.contains("1.234567e+06"))

        try repository.bump(project, Self.application, to: "12e4567")
        let handWritten = try unquoted("12e4567", in: file)
        #expect(try deployedImage(ChartRenderer.render(project: project, values: handWritten)) == image("12e4567"))

        let setString = ["--set-string", "applications[\(index)].git.hash=7654321"]
        let set = try ChartRenderer.render(project: project, values: file, arguments: setString)
        #expect(try deployedImage(set) == image("7654321"))
        let setNumber = ["--set", "applications[\(index)].git.hash=7654321"]
        let number = try ChartRenderer.template(project: project, values: file, arguments: setNumber)
        #expect(number.status != 0 && number.standardError.contains("/applications/\(index)/git/hash"),
                "\(number.standardError)")
    }

    private func expectRoutes(of app: JSONValue, in rendered: Rendering, project: String) throws {
        let domains = app["domains"]?.strings ?? []
        let routes = rendered.all("IngressRoute").filter { $0.name.hasPrefix("\(project)-\(Self.application)-") }
        #expect(routes.count == domains.count)
        for domain in domains {
            let name = "\(project)-\(Self.application)-\(domain.replacingOccurrences(of: ".", with: "-"))-route"
            let route = try #require(try rendered.one("IngressRoute", name).json["spec"]?["routes"]?.items.first)
            #expect(route["match"]?.string == "Host(`\(domain)`)")
            #expect(route["services"]?.items.first?["name"]?.string == Self.application)
            #expect(route["services"]?.items.first?["port"] == app["port"])
        }
    }

    private func expectNothingDeployed(for name: String, in rendered: Rendering, project: String) {
        #expect(!rendered.all("Deployment").contains { $0.name == "\(name)-app" }, "\(name) has a Deployment")
        #expect(!rendered.all("Service").contains { $0.name == name }, "\(name) has a Service")
        let routePrefix = "\(project)-\(name)-"
        #expect(!rendered.all("IngressRoute").contains { $0.name.hasPrefix(routePrefix) }, "\(name) has a route")
    }

    private func deployedImage(_ rendered: Rendering) throws -> String? {
        try rendered.one("Deployment", "\(Self.application)-app").json["spec"]?["template"]?["spec"]?["containers"]?
            .items.first?["image"]?.string
    }

    /// A copy of `file`, beside it, with `hash: "HASH"` written `hash: HASH` as a hand edit would.
    private func unquoted(_ hash: String, in file: URL) throws -> URL {
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "hash: \"\(hash)\"", with: "hash: \(hash)")
        #expect(edited != text, "config-api did not write \(hash) quoted")
        let copy = file.deletingLastPathComponent().appendingPathComponent("hand-edited-\(file.lastPathComponent)")
        try edited.write(to: copy, atomically: true, encoding: .utf8)
        return copy
    }
}

/// The application `name` of a project file.
func projectApplication(_ name: String, in file: URL) throws -> JSONValue {
    let found = try ChartRenderer.projectValues(file)["applications"]?.item(named: name)
    return try found.orThrow("no application \(name) in \(file.path)")
}
