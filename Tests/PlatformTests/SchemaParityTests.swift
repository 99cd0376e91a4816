import Foundation
import Testing

/// Helm refuses what config-api refuses: realistic mistakes in project files
/// (`Fixtures/schema-parity/refused-by-both`) fail `config-api validate` (exit 65, at the line of
/// the mistake) and `helm template` with the chart, in Helm 3 and Helm 4 alike, on
/// chart/values.schema.json at the same place; the project-file schema editors use refuses them
/// there too. The rules JSON Schema cannot express (`refused-by-config-api-only`) are listed
/// explicitly: config-api refuses them, Helm renders.
struct SchemaParityTests {
    static let refusedByBoth = SchemaParityFixture.all(in: "refused-by-both")
    static let refusedByConfigAPIOnly = SchemaParityFixture.all(in: "refused-by-config-api-only")

    @Test func everyFixtureHeaderIsRead() {
        #expect(Self.refusedByBoth.count == SchemaParityFixture.fileCount(in: "refused-by-both"))
        #expect(Self.refusedByConfigAPIOnly.count == SchemaParityFixture.fileCount(in: "refused-by-config-api-only"))
        #expect(Self.refusedByBoth.count >= 20)
        #expect(Self.refusedByBoth.allSatisfy { $0.helm != .accepted })
        #expect(Self.refusedByConfigAPIOnly.allSatisfy { $0.helm == .accepted })
    }

    @Test(arguments: refusedByBoth, HelmVersion.allCases)
    func configAPIAndHelmRefuseTheSameMistake(fixture: SchemaParityFixture, helm: HelmVersion) throws {
        try expectConfigAPIRefuses(fixture)
        guard case .refused(let pointer) = fixture.helm else { return }
        let result = try ChartRenderer.template(project: fixture.project, values: fixture.file,
                                                helm: try helm.executable)
        #expect(result.status != 0, "\(helm) rendered \(fixture)")
        #expect(result.standardError.contains(HelmVersion.schemaFailure), "\(helm): \(result.standardError)")
        #expect(result.standardError.contains(helm.location(of: pointer)),
                "\(helm) did not refuse \(fixture) at '\(pointer)': \(result.standardError)")
    }

    /// Names unique across applications and databases, unique domains, names whose length
    /// depends on the project, duplicate keys and merge keys (gone once YAML is read), keys the
    /// chart receives from elsewhere, documents Helm versions read differently, and a hash YAML
    /// readers disagree on: config-api refuses each, Helm renders each (both versions).
    @Test(arguments: refusedByConfigAPIOnly, HelmVersion.allCases)
    func onlyConfigAPIRefusesWhatJSONSchemaCannotSay(fixture: SchemaParityFixture, helm: HelmVersion) throws {
        try expectConfigAPIRefuses(fixture)
        let result = try ChartRenderer.template(project: fixture.project, values: fixture.file,
                                                helm: try helm.executable)
        #expect(result.status == 0, "\(helm) refused \(fixture), so it is in the wrong folder: \(result.standardError)")
    }

    @Test(arguments: PlatformTools.exampleProjects, HelmVersion.allCases)
    func theExamplesPassAllOfThem(project: String, helm: HelmVersion) throws {
        let file = ChartRenderer.exampleFile(project)
        let validate = try PlatformTools.run(try PlatformTools.configAPI, ["validate", file.path])
        #expect(validate.status == 0, "\(validate.standardError)")
        let result = try ChartRenderer.template(project: project, values: file, helm: try helm.executable)
        #expect(result.status == 0, "\(helm): \(result.standardError)")
        #expect(try editorVerdicts([file]) == [.accepted])
    }

    /// The project-file schema, applied as an editor applies it, agrees with each fixture's
    /// header: refused where Helm refuses (and at `project`/`platform`, which only the file's
    /// schema can refuse), accepted where Helm renders.
    @Test func theEditorSchemaJudgesEveryFixture() throws {
        let fixtures = Self.refusedByBoth + Self.refusedByConfigAPIOnly
        let verdicts = try editorVerdicts(fixtures.map(\.file))
        #expect(verdicts.count == fixtures.count)
        for (fixture, verdict) in zip(fixtures, verdicts) {
            #expect(verdict == fixture.editorSchema, "\(fixture)")
        }
    }

    /// `config-api validate FILE` exits 65 naming the file at the fixture's line.
    private func expectConfigAPIRefuses(_ fixture: SchemaParityFixture) throws {
        let result = try PlatformTools.run(try PlatformTools.configAPI, ["validate", fixture.file.path])
        #expect(result.status == 65, "config-api accepted \(fixture): \(result.standardOutput)")
        let located = "config-api: \(fixture.file.path):\(fixture.configAPILine):"
        #expect(result.standardError.split(separator: "\n").contains { $0.hasPrefix(located) },
                "config-api did not name line \(fixture.configAPILine) of \(fixture): \(result.standardError)")
    }

    /// What the project-file schema says of each file (validate-project-file.py): refused at the
    /// first pointer it names, or accepted.
    private func editorVerdicts(_ files: [URL]) throws -> [SchemaParityFixture.Verdict] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("validate-project-file.py")
        let schema = PlatformTools.chart.appendingPathComponent("project-file.schema.json")
        let result = try PlatformTools.run(try PlatformTools.python, [script.path, schema.path] + files.map(\.path))
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        return files.map { file in
            if lines.contains("\(file.path) valid") { return .accepted }
            let problem = lines.first { $0.hasPrefix("\(file.path): at '") }
            let pointer = problem?.dropFirst(file.path.count + 6).prefix { $0 != "'" }
            return .refused(at: pointer.map(String.init) ?? "(no verdict: \(result.standardError))")
        }
    }
}
