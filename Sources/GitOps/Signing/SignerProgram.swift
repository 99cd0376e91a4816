internal import SystemCalls

/// A signing program (`ssh-keygen`, `gpg`, `gpgconf`) run as a child process without a shell:
/// an argument list, its standard input a file in the signer's private folder, its output and
/// errors captured in files there, and a deadline after which it is killed. Its environment is
/// this process's without the variables that hold secrets.
struct SignerProgram {
    /// The private folder (mode 0700) that holds the inputs and outputs.
    let folder: String
    /// The environment the programs get.
    let environment: [String: String]
    /// Seconds a run may take before it is killed.
    let timeout: Double

    /// Variables never passed to a signing program: the key itself and the push tokens.
    static let secretVariables: Set = ["CONFIG_API_SIGNING_KEY", "CONFIG_API_TOKEN", "GITHUB_TOKEN"]

    /// What one run printed and how it ended.
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `program arguments…` with `input` on its standard input. A program that cannot be
    /// started (not installed, not executable) is `signerUnavailable`; one that outlives the
    /// timeout is killed and reported as `signingFailed`.
    func run(_ program: String, _ arguments: [String], input: [UInt8] = []) throws -> Run {
        do {
            let (inputFile, inputPath) = try FileDescriptor.createUniqueFile(in: folder, prefix: "input-")
            defer { try? FileSystem.removeFile(inputPath) }
            try inputFile.writeAll(input)
            let outputPath = try reservedPath("output-")
            defer { try? FileSystem.removeFile(outputPath) }
            let errorsPath = try reservedPath("errors-")
            defer { try? FileSystem.removeFile(errorsPath) }
            let process: SpawnedProcess
            do {
                process = try SpawnedProcess.start(program, arguments, environment: environment,
                                                   standardInput: inputPath, standardOutput: outputPath,
                                                   standardError: .file(errorsPath))
            } catch {
                throw GitOpsError.signerUnavailable(program: program, reason: error.reason)
            }
            guard let termination = try process.waitForTermination(timeout: timeout) else {
                throw GitOpsError.signingFailed(
                    reason: "\(program) did not finish within \(Int(timeout)) s (waiting for a passphrase?)")
            }
            return Run(status: termination.status, output: try Self.text(of: outputPath),
                       errors: try Self.text(of: errorsPath))
        } catch let error as SystemCallError {
            throw GitOpsError.writeFailed(error)
        }
    }

    /// A new empty file's path in the folder (created by `mkstemp`, so owner-only).
    private func reservedPath(_ prefix: String) throws(SystemCallError) -> String {
        try FileDescriptor.createUniqueFile(in: folder, prefix: prefix).path
    }

    private static func text(of path: String) throws(SystemCallError) -> String {
        String(decoding: try FileDescriptor.openForReading(path).readToEnd(), as: UTF8.self)
    }

    /// This process's environment without `secretVariables`, with `overrides` set.
    static func environment(overriding overrides: [String: String] = [:]) -> [String: String] {
        ProcessEnvironment.all().filter { !secretVariables.contains($0.key) }.merging(overrides) { $1 }
    }
}
