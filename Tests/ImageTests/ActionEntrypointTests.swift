import Foundation
import Testing

/// action.yml's entrypoint run from the image as GitHub's runner runs it (see ActionRunner):
/// a repository_dispatch event is applied to the checkout, pushed over loopback smart HTTP, and
/// the outputs land in $GITHUB_OUTPUT.
@Suite struct ActionEntrypointTests {
    static let token = "action-test-token"
    static let event = """
        {"action": "config-api", "branch": "main",
         "client_payload": {"path": "projects/myproject/applications/api", "action": "apply",
                            "spec": {"git": {"hash": "3f2c1a9"}}},
         "repository": {"full_name": "injunweb/projects-gitops", "default_branch": "main"},
         "sender": {"login": "injunweb-ci", "type": "User"}}
        """

    /// A runner about to start `image`, with the GitOps repository served on loopback and
    /// checked out in its workspace.
    struct Fixture {
        let runner: ActionRunner
        let bare: URL
        let server: LoopbackGitServer

        init(image: (ImageLayout) throws -> LayoutImage, in folder: URL) throws {
            let layout = try ImageLayout.extracted(into: folder)
            runner = ActionRunner(container: try Container.unpack(try image(layout), into: folder),
                                  metadata: try ActionMetadata.load())
            let served = folder.appendingPathComponent("served")
            bare = try FixtureGit.bareRepository(in: served, name: "projects-gitops",
                                                 files: ["projects/myproject.yaml": try FixtureGit.exampleProject()])
            server = try LoopbackGitServer(serving: served, token: ActionEntrypointTests.token)
            try runner.prepare(cloning: bare, as: server.url("projects-gitops.git"), event: ActionEntrypointTests.event)
        }
    }

    /// The image action.yml pins, its digest a placeholder until release: the archive's
    /// `VERSION-action` image stands for it.
    static func actionImage(in layout: ImageLayout) throws -> LayoutImage {
        try layout.image("\(try layout.runtimeReference())-action")
    }

    @Test func dispatchFromTheImagePushesAndWritesOutputs() throws {
        let folder = try Command.temporaryFolder("image-action")
        defer { try? FileManager.default.removeItem(at: folder) }
        let metadata = try ActionMetadata.load()
        #expect(metadata.imageDigest != nil, "action.yml must pin its image by digest: \(metadata.runs.image)")
        let fixture = try Fixture(image: Self.actionImage, in: folder)
        defer { fixture.server.stop() }
        let (runner, bare) = (fixture.runner, fixture.bare)

        let with = ["message": "deploy: {action} {path}", "author": "Deploy Bot <deploy-bot@example.com>"]
        let result = try runner.run(with: with, githubToken: Self.token)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("::add-mask::\(Self.token)"))
        #expect(!result.standardError.contains(Self.token))

        let tip = try FixtureGit.run(["rev-parse", "main"], in: bare)
        let log = try FixtureGit.run(["log", "--format=%s|%an <%ae>", "main"], in: bare).split(separator: "\n")
        #expect(log.count == 2)
        #expect(log.first == "deploy: apply projects/myproject/applications/api|Deploy Bot <deploy-bot@example.com>")
        let pushed = try FixtureGit.run(["show", "main:projects/myproject.yaml"], in: bare)
        #expect(pushed.contains("hash: 3f2c1a9 # set by CI"))

        let outputs = try runner.outputs()
        #expect(outputs["changed"] == "true")
        #expect(outputs["commit"] == tip)
        #expect(outputs["attempts"] == "1")
        #expect(try runner.summary().contains("+          hash: 3f2c1a9 # set by CI on every successful build"))
        let checkout = try String(contentsOf: runner.container.file("/github/workspace/projects/myproject.yaml"),
                                  encoding: .utf8)
        #expect(checkout.contains("hash: 3f2c1a9"), "the checkout's file follows the push")
    }

    /// Why the Action has its own image: run as the runtime image's user 10001, config-api can
    /// neither use the runner's checkout nor write the runner's output files.
    @Test func runtimeUserCannotServeAsTheAction() throws {
        let folder = try Command.temporaryFolder("image-action-user")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = try Fixture(image: { try $0.image(try $0.runtimeReference()) }, in: folder)
        defer { fixture.server.stop() }
        let (runner, bare) = (fixture.runner, fixture.bare)

        let result = try runner.run(with: [:], githubToken: Self.token)
        #expect(result.status != 0)
        #expect(try FixtureGit.run(["rev-list", "--count", "main"], in: bare) == "1")
        #expect(try runner.outputs().isEmpty)
    }

    /// The Action on a repository whose main takes signed pull requests only: the commit is
    /// signed with the `signing-key` secret, carries the given trailers, the sign-off and the
    /// run's provenance, and goes to the `push-to` branch, which the output `branch` names.
    @Test func aSignedTracedCommitGoesToAPullRequestBranch() throws {
        let folder = try Command.temporaryFolder("image-action-sign")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = try Fixture(image: Self.actionImage, in: folder)
        defer { fixture.server.stop() }
        let keys = try TestKeys(in: folder, email: "deploy-bot@example.com")
        defer { keys.stop() }
        let (runner, bare) = (fixture.runner, fixture.bare)

        let with = [
            "author": "Deploy Bot <deploy-bot@example.com>", "sign": "ssh", "signing-key": keys.sshPrivateKey,
            "trailers": "Change-Id: I8d2c4f1\nTicket: OPS-7\n", "signoff": "true",
            "push-to": "config-api/{project}/{name}",
        ]
        let result = try runner.run(with: with, githubToken: Self.token)
        #expect(result.status == 0, "\(result.standardError)")
        let branch = "config-api/myproject/api"
        let outputs = try runner.outputs()
        #expect(outputs["branch"] == branch)
        #expect(try FixtureGit.run(["rev-list", "--count", "main"], in: bare) == "1", "main is untouched")
        let commit = try FixtureGit.run(["rev-parse", branch], in: bare)
        #expect(outputs["commit"] == commit)
        #expect(result.standardOutput.contains("pushed \(commit.prefix(12)) apply projects/myproject/applications/api "
                                               + "to \(branch) (1 attempt)"))
        #expect(try keys.verifies(commit, in: bare))
        let message = folder.appendingPathComponent("message")
        try FixtureGit.run(["log", "-1", "--format=%B", commit], in: bare).write(to: message, atomically: true,
                                                                                    encoding: .utf8)
        let run = "https://github.com/\(ActionRunner.repository)/actions/runs/\(ActionRunner.runID)/attempts/1"
        #expect(try FixtureGit.run(["interpret-trailers", "--parse", message.path]).split(separator: "\n") == [
            "Change-Id: I8d2c4f1", "Ticket: OPS-7", "GitHub-Run: \(run)", "GitHub-Event: repository_dispatch",
            "GitHub-Actor: injunweb-ci", "Signed-off-by: Deploy Bot <deploy-bot@example.com>",
        ])
        for fragment in keys.fragments {
            #expect(!result.standardOutput.contains(fragment) && !result.standardError.contains(fragment))
        }
    }
}
