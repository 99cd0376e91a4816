import Foundation
import TestSupport

/// A shell script run in new Linux namespaces of its own (`unshare`, as root): mounts made in a
/// mount namespace (`-m`) and addresses added in a network namespace (`-n`) are private to it and
/// vanish with it, so a test can fill a disk or own an address without touching the machine.
enum NamespaceScript {
    /// What the script printed (stdout and stderr together) and its exit status.
    struct Result {
        var status: Int32
        var output: String
    }

    /// Runs `sh -c script` with `arguments` as `$1…` under `unshare flags…`, with git's test
    /// environment, `CONFIG_API` naming the binary and `extra` added.
    static func run(_ flags: [String], _ script: String, arguments: [String] = [],
                    environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = flags + ["--", "/bin/sh", "-c", script, "sh"] + arguments
        process.environment = ConfigAPIProcess.environment(GitCLI.environment)
            .merging(["CONFIG_API": ConfigAPIProcess.executable]) { $1 }.merging(extra) { $1 }
        let (status, output) = try process.runCollectingOutput()
        return Result(status: status, output: output)
    }
}
