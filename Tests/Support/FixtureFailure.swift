import Foundation

/// Why a fixture failed: the command and its stderr.
public struct FixtureFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
