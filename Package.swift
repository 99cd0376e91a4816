// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "config-api",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "config-api", targets: ["ConfigAPI"]),
        .library(name: "YAMLPatch", targets: ["YAMLPatch"]),
        .library(name: "ProjectConfig", targets: ["ProjectConfig"]),
        .library(name: "GitOps", targets: ["GitOps"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        // libgit2's headers, and forwarders that load the library on first use (git commands only).
        .target(name: "CLibGit2"),
        // glibc's malloc.h, for the allocator settings of SystemCalls' ProcessMemory.
        .systemLibrary(name: "CMalloc"),
        .target(name: "SystemCalls", dependencies: ["CMalloc"]),
        .target(name: "YAMLPatch", dependencies: ["CYAML"]),
        // The platform's domain: resource paths, requests, the project schema and its validation,
        // resource edits over YAMLPatch. Bytes in, bytes, values or errors out: no git, no CLI, no system calls.
        .target(name: "ProjectConfig", dependencies: ["YAMLPatch"]),
        .target(name: "GitOps", dependencies: [
            "CLibGit2", "SystemCalls",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "ConfigAPI", dependencies: [
            "ProjectConfig", "YAMLPatch", "GitOps", "SystemCalls",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "ConfigAPIBench", dependencies: [
            "YAMLPatch", "GitOps", "SystemCalls", "TestSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Real git, git-http-server.py (used by path), sshd and ssh-agent on loopback: tests and the git benchmark.
        .target(name: "TestSupport", path: "Tests/Support", exclude: ["git-http-server.py", "fault-server.py"]),
        .testTarget(name: "YAMLPatchTests", dependencies: ["YAMLPatch"], exclude: ["Fixtures"]),
        .testTarget(name: "GitOpsTests", dependencies: ["GitOps", "SystemCalls", "TestSupport"]),
        .testTarget(name: "ProjectConfigTests", dependencies: ["ProjectConfig", "YAMLPatch", "TestSupport"]),
        .testTarget(name: "ConfigAPITests", dependencies: ["ConfigAPI", "ProjectConfig", "YAMLPatch", "TestSupport"]),
        // The real config-api binary against faults: kill -9 loops, hanging and redirecting servers,
        // full disks (tmpfs in a private mount namespace), plain HTTP (a private network namespace).
        .testTarget(name: "FaultTests", dependencies: ["TestSupport"]),
        // Renders chart/ with the real helm 4 and helm 3 (scripts/install-tools) and runs the built config-api.
        .testTarget(name: "PlatformTests",
                    exclude: ["Fixtures", "manifests-to-json.py", "validate-custom-resources.py",
                              "validate-project-file.py"]),
        // The image of scripts/build-image, run as its user; action.yml and the workflows. Runs the
        // programs it tests (scripts, the image, config-api, actionlint): it links none of them.
        .testTarget(name: "ImageTests"),
    ],
    swiftLanguageModes: [.v6]
)
