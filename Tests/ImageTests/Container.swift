import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An image unpacked into a root filesystem and run the way a container runtime runs it, with
/// no runtime: `unshare` gives the process its own mount and PID namespaces with a fresh /proc,
/// makes the root filesystem its root, changes to the working directory and drops to the image's
/// user; the device nodes a runtime provides are made in /dev. The environment is the image's
/// `Env` with the caller's variables on top (as `docker run -e` does). Needs root, as CI has.
struct Container {
    let rootFilesystem: URL
    let settings: ImageConfiguration.Settings

    /// The character devices every OCI runtime creates: name, major, minor.
    static let devices: [(String, Int, Int)] = [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ]

    /// Unpacks `image`'s layers, lowest first, into `folder/rootfs`.
    static func unpack(_ image: LayoutImage, into folder: URL) throws -> Container {
        guard geteuid() == 0 else {
            throw ImageTestFailure("""
                the image tests unpack the image with its owners and run it as its user in own namespaces \
                (unshare, mknod): run them as root, as CI does
                """)
        }
        let root = folder.appendingPathComponent("rootfs")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for layer in image.layerFiles {
            let names = try Command.check("tar", ["-tzf", layer.path]).split(separator: "\n")
            let whiteouts = names.filter { $0.contains(".wh.") }
            guard whiteouts.isEmpty else {
                throw ImageTestFailure("layer \(layer.lastPathComponent) deletes files: \(whiteouts)")
            }
            try Command.check("tar", ["-xzf", layer.path, "-C", root.path,
                                      "--numeric-owner", "--same-owner", "--same-permissions"])
        }
        for (name, major, minor) in devices {
            let node = root.appendingPathComponent("dev/\(name)").path
            try Command.check("mknod", ["-m", "666", node, "c", "\(major)", "\(minor)"])
        }
        return Container(rootFilesystem: root, settings: image.settings)
    }

    /// The image's user as numeric ids (`uid:gid`, as scripts/build-image writes it).
    func userIDs() throws -> (user: String, group: String) {
        let parts = (settings.user ?? "0:0").split(separator: ":").map(String.init)
        guard parts.count == 2, parts.allSatisfy({ Int($0) != nil }) else {
            throw ImageTestFailure("image user \(settings.user ?? "") is not numeric uid:gid")
        }
        return (parts[0], parts[1])
    }

    /// The image's `Env` as a dictionary.
    var imageEnvironment: [String: String] {
        var environment: [String: String] = [:]
        for entry in settings.environment ?? [] {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            environment[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return environment
    }

    /// Runs the entrypoint (or `entrypoint`) with `arguments` (default: the image's `Cmd`) as the
    /// image's user, in `workingDirectory` (default: the image's), with `environment` on top of
    /// the image's.
    func run(_ arguments: [String]? = nil, entrypoint: [String]? = nil, environment: [String: String] = [:],
             workingDirectory: String? = nil) throws -> CommandOutput {
        let (user, group) = try userIDs()
        let program = (entrypoint ?? settings.entrypoint ?? []) + (arguments ?? settings.command ?? [])
        guard !program.isEmpty else { throw ImageTestFailure("the image has neither entrypoint nor command") }
        let unshare = ["--mount", "--pid", "--fork", "--mount-proc=/proc", "--root=\(rootFilesystem.path)",
                       "--wd=\(workingDirectory ?? settings.workingDirectory ?? "/")",
                       "--setgid=\(group)", "--setuid=\(user)", "--"]
        return try Command.run("/usr/bin/unshare", unshare + program,
                               environment: imageEnvironment.merging(environment) { $1 })
    }

    /// `path` inside the root filesystem, as a host URL.
    func file(_ path: String) -> URL {
        rootFilesystem.appendingPathComponent(String(path.drop { $0 == "/" }))
    }
}
