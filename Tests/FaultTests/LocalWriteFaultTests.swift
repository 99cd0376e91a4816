import Foundation
import TestSupport
import Testing

/// The push lands, then the clone's work tree cannot be written: a full disk (the work tree on a
/// small tmpfs, filled) or a read-only folder (a read-only bind mount), each in a mount namespace
/// of the test's own. The run exits 0 with a warning, the work tree file stays whole, and the next
/// run, once there is room, completes the update. The clone's git folder lives outside the
/// mount (`git clone --separate-git-dir`), so only the work tree write fails. And a full disk
/// under a local-path remote: refused with 73, nothing lands.
@Suite struct LocalWriteFaultTests {
    /// Clones the remote with its work tree on the mount `$1` sets up, fails the work tree with
    /// `$2`, runs the bump, undoes `$2` with `$3`, runs it again; leaves its findings in `$OUT`.
    static let script = #"""
        set -u
        mount_it=$1 break_it=$2 mend_it=$3
        file="$WORKTREE/projects/myproject.yaml"
        # bump NAME FILE-COPY: runs the bump, keeps its output, status, the file and HEAD after it.
        bump() {
            "$CONFIG_API" bump -C "$WORKTREE" --author "Fault Test <fault@example.com>" myproject api 3f2c1a9 \
                > "$OUT/$1.out" 2> "$OUT/$1.err"
            echo $? > "$OUT/$1.status"
            cp "$file" "$OUT/$2.yaml"
            git -C "$WORKTREE" rev-parse HEAD > "$OUT/head-$2"
        }
        eval "$mount_it" || exit 90
        git clone -q --separate-git-dir "$GITDIR" "$REMOTE" "$WORKTREE" || exit 91
        cp "$file" "$OUT/before.yaml"
        git -C "$WORKTREE" rev-parse HEAD > "$OUT/head-before"
        eval "$break_it"
        bump first during
        eval "$mend_it"
        bump second after
        git -C "$WORKTREE" status --porcelain --untracked-files=all > "$OUT/status"
        """#

    struct Findings {
        let folder: String

        func text(_ name: String) throws -> String {
            try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
        }

        func status(_ run: String) throws -> Int32? {
            Int32(try text("\(run).status").trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// Runs the script with the mount, break and mend steps; returns the workspace and findings.
    func run(mount: String, break breaking: String, mend: String) throws -> (FaultWorkspace, Findings) {
        let workspace = try FaultWorkspace()
        let out = workspace.folder.child("findings")
        let worktree = workspace.folder.child("mounted-worktree")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: worktree, withIntermediateDirectories: true)
        let result = try NamespaceScript.run(["-m", "--propagation", "private"], Self.script,
                                             arguments: [mount, breaking, mend],
                                             environment: ["GITDIR": workspace.folder.child("separate.git"),
                                                           "REMOTE": workspace.remote.path, "WORKTREE": worktree,
                                                           "OUT": out])
        #expect(result.status == 0, "\(result.output)")
        return (workspace, Findings(folder: out))
    }

    @Test func aFullDiskAfterThePushIsAWarningAndTheNextRunCompletesTheClone() throws {
        let (workspace, findings) = try run(
            mount: #"mount -t tmpfs -o size=256k config-api-full "$WORKTREE""#,
            break: #"dd if=/dev/zero of="$WORKTREE/filler" bs=4096 2>/dev/null; true"#,
            mend: #"rm "$WORKTREE/filler""#)
        try expectPushedWithAWarningThenRepaired(workspace, findings, reason: "No space left on device")
    }

    @Test func aReadOnlyWorkTreeAfterThePushIsAWarningAndTheNextRunCompletesTheClone() throws {
        let (workspace, findings) = try run(
            mount: #"mount --bind "$WORKTREE" "$WORKTREE""#,
            break: #"mount -o remount,bind,ro "$WORKTREE""#,
            mend: #"mount -o remount,bind,rw "$WORKTREE""#)
        try expectPushedWithAWarningThenRepaired(workspace, findings, reason: "Read-only file system")
    }

    /// The other side: the local-path remote's own disk is full. Nothing can be written there, so
    /// nothing lands (73, "cannot write"), the remote stays intact, and once there is room the
    /// same bump lands.
    @Test func aFullDiskUnderTheRemoteRefusesThePushAndLeavesTheRemoteIntact() throws {
        let workspace = try FaultWorkspace()
        let out = workspace.folder.child("findings")
        let mounted = workspace.folder.child("full-remote.git")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: mounted, withIntermediateDirectories: true)
        let script = #"""
            set -u
            mount -t tmpfs -o size=512k config-api-full "$MOUNTED" || exit 90
            git clone -q --bare "$REMOTE" "$MOUNTED" && git -C "$CLONE" remote set-url origin "$MOUNTED" || exit 91
            git -C "$MOUNTED" rev-parse main > "$OUT/tip-before"
            dd if=/dev/zero of="$MOUNTED/filler" bs=4096 2>/dev/null
            "$CONFIG_API" bump -C "$CLONE" myproject api 3f2c1a9 > "$OUT/full.out" 2> "$OUT/full.err"
            echo $? > "$OUT/full.status"
            git -C "$MOUNTED" rev-parse main > "$OUT/tip-full"
            rm "$MOUNTED/filler"
            git -C "$MOUNTED" fsck --strict --no-progress > "$OUT/fsck" 2>&1 || echo failed >> "$OUT/fsck"
            "$CONFIG_API" bump -C "$CLONE" myproject api 3f2c1a9 > "$OUT/room.out" 2> "$OUT/room.err"
            echo $? > "$OUT/room.status"
            """#
        let result = try NamespaceScript.run(["-m", "--propagation", "private"], script, environment: [
            "MOUNTED": mounted, "REMOTE": workspace.remote.path, "CLONE": workspace.clone, "OUT": out,
        ])
        #expect(result.status == 0, "\(result.output)")
        let findings = Findings(folder: out)
        let errors = try findings.text("full.err")
        #expect(try findings.status("full") == 73, "\(errors)")
        #expect(errors.hasPrefix("config-api: cannot write: ") && errors.contains("No space left on device"))
        #expect(try findings.text("tip-full") == findings.text("tip-before"), "nothing landed")
        #expect(try findings.text("fsck").isEmpty)
        let roomErrors = try findings.text("room.err")
        #expect(try findings.status("room") == 0, "\(roomErrors)")
        #expect(try findings.text("room.out").hasPrefix("pushed "))
    }

    private func expectPushedWithAWarningThenRepaired(_ workspace: FaultWorkspace, _ findings: Findings,
                                                      reason: String) throws {
        let tip = try workspace.remote.tip()
        let firstErrors = try findings.text("first.err")
        #expect(try findings.status("first") == 0, "\(firstErrors)")
        #expect(try findings.text("first.out").hasPrefix("pushed \(tip.prefix(12)) "))
        let warning = try findings.text("first.err")
        #expect(warning.hasPrefix("config-api: warning: pushed \(tip.prefix(12)), but the local clone could not "
                                  + "follow"), "\(warning)")
        #expect(warning.contains(reason) && warning.split(separator: "\n").count == 1, "\(warning)")
        #expect(FaultWorkspace.apiHash(in: try workspace.remoteText()) == "3f2c1a9")
        #expect(try findings.text("during.yaml") == findings.text("before.yaml"), "the file stayed whole and old")
        #expect(try findings.text("head-during") == findings.text("head-before"))

        let secondErrors = try findings.text("second.err")
        #expect(try findings.status("second") == 0, "\(secondErrors)")
        #expect(try findings.text("second.out") == "unchanged: projects/myproject/applications/api already matches\n")
        #expect(secondErrors.contains("completed the update of main"))
        #expect(FaultWorkspace.apiHash(in: try findings.text("after.yaml")) == "3f2c1a9")
        #expect(try findings.text("head-after") == tip + "\n")
        let status = try findings.text("status")
        #expect(status.isEmpty, "the clone is clean: \(status)")
    }
}
