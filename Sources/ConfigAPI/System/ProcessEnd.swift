/// The end of a command that has done its work.
enum ProcessEnd {
    /// Exits with status 0 while `values` are still alive, so they are never freed: once a file
    /// command has written its output, freeing a document tree node by node is work nobody
    /// needs (about a tenth of a `set` on a 1 MB file), and the exit returns the memory at once.
    /// (clang's `-disable-free` skips its teardown for the same reason.)
    static func succeed<each Value>(keeping values: repeat each Value) -> Never {
        withExtendedLifetime((repeat each values)) { ConfigAPI.exit() }
    }
}
