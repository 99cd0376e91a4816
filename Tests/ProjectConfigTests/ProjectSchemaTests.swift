import ProjectConfig
import Testing
import YAMLPatch

/// The one definition of the project file: validation is driven by it, and its JSON Schema
/// export says the same as the checks (so that Helm can refuse what config-api refuses).
struct ProjectSchemaTests {
    static let formats: [(String, TextFormat)] = [
        ("dnsLabel", .dnsLabel), ("serviceName", .serviceName), ("hostname", .hostname),
        ("gitHubOwner", .gitHubOwner), ("gitHubRepository", .gitHubRepository), ("gitBranch", .gitBranch),
        ("commitHash", .commitHash), ("imageTag", .imageTag), ("storageQuantity", .storageQuantity),
    ]

    /// Texts that sit on the edges of the rules, for every format.
    static let edges = [
        "", "a", "A", "0", "-", ".", "..", "a-", "-a", "a-b", "a--b", "1a", "a1", "api", "Api", "my_api",
        "a.b", "a..b", "a.", ".a", "a/b", "a//b", "/a", "a/", "a/.b", "x.lock", "x.lock/y", "a.git", "a.gitx",
        "10.0.0.1", "example.com", "api.example.com", "1-2", "a.1", "a.1b", "*.example.com", "example.com.",
        "3f2c1a9", "3F2C1A9d0e", "abc", "12e4567", "5Gi", "500Mi", "1G", "1024", "1.5G", "0", "0Gi", "0.0",
        "500m", "5GB", ".5", "1.", "8.0", "7.0-alpine", "_x", "main", "release/v1.2_rc-3", "feature/x.y",
        "a b", "a;b", "a#b", "é", "a\n", String(repeating: "a", count: 39), String(repeating: "a", count: 40),
        String(repeating: "a", count: 59), String(repeating: "a", count: 63), String(repeating: "a", count: 64),
        String(repeating: "f", count: 41), String(repeating: "a", count: 100), String(repeating: "a", count: 101),
        String(repeating: "a", count: 128), String(repeating: "a", count: 129),
        Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: "."),
        Array(repeating: String(repeating: "a", count: 62), count: 4).joined(separator: "."),
    ]

    /// A check and its JSON Schema keywords accept exactly the same texts: the edges above, and
    /// 3,000 texts drawn (with a fixed seed) from the characters the rules are about.
    @Test(arguments: formats)
    func patternAndCheckAgree(name: String, format: TextFormat) throws {
        let pattern = try Regex(format.pattern)
        let excluded = try format.excludedPattern.map { try Regex($0) }
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("ab09-._/AZkMGi")
        let drawn = (0..<3_000).map { _ in
            String(
                (0..<Int.random(in: 0...10, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        for text in Self.edges + drawn {
            let byPattern =
                try text.wholeMatch(of: pattern) != nil
                && (try excluded.map { try $0.firstMatch(in: text) == nil } ?? true)
                && text.count <= (format.maximumLength ?? .max)
            #expect(
                byPattern == (format.problem(text) == nil),
                "\(name): '\(text)' check says \(format.problem(text) ?? "ok")")
        }
    }

    /// Renaming any required key of a valid item to a note (`x-…`) is reported as that key
    /// missing: the validator reads the required keys from the definition.
    @Test func everyRequiredKeyOfTheDefinitionIsRequired() throws {
        let valid = """
            applications:
                - name: api
                  git:
                      type: github
                      owner: myorg
                      repo: api
                      branch: main
                  port: 8080
            databases:
                - name: db
                  type: mysql
                  version: "8.0"
                  port: 3306
                  size: 5Gi
            """
        #expect(issues(valid) == [])
        let lists = [
            ("applications", ProjectSchema.application.requiredKeys + ProjectSchema.git.requiredKeys),
            ("databases", ProjectSchema.database.requiredKeys),
        ]
        #expect(lists.map(\.1.count) == [7, 5])
        for (list, keys) in lists {
            for key in keys {
                var lines = valid.split(separator: "\n").map(String.init)
                let start = lines.firstIndex(of: "\(list):")!
                let line = lines[start...].firstIndex { $0.drop { " -".contains($0) }.hasPrefix("\(key):") }!
                lines[line] = lines[line].replacing("\(key):", with: "x-\(key):", maxReplacements: 1)
                let found = issues(lines.joined(separator: "\n"))
                #expect(found.contains { $0.message.hasSuffix("missing required key '\(key)'") }, "\(key): \(found)")
            }
        }
    }

    @Test func notesAndKeysSetElsewhere() {
        #expect(issues("x-team: payments\napplications: []\n") == [])
        #expect(issues("platform: {}\napplications: []\n").first?.message.hasPrefix("platform holds what") == true)
        #expect(issues("project: shop\napplications: []\n").first?.message.hasPrefix("project is set by") == true)
    }

    @Test func derivedNamesAreCheckedAcrossItems() {
        let text = """
            applications:
                - name: a
                  git: {type: github, owner: o, repo: r, branch: main}
                  port: 80
                  domains: [b-c.example.com]
                - name: a-b
                  git: {type: github, owner: o, repo: r, branch: main}
                  port: 80
                  domains: [c.example.com]

            """
        #expect(
            issues(text) == [
                ValidationIssue(
                    line: 9, column: 17,
                    message: "application 'a-b': domain "
                        + "'c.example.com' makes the IngressRoute name 'myproject-a-b-c-example-com-route', which the "
                        + "application 'a' at line 5 makes too")
            ])
    }

    @Test(arguments: [JSONSchemaTarget.projectFile, .chartValues])
    func theJSONSchemaExportFollowsTheDefinition(target: JSONSchemaTarget) throws {
        let schema = ProjectSchema.jsonSchema(target)
        #expect(schema["$schema"] == .string("http://json-schema.org/draft-07/schema#"))
        #expect(schema["$comment"]?.text?.contains("`\(target.command)`") == true)
        #expect(schema["additionalProperties"] == .bool(false))
        #expect(schema["patternProperties"] == .mapping([.init(key: "^x-", value: .mapping([]))]))
        let oneOf = schema["anyOf"]?.items?.map { $0["required"] }
        #expect(oneOf == [.sequence([.string("applications")]), .sequence([.string("databases")])])
        let applications = schema["properties"]?["applications"]
        #expect(applications?["type"] == .sequence([.string("array"), .string("null")]))
        let application = applications?["items"]
        #expect(application?["required"] == .sequence(["name", "git", "port"].map(YAMLValue.string)))
        #expect(application?["properties"]?["name"]?["maxLength"] == .int(59))
        #expect(application?["properties"]?["port"]?["maximum"] == .int(65_535))
        let hash = application?["properties"]?["git"]?["properties"]?["hash"]
        #expect(hash?["type"] == .sequence([.string("string"), .string("null")]))
        #expect(hash?["pattern"] == .string("^[0-9a-fA-F]{7,40}$"))
        let repository = application?["properties"]?["git"]?["properties"]?["repo"]
        #expect(repository?["not"]?["type"] == .string("string"), "a null must not match an excluded pattern")
        let size = schema["properties"]?["databases"]?["items"]?["properties"]?["size"]
        #expect(size?["type"] == .sequence([.string("string"), .string("integer")]))
        #expect(size?["minimum"] == .int(1))
    }

    /// `project` and `platform` reach the chart from elsewhere: its values need them, a project
    /// file must not have them, and an editor should not offer them.
    @Test func onlyTheChartValuesHaveTheKeysSetElsewhere() {
        let file = ProjectSchema.jsonSchema(.projectFile)
        #expect(file["properties"]?["project"] == nil && file["properties"]?["platform"] == nil)
        #expect(file["required"] == nil)
        let chart = ProjectSchema.jsonSchema(.chartValues)
        #expect(chart["properties"]?["project"]?["pattern"] == .string(TextFormat.dnsLabel.pattern))
        #expect(chart["properties"]?["platform"] != nil)
        #expect(chart["required"] == .sequence([.string("project"), .string("platform")]))
    }

    private func issues(_ text: String) -> [ValidationIssue] {
        ProjectValidation.issues(inText: Array(text.utf8), file: "projects/myproject.yaml")
    }
}

extension YAMLValue {
    /// The items of a sequence.
    fileprivate var items: [YAMLValue]? {
        if case .sequence(let items) = self { return items }
        return nil
    }

    /// The text of a string.
    fileprivate var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

/// A small deterministic generator (SplitMix64), so the drawn texts are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
