/// A libgit2 object this process owns: `pointer`, handed to `release` (its `git_*_free`) when
/// the Swift object goes away. The handles of this folder derive from it, and none gives its
/// pointer to code outside the folder.
class OwnedPointer {
    let pointer: OpaquePointer
    private let release: (OpaquePointer) -> Void

    init(_ pointer: OpaquePointer, release: @escaping (OpaquePointer) -> Void) {
        self.pointer = pointer
        self.release = release
    }

    deinit {
        release(pointer)
    }
}
