import Foundation
@testable import GitOps
import TestSupport
import Testing

/// A local-path remote runs its receive hooks as `git push` to a path does: real hook scripts in
/// a bare repository, the objects quarantined until `pre-receive` and `update` accept them.
@Suite struct ReceiveHookTests {
    /// A workspace with a clone, and a file in it where hooks write what they saw.
    struct Setting {
        let workspace: LocalWorkspace
        let clone: String
        let seen: String

        init() throws {
            workspace = try LocalWorkspace()
            clone = try workspace.clone("clone")
            seen = workspace.folder.child("seen.txt")
        }

        func push(_ value: String = "hooked") throws -> TransactionOutcome {
            try workspace.transaction(in: clone)
                .commit(file: DemoFile.path, message: "bump", push: true, edit: DemoFile.setting(1, to: value))
        }

        /// The remote's loose and packed objects, as `git count-objects -v` counts them.
        func objectCount() throws -> String {
            try GitCLI.run(["count-objects", "-v"], in: workspace.remote.path)
                .split(separator: "\n").filter { $0.hasPrefix("count:") || $0.hasPrefix("in-pack:") }
                .joined(separator: " ")
        }

        func folderNames(in path: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        }
    }

    @Test func aRefusingPreReceiveHookStopsThePushAndNothingLands() throws {
        let setting = try Setting()
        try setting.workspace.remote.installHook("pre-receive", script: """
            read old new ref
            echo "policy: $ref may not move" >&2
            printf '::set-output name=leak::x\\r\\n\\033[31m' >&2
            exit 1
            """)
        let tip = try setting.workspace.remote.tip()
        let objects = try setting.objectCount()
        let error = #expect(throws: GitOpsError.self) { try setting.push() }

        #expect(error == .rejectedByServer(reason: "refs/heads/main: pre-receive hook declined — "
                                                   + "policy: refs/heads/main may not move — "
                                                   + "::set-output name=leak::x — U+001B[31m"))
        #expect(try setting.workspace.remote.tip() == tip)
        #expect(try setting.objectCount() == objects)
        #expect(try setting.folderNames(in: setting.workspace.remote.path + "/objects")
                .allSatisfy { !$0.hasPrefix("tmp_") })
        #expect(!FileManager.default.fileExists(atPath: setting.workspace.remote.path + "/config-api.journal"))
        #expect(try GitCLI.run(["rev-parse", "HEAD"], in: setting.clone) == tip)
    }

    @Test func anAcceptingHookSeesTheQuarantinedObjectsAndEveryHookRunsInOrder() throws {
        let setting = try Setting()
        let remote = setting.workspace.remote
        try remote.installHook("pre-receive", script: """
            read old new ref
            git cat-file -e "$new" && echo "pre-receive $ref $old $new" >> \(setting.seen)
            test -n "$GIT_QUARANTINE_PATH" && test "$GIT_OBJECT_DIRECTORY" = "$GIT_QUARANTINE_PATH" && \\
              test ! -e "$GIT_ALTERNATE_OBJECT_DIRECTORIES/$(echo $new | cut -c1-2)/$(echo $new | cut -c3-)" && \\
              echo "quarantined in $(basename $GIT_QUARANTINE_PATH), GIT_DIR=$GIT_DIR, in $(basename $(pwd))" \\
              >> \(setting.seen)
            """)
        try remote.installHook("update",
                               script: "git cat-file -e \"$3\" && echo \"update $1 $2 $3\" >> \(setting.seen)")
        try remote.installHook("post-receive", script: """
            read old new ref
            echo "post-receive $ref $old $new quarantine=${GIT_QUARANTINE_PATH:-none}" >> \(setting.seen)
            """)
        try remote.installHook("post-update", script: "echo \"post-update $1\" >> \(setting.seen)")
        let base = try remote.tip()
        let outcome = try setting.push()
        let commit = try #require(outcome.commit)

        #expect(try remote.tip() == commit)
        #expect(try String(contentsOfFile: setting.seen, encoding: .utf8).split(separator: "\n") == [
            "pre-receive refs/heads/main \(base) \(commit)",
            "quarantined in tmp_objdir-config-api-incoming, GIT_DIR=., in remote.git",
            "update refs/heads/main \(base) \(commit)",
            "post-receive refs/heads/main \(base) \(commit) quarantine=none",
            "post-update refs/heads/main",
        ])
        #expect(try GitCLI.run(["fsck", "--strict"], in: remote.path).isEmpty)
        #expect(try setting.folderNames(in: remote.path + "/objects").allSatisfy { !$0.hasPrefix("tmp_") })
    }

    @Test func aRefusingUpdateHookStopsThePushToo() throws {
        let setting = try Setting()
        try setting.workspace.remote.installHook("update", script: "echo \"no updates to $1\"; exit 3")
        let tip = try setting.workspace.remote.tip()
        let reason = "refs/heads/main: hook declined — no updates to refs/heads/main"
        #expect(throws: GitOpsError.rejectedByServer(reason: reason)) {
            try setting.push()
        }
        #expect(try setting.workspace.remote.tip() == tip)
    }

    @Test func hooksComeFromCoreHooksPathAndAHookThatIsNotExecutableIsSkipped() throws {
        let setting = try Setting()
        let remote = setting.workspace.remote
        try FileManager.default.createDirectory(atPath: remote.path + "/policy", withIntermediateDirectories: true)
        try "#!/bin/sh\necho refused by policy/pre-receive\nexit 1\n"
            .write(toFile: remote.path + "/policy/pre-receive", atomically: true, encoding: .utf8)
        let policyHook = remote.path + "/policy/pre-receive"
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: policyHook)
        try remote.installHook("pre-receive", script: "exit 0")
        try GitCLI.run(["config", "core.hooksPath", "policy"], in: remote.path)
        let reason = "refs/heads/main: pre-receive hook declined — refused by policy/pre-receive"
        #expect(throws: GitOpsError.rejectedByServer(reason: reason)) {
            try setting.push()
        }

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: policyHook)
        let outcome = try setting.push("after")
        #expect(try remote.tip() == outcome.commit)
    }

    @Test func aRaceLostAfterTheHooksAcceptedIsRetriedWithTheHooksRunAgain() throws {
        let setting = try Setting()
        let competitor = try setting.workspace.clone("competitor")
        try setting.workspace.remote.installHook("pre-receive", script: "cat >> \(setting.seen)")
        var attempts = 0
        let outcome = try setting.workspace.transaction(in: setting.clone)
            .commit(file: DemoFile.path, message: "mine", push: true) { current in
                attempts += 1
                if attempts == 1 {
                    try GitCLI.commitAndPush(in: competitor, file: DemoFile.path, message: "theirs") {
                        $0 + "# theirs\n"
                    }
                }
                return try DemoFile.setting(0, to: "mine")(current)
            }
        #expect(outcome.attempts == 2)
        let lines = try String(contentsOfFile: setting.seen, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 && lines.last?.hasSuffix(" \(outcome.commit!) refs/heads/main") == true,
                "the competitor's push, config-api's losing attempt, its landing attempt: \(lines)")
        #expect(lines[1].hasPrefix(lines[0].prefix(40)), "the losing attempt was built on the old tip")
        #expect(try setting.workspace.remote.log("%s") == ["mine", "theirs", "seed"])
    }
}
