import Foundation
import TestSupport
import Testing

/// `config-api bump -C clone` against a local-path remote whose hooks refuse, whose branch
/// moves under it, or whose branch is locked by someone else.
@Suite struct LocalRemoteFaultTests {
    @Test func aRefusingHookExits73WithItsOutputOnOneLineAndNothingLands() throws {
        let workspace = try FaultWorkspace()
        try workspace.remote.installHook("pre-receive", script: """
            echo "deploy freeze until Monday"
            echo "::error::not from config-api" >&2
            exit 1
            """)
        let tip = try workspace.remote.tip()
        let result = try ConfigAPIProcess.run(workspace.bump("3f2c1a9"))

        #expect(result.status == 73)
        #expect(result.standardError == "config-api: push rejected by the server: refs/heads/main: pre-receive hook "
                + "declined — deploy freeze until Monday — ::error::not from config-api\n")
        #expect(try workspace.remote.tip() == tip)
        try workspace.checkRemoteIntegrity()
        #expect(FaultWorkspace.leftovers(in: workspace.remote.path).isEmpty)
    }

    /// The hook moves the branch itself the first time it runs (another writer getting there
    /// first; outside the quarantine, where git forbids reference updates): one line says so
    /// without -v, and -q silences it.
    @Test(arguments: [false, true])
    func aLostRaceIsOneLineOnStderrUnlessQuiet(_ quiet: Bool) throws {
        let workspace = try FaultWorkspace()
        let marker = workspace.folder.child("moved-once")
        try workspace.remote.installHook("pre-receive", script: """
            read old new ref
            test -e \(marker) && exit 0
            touch \(marker)
            unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
            other=$(git commit-tree -p "$old" -m "another writer" "$old^{tree}")
            git update-ref "$ref" "$other" "$old"
            """)
        let result = try ConfigAPIProcess.run(workspace.bump("3f2c1a9", quiet ? ["-q"] : []))

        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasSuffix(" (2 attempts)\n"))
        let lines = result.standardError.split(separator: "\n")
        if quiet {
            #expect(lines.isEmpty, "\(result.standardError)")
        } else {
            #expect(lines.count == 1 && lines[0].hasPrefix("config-api: main moved, retrying (attempt 2/60) in "),
                    "\(result.standardError)")
        }
        #expect(try workspace.remote.log("%s").prefix(2)
                == ["apply projects/myproject/applications/api", "another writer"])
    }

    @Test func aLockFileOfAnotherProcessIsReportedAtOnceNotAsABranchThatKeptMoving() throws {
        let workspace = try FaultWorkspace()
        let lock = "\(workspace.remote.path)/refs/heads/main.lock"
        #expect(FileManager.default.createFile(atPath: lock, contents: Data()))
        let result = try ConfigAPIProcess.run(workspace.bump("3f2c1a9", ["-v"]))

        #expect(result.status == 73)
        #expect(result.standardError.contains("config-api: \(lock) is held by another git process (the lock file is "))
        #expect(result.standardError.contains("remove it (rm '\(lock)') and run again"))
        #expect(!result.standardError.contains("kept moving") && !result.standardError.contains("retrying"))
        #expect(result.standardError.components(separatedBy: "[attempt=").count == 1, "no attempt logged a publish")
    }

    /// A dirty clone left behind the pushed commit is a warning without -v, and the exit stays 0.
    @Test func aDirtyCloneLeftBehindIsAWarningWithoutVerbose() throws {
        let workspace = try FaultWorkspace()
        let file = "\(workspace.clone)/\(FaultWorkspace.file)"
        try (try workspace.workTreeText() + "# my notes\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = try ConfigAPIProcess.run(workspace.bump("3f2c1a9"))

        #expect(result.status == 0)
        #expect(result.standardError.hasPrefix("config-api: warning: pushed "), "\(result.standardError)")
        #expect(result.standardError.contains("was left behind") && result.standardError.contains(FaultWorkspace.file))
        #expect(FaultWorkspace.apiHash(in: try workspace.remoteText()) == "3f2c1a9")
    }
}
