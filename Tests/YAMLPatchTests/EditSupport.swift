import Testing
@testable import YAMLPatch

/// Applies `operation` at `path` to `text` and returns the new text.
func edited(_ text: String, _ path: String, _ operation: EditOperation) throws -> String {
    let tree = try DocumentTree(parsing: text)
    let result = try tree.applying(operation, at: try YAMLPath(path))
    return String(decoding: result.text, as: UTF8.self)
}

/// The lines of `new` that are not in `old` and the lines of `old` not in `new`, by a
/// longest-common-subsequence diff of what lies between their common first and last lines
/// (small changes only).
func lineDiff(_ old: String, _ new: String) -> (removed: [String], added: [String]) {
    var a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
    var b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
    while let first = a.first, first == b.first {
        a = a.dropFirst()
        b = b.dropFirst()
    }
    while let last = a.last, last == b.last {
        a = a.dropLast()
        b = b.dropLast()
    }
    let (removed, added) = lcsDiff(Array(a), Array(b))
    return (removed, added)
}

private func lcsDiff(_ a: [String], _ b: [String]) -> (removed: [String], added: [String]) {
    var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
        for j in stride(from: b.count - 1, through: 0, by: -1) {
            table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
        }
    }
    var removed: [String] = [], added: [String] = []
    var i = 0, j = 0
    while i < a.count || j < b.count {
        if i < a.count, j < b.count, a[i] == b[j] {
            i += 1; j += 1
        } else if j < b.count, i == a.count || table[i][j + 1] >= table[i + 1][j] {
            added.append(b[j]); j += 1
        } else {
            removed.append(a[i]); i += 1
        }
    }
    return (removed, added)
}

/// The data of the first document of `text`.
func data(_ text: String) throws -> YAMLValue {
    let tree = try DocumentTree(parsing: text)
    let document = try #require(tree.documents.first)
    return try tree.value(of: document.root, in: document)
}

/// The folder holding this file's fixtures.
let fixtures = String(#filePath.dropLast("EditSupport.swift".count)) + "Fixtures/"

extension YAMLValue {
    /// The first item when this is a sequence.
    var firstItem: YAMLValue? {
        if case .sequence(let items) = self { return items.first }
        return nil
    }
}
