#if DEBUG
import Synchronization

/// Counts the libyaml parses YAMLPatch starts (a tree built, or an edit's verifying re-parse)
/// within a scope, for the tests that show how often an operation reads its text. Debug builds
/// only: a release build neither counts nor pays for a task-local lookup.
@available(macOS 15.0, *)
enum ParseCounting {
    /// The count of one scope (a task-local value, so tests running at once do not mix).
    final class Tally: Sendable {
        let parses = Atomic<Int>(0)
    }

    @TaskLocal static var tally: Tally?

    /// Runs `body`; the number of parses it started.
    static func parses(in body: () throws -> Void) rethrows -> Int {
        let tally = Tally()
        try $tally.withValue(tally) { try body() }
        return tally.parses.load(ordering: .relaxed)
    }

    /// Called by every parse as it starts.
    static func recordParse() {
        tally?.parses.add(1, ordering: .relaxed)
    }
}
#endif
