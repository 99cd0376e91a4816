import ArgumentParser
import Foundation

/// The programs the benchmarks run as whole processes: the release `config-api` beside this
/// binary, and the baselines compiled on the spot (a C libyaml scan, a static-stdlib Swift hello).
enum BenchmarkPrograms {
    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `path`, else the `config-api` next to this binary; throws when it is not there.
    static func configAPI(_ path: String? = nil) throws -> String {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let path =
            path
            ?? executable.resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("config-api").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ValidationError("no config-api at \(path): run swift build -c release first")
        }
        return path
    }

    /// Compiles `Benchmarks/libyaml-scan.c` (read a file, run libyaml's event parser over it)
    /// into `folder`; returns the program's path.
    static func compileLibYAMLScan(into folder: URL) throws -> String {
        let program = folder.appendingPathComponent("libyaml-scan").path
        let source = packageRoot.appendingPathComponent("Benchmarks/libyaml-scan.c").path
        try ChildProcess.start("cc", [source, "-O2", "-o", program, "-lyaml"]).succeed()
        return program
    }

    /// A copy of the program at `path` in `folder`, written as an installer writes it, named
    /// `name`: its path. A linker writes its output file through a memory map, which leaves it
    /// in the kernel's page cache in 4 KiB pieces; a program started from such a file takes
    /// 0.25–0.4 ms longer here than the same bytes written in one go (`cp`, an image layer),
    /// which is how config-api is installed.
    static func installedCopy(of path: String, in folder: URL, as name: String) throws -> String {
        let copy = folder.appendingPathComponent(name).path
        try Data(contentsOf: URL(fileURLWithPath: path)).write(to: URL(fileURLWithPath: copy))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy)
        return copy
    }

    /// Compiles a Swift program that prints "hello", with the Swift runtime linked statically
    /// (as config-api is), into `folder`: the least a Swift process costs.
    static func compileStaticHello(into folder: URL) throws -> String {
        let source = folder.appendingPathComponent("hello.swift")
        try Data("print(\"hello\")\n".utf8).write(to: source)
        let program = folder.appendingPathComponent("hello").path
        try ChildProcess.start("swiftc", ["-O", "-static-stdlib", source.path, "-o", program]).succeed()
        return program
    }
}
