import Foundation

/// An invalid project file of `Fixtures/schema-parity/`, with what each tool must say about it,
/// written in its header:
///
///     # config-api: line 12                              the line `config-api validate` names
///     # helm: at '/applications/0/port'                  where values.schema.json refuses it
///     # helm: renders                                    …or: Helm renders it (beyond JSON Schema)
///     # editor schema: at ''                             optional: the project-file schema's verdict,
///                                                        when it differs from the chart's
///
/// Pointers are JSON pointers as Helm 4 prints them (`''` is the whole document).
struct SchemaParityFixture: CustomStringConvertible, Sendable {
    /// A tool's verdict: refused at a JSON pointer, or accepted.
    enum Verdict: Equatable, Sendable {
        case refused(at: String)
        case accepted
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/schema-parity")

    let file: URL
    let configAPILine: Int
    let helm: Verdict
    let editorSchema: Verdict

    /// The file name without `.yaml`: the project, as the ApplicationSet names it.
    var project: String { file.deletingPathExtension().lastPathComponent }
    var description: String { project }

    /// The fixtures of one subfolder, sorted by name; a header that cannot be read fails the test
    /// that reads it (as an empty list would hide the fixtures).
    static func all(in subfolder: String) -> [SchemaParityFixture] {
        let directory = folder.appendingPathComponent(subfolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().compactMap {
            try? SchemaParityFixture(file: directory.appendingPathComponent($0))
        }
    }

    /// How many `.yaml` files a subfolder holds, to prove that ``all(in:)`` read every header.
    static func fileCount(in subfolder: String) -> Int {
        let names = try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(subfolder).path)
        return (names ?? []).filter { $0.hasSuffix(".yaml") }.count
    }

    init(file: URL) throws {
        self.file = file
        let header = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        func field(_ name: String) -> String? {
            header.first { $0.hasPrefix("# \(name): ") }.map { String($0.dropFirst(name.count + 4)) }
        }
        guard let line = field("config-api").flatMap({ Int($0.replacingOccurrences(of: "line ", with: "")) }),
              let helm = field("helm").flatMap(Self.verdict)
        else {
            throw PlatformTestFailure(description: "\(file.path): no '# config-api: line N' and '# helm: …' header")
        }
        configAPILine = line
        self.helm = helm
        editorSchema = try field("editor schema").map {
            try Self.verdict($0).orThrow("\(file.path): unreadable '# editor schema:' line")
        } ?? helm
    }

    /// `at 'POINTER'` → refused there; `renders` or `accepts` → accepted.
    private static func verdict(_ text: String) -> Verdict? {
        if text == "renders" || text == "accepts" { return .accepted }
        guard text.hasPrefix("at '"), text.hasSuffix("'") else { return nil }
        return .refused(at: String(text.dropFirst(4).dropLast()))
    }
}

/// The two Helm versions the chart must satisfy, and how each locates a schema violation.
enum HelmVersion: String, CaseIterable, CustomStringConvertible, Sendable {
    case helm3 = "Helm 3"
    case helm4 = "Helm 4"

    var description: String { rawValue }

    var executable: URL {
        get throws { try self == .helm3 ? PlatformTools.helm3 : PlatformTools.helm }
    }

    /// The start of Helm's message for values that fail values.schema.json (both versions).
    static let schemaFailure = "values don't meet the specifications of the schema(s)"

    /// How this version names the place of a problem at `pointer`: Helm 4 (santhosh-tekuri's
    /// validator) as `at '/applications/0/port'`, Helm 3 (gojsonschema) as `applications.0.port:`.
    func location(of pointer: String) -> String {
        switch self {
        case .helm4: return "- at '\(pointer)':"
        case .helm3:
            return pointer.isEmpty ? "- (root):" : "- \(pointer.dropFirst().replacingOccurrences(of: "/", with: ".")):"
        }
    }
}
