internal import CLibGit2

/// Owns one `git_blob *`.
final class BlobHandle: OwnedPointer {
    init(_ pointer: OpaquePointer) {
        super.init(pointer, release: git_blob_free)
    }

    /// The blob's content.
    var bytes: [UInt8] {
        let size = Int(git_blob_rawsize(pointer))
        guard size > 0, let content = git_blob_rawcontent(pointer) else { return [] }
        return Array(UnsafeRawBufferPointer(start: content, count: size))
    }
}
