import Foundation
import Testing

/// The schemas in the repository are what `config-api schema` prints.
struct SchemaFileTests {
    /// chart/values.schema.json (Helm), byte for byte.
    @Test(arguments: [("values.schema.json", ["--chart-values"])])
    func committedSchemaIsTheCommandsOutput(file: String, flags: [String]) throws {
        let printed = try PlatformTools.run(try PlatformTools.configAPI, ["schema"] + flags).check("config-api schema")
        let committed = try String(contentsOf: PlatformTools.chart.appendingPathComponent(file), encoding: .utf8)
        let command = (["config-api", "schema"] + flags).joined(separator: " ")
        let regenerate = "swift build && .build/debug/\(command) > chart/\(file)"
        #expect(committed == printed.standardOutput,
                "chart/\(file) is not what `\(command)` prints; regenerate it: \(regenerate)")
    }
}
