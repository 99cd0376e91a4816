import Foundation

extension Process {
    /// Runs the configured process to its end, its standard output and error read together
    /// (standard input: /dev/null); returns its exit status and that output.
    public func runCollectingOutput() throws -> (status: Int32, output: String) {
        let output = Pipe()
        standardOutput = output
        standardError = output
        standardInput = FileHandle.nullDevice
        try run()
        let text = output.fileHandleForReading.readDataToEndOfFile()
        waitUntilExit()
        return (terminationStatus, String(decoding: text, as: UTF8.self))
    }
}
