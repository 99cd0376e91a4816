import Foundation
import Testing

/// Each database of a project becomes a StatefulSet running Docker's official image of its type
/// at its version, with its data on the volume and its password from `<project>-<db>-secret`,
/// and a headless Service named after it.
struct DatabaseTests {
    /// What the chart must render for one database type; written out here, independently of
    /// the chart's own table.
    struct Expected {
        var image: String
        var dataPath: String
        /// Variables whose value is the secret's password.
        var passwordVariables: [String]
        /// Variables with a plain value; `DB` stands for the database's name.
        var plainVariables: [String: String]
    }

    static let expected: [String: Expected] = [
        "mysql": Expected(
            image: "mysql", dataPath: "/var/lib/mysql", passwordVariables: ["MYSQL_PASSWORD", "MYSQL_ROOT_PASSWORD"],
            plainVariables: ["MYSQL_DATABASE": "DB_db", "MYSQL_USER": "DB_user"]),
        "postgres": Expected(
            image: "postgres", dataPath: "/var/lib/postgresql/data", passwordVariables: ["POSTGRES_PASSWORD"],
            plainVariables: [
                "POSTGRES_DB": "DB_db", "POSTGRES_USER": "DB_user", "PGDATA": "/var/lib/postgresql/data/pgdata",
            ]),
        "redis": Expected(
            image: "redis", dataPath: "/data", passwordVariables: ["REDIS_PASSWORD"], plainVariables: [:]),
        "mongodb": Expected(
            image: "mongo", dataPath: "/data/db", passwordVariables: ["MONGO_INITDB_ROOT_PASSWORD"],
            plainVariables: ["MONGO_INITDB_ROOT_USERNAME": "DB_user", "MONGO_INITDB_DATABASE": "DB_db"]),
    ]
    /// Versions that YAML would read as numbers unquoted (8.0 would become 8).
    static let versions = ["mysql": "8.0", "postgres": "16.10", "redis": "7.0", "mongodb": "8.0"]
    /// The port each image listens on unless told otherwise.
    static let defaultPorts = ["mysql": 3306, "postgres": 5432, "redis": 6379, "mongodb": 27017]

    @Test(arguments: PlatformTools.exampleProjects)
    func exampleDatabasesAreConfigured(project: String) throws {
        let file = ChartRenderer.exampleFile(project)
        let databases = try ChartRenderer.projectValues(file)["databases"]?.items ?? []
        let rendered = try ChartRenderer.render(example: project)
        #expect(rendered.all("StatefulSet").count == databases.count)
        for database in databases { try expectConfigured(database, in: rendered, project: project) }
    }

    /// Every supported type, added to a copy of an example project with `config-api append`
    /// (which `config-api validate` must accept), at its default port and at another one.
    @Test(arguments: ["mysql", "postgres", "redis", "mongodb"], [false, true])
    func everyTypeIsConfigured(type: String, otherPort: Bool) throws {
        let project = try #require(PlatformTools.exampleProjects.first)
        let repository = try ProjectRepository()
        let file = repository.file(of: project)
        let port = try #require(Self.defaultPorts[type]) + (otherPort ? 1 : 0)
        let version = try #require(Self.versions[type])
        let database = #"{"name": "extra", "type": "\#(type)", "version": "\#(version)", "port": \#(port), "#
            + #""size": "3Gi"}"#
        try repository.configAPI(["append", file.path, "databases", database, "-i"])
        try repository.configAPI(["validate", file.path])

        let rendered = try ChartRenderer.render(project: project, values: file)
        let added = try #require(try ChartRenderer.projectValues(file)["databases"]?.item(named: "extra"))
        try expectConfigured(added, in: rendered, project: project)
        let container = try #require(try container(of: "extra", in: rendered, project: project))
        let portArguments = container["args"]?.strings.filter { $0.contains(String(port)) } ?? []
        #expect(portArguments.isEmpty != otherPort, "arguments \(container["args"]?.strings ?? []) for port \(port)")
    }

    /// A version Helm would read as a number is refused, not deployed as `mysql:8`: by
    /// values.schema.json, and by the chart's own guard, naming the field, when the schema is skipped.
    @Test func unquotedVersionIsRefused() throws {
        let project = try #require(PlatformTools.exampleProjects.first)
        let repository = try ProjectRepository()
        let file = repository.file(of: project)
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: #"version: "8.0""#, with: "version: 8.0")
        try #require(edited != text, "the example has no version \"8.0\"")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let refused = try ChartRenderer.template(project: project, values: file)
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("/version': got number, want string"), "\(refused.standardError)")
        let unchecked = try ChartRenderer.template(project: project, values: file,
                                                   arguments: ["--skip-schema-validation"])
        #expect(unchecked.status != 0)
        #expect(unchecked.standardError.contains("].version is the number 8"), "\(unchecked.standardError)")
    }

    private func expectConfigured(_ database: JSONValue, in rendered: Rendering, project: String) throws {
        let name = try #require(database["name"]?.string)
        let type = try #require(database["type"]?.string)
        let version = try #require(database["version"]?.string, "\(name): version is not a string")
        let port = try #require(database["port"]?.int)
        let expected = try #require(Self.expected[type], "no expectation for type \(type)")
        let statefulSet = try rendered.one("StatefulSet", "\(project)-\(name)-db")
        let spec = try #require(statefulSet.json["spec"])
        let container = try #require(try container(of: name, in: rendered, project: project))

        #expect(container["image"]?.string == "\(expected.image):\(version)")
        #expect(container["ports"]?.items.first?["containerPort"]?.int == port)
        let claim = try #require(spec["volumeClaimTemplates"]?.items.first?["metadata"]?["name"]?.string)
        let mount = container["volumeMounts"]?.items.first { $0["name"]?.string == claim }
        #expect(mount?["mountPath"]?.string == expected.dataPath, "\(name): the volume \(claim) is not mounted there")

        let environment = container["env"]?.items ?? []
        for variable in expected.passwordVariables {
            let reference = environment.first { $0["name"]?.string == variable }?["valueFrom"]?["secretKeyRef"]
            #expect(reference?["name"]?.string == "\(project)-\(name)-secret", "\(name): \(variable)")
            #expect(reference?["key"]?.string == "password", "\(name): \(variable)")
        }
        for (variable, value) in expected.plainVariables {
            let rendered = environment.first { $0["name"]?.string == variable }?["value"]?.string
            #expect(rendered == value.replacingOccurrences(of: "DB", with: name), "\(name): \(variable)")
        }
        if type == "redis" {
            #expect(Array((container["args"]?.strings ?? []).prefix(2)) == ["--requirepass", "$(REDIS_PASSWORD)"])
        }

        let service = try rendered.one("Service", name)
        #expect(spec["serviceName"]?.string == name)
        #expect(service.json["spec"]?["clusterIP"]?.string == "None")
        #expect(service.json["spec"]?["selector"] == spec["template"]?["metadata"]?["labels"])
        #expect(service.json["spec"]?["ports"]?.items.first?["port"]?.int == port)
    }

    private func container(of database: String, in rendered: Rendering, project: String) throws -> JSONValue? {
        try rendered.one("StatefulSet", "\(project)-\(database)-db").json["spec"]?["template"]?["spec"]?["containers"]?
            .item(named: database)
    }
}
