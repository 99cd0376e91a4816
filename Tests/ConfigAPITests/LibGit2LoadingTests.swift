#if os(Linux)
    import Foundation
    import TestSupport
    import Testing

    /// libgit2 is not linked: the first git operation loads it by name. With a broken
    /// `libgit2.so.1.5` first on the loader's path, a git command stops with exit 69 and says
    /// libgit2 is missing, and a file command works as ever, since it never loads libgit2.
    @Suite struct LibGit2LoadingTests {
        @Test func gitCommandsNeedLibGit2AndFileCommandsNeverLoadIt() throws {
            let workspace = try GitWorkspace()
            let libraries = try TemporaryFolder("config-api-broken-libgit2")
            let broken = libraries.child("libgit2.so.1.5")
            try Data().write(to: URL(fileURLWithPath: broken))
            let environment = ["LD_LIBRARY_PATH": libraries.path]

            let bump = try workspace.run(["bump", "myproject", "api", "3f2c1a9"], environment: environment)
            #expect(bump.status == 69)
            #expect(
                bump.standardError.hasPrefix("config-api: libgit2 1.5 is not installed (\(broken): "),
                "\(bump.standardError)")
            #expect(try workspace.remote.commitCount() == 1)

            let get = try ProcessResult.run(
                PackageFiles.configAPI,
                ["get", "projects/myproject.yaml", "applications[0].port"],
                in: URL(fileURLWithPath: workspace.clone),
                environment: GitWorkspace.environment(environment))
            #expect(get.status == 0 && get.standardOutput == "8080\n", "\(get.standardError)")
        }
    }
#endif
