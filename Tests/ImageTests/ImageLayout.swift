import Foundation

/// An OCI content descriptor: what a manifest or index points at.
struct Descriptor: Decodable {
    var mediaType: String
    var digest: String
    var size: Int
    var annotations: [String: String]?
}

/// An OCI image manifest.
struct Manifest: Decodable {
    var config: Descriptor
    var layers: [Descriptor]
    var annotations: [String: String]?
}

/// The parts of an OCI image configuration a runtime uses.
struct ImageConfiguration: Decodable {
    struct Settings: Decodable {
        var user: String?
        var environment: [String]?
        var entrypoint: [String]?
        var command: [String]?
        var workingDirectory: String?
        var labels: [String: String]?

        enum CodingKeys: String, CodingKey {
            case user = "User", environment = "Env", entrypoint = "Entrypoint", command = "Cmd"
            case workingDirectory = "WorkingDir", labels = "Labels"
        }
    }

    var architecture: String
    var os: String
    var created: String?
    var config: Settings
}

/// One image of the layout: its manifest and configuration.
struct LayoutImage {
    var reference: String
    var manifest: Manifest
    var configuration: ImageConfiguration
    /// The layer archives (gzip-compressed tars), lowest first.
    var layerFiles: [URL]

    var settings: ImageConfiguration.Settings { configuration.config }
    var labels: [String: String] { settings.labels ?? [:] }
}

/// The OCI archive `scripts/build-image` writes, extracted into a folder and read the way a
/// registry client reads it: index → manifest → configuration and layers, every blob checked
/// against its digest.
struct ImageLayout {
    static let archive = Command.repositoryRoot.appendingPathComponent(".build-image/config-api.oci.tar")

    /// Builds the archive with the offline assemble step, or finds it up to date; once per test
    /// process (the script also takes a lock, for other processes).
    private static let assembled: Result<Void, ImageTestFailure> = {
        let script = Command.repositoryRoot.appendingPathComponent("scripts/build-image").path
        do {
            let output = try Command.run(script, ["assemble"], in: Command.repositoryRoot)
            guard output.status == 0 else {
                return .failure(ImageTestFailure("""
                    scripts/build-image exited \(output.status); its last words: \
                    \(output.standardError.split(separator: "\n").suffix(5).joined(separator: "\n"))
                    (the package cache comes from `scripts/build-image fetch`, which scripts/setup runs)
                    """))
            }
            return .success(())
        } catch {
            return .failure(ImageTestFailure("cannot run \(script): \(error)"))
        }
    }()

    let folder: URL
    let index: [Descriptor]

    /// Assembles the archive (or reuses it) and extracts it into `folder`.
    static func extracted(into folder: URL) throws -> ImageLayout {
        try assembled.get()
        try Command.check("tar", ["-xf", archive.path, "-C", folder.path])
        let index = try Self.decode(IndexFile.self, at: folder.appendingPathComponent("index.json"))
        let layout = ImageLayout(folder: folder, index: index.manifests)
        try layout.verifyBlobDigests()
        return layout
    }

    /// The reference names of the index (`org.opencontainers.image.ref.name`).
    var references: [String] { index.compactMap { $0.annotations?["org.opencontainers.image.ref.name"] } }

    /// The runtime image's reference: the one whose `-action` sibling is in the index too.
    func runtimeReference() throws -> String {
        guard let reference = references.first(where: { references.contains("\($0)-action") }) else {
            throw ImageTestFailure("index.json names \(references), not a VERSION and VERSION-action pair")
        }
        return reference
    }

    /// The image the index names `reference`.
    func image(_ reference: String) throws -> LayoutImage {
        let named = index.first { $0.annotations?["org.opencontainers.image.ref.name"] == reference }
        guard let descriptor = named else {
            throw ImageTestFailure("index.json has no image named \(reference) (it has \(references))")
        }
        let manifest = try Self.decode(Manifest.self, at: blob(descriptor.digest))
        let configuration = try Self.decode(ImageConfiguration.self, at: blob(manifest.config.digest))
        for layer in manifest.layers where layer.mediaType != "application/vnd.oci.image.layer.v1.tar+gzip" {
            throw ImageTestFailure("layer \(layer.digest) of \(reference) is \(layer.mediaType), not a gzip tar")
        }
        return LayoutImage(reference: reference, manifest: manifest, configuration: configuration,
                           layerFiles: try manifest.layers.map { try blob($0.digest) })
    }

    /// `blobs/sha256/<hex>` of `digest`.
    func blob(_ digest: String) throws -> URL {
        guard digest.hasPrefix("sha256:") else { throw ImageTestFailure("digest \(digest) is not sha256") }
        return folder.appendingPathComponent("blobs/sha256/\(digest.dropFirst("sha256:".count))")
    }

    /// Every blob's sha256 equals its file name, as a registry would check on upload.
    private func verifyBlobDigests() throws {
        let blobs = folder.appendingPathComponent("blobs/sha256")
        let names = try FileManager.default.contentsOfDirectory(atPath: blobs.path).sorted()
        let sums = try Command.check("sha256sum", names, in: blobs)
        for line in sums.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0] == parts[1] else {
                throw ImageTestFailure("blob digest mismatch: \(line)")
            }
        }
    }

    private struct IndexFile: Decodable {
        var manifests: [Descriptor]
    }

    private static func decode<Value: Decodable>(_ type: Value.Type, at file: URL) throws -> Value {
        try JSONDecoder().decode(type, from: Data(contentsOf: file))
    }
}
