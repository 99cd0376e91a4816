/// Fuzz target `json-reader`: what the JSON payload reader asks of YAMLPatch. Payloads
/// (`--spec`, dispatch events) are parsed by `DocumentTree(parsing:maximumTextSize:)` and read
/// with `value(of:in:)`; the values are then written into YAML files by the value writers.
///
/// Never a crash, never a hang; and a value read this way, written by the writers in flow and
/// in block style, reads back as the same value (else an edit writing it would fail its
/// verification).
@_cdecl("LLVMFuzzerTestOneInput")
public func readJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (text, _) = FuzzChoices.split(Array(UnsafeBufferPointer(start: data, count: size)))
    guard let tree = try? DocumentTree(parsing: text, maximumTextSize: 64 << 10),
        let document = tree.documents.first,
        let value = try? tree.value(of: document.root, in: document)
    else { return 0 }
    _ = tree.duplicateKeys()
    // What an edit would refuse to write (duplicate keys, keys too long) is not written here.
    guard (try? DocumentTree.checkWritable(value)) != nil,
        value.nestingDepth(upTo: DocumentTree.maximumNestingDepth) <= DocumentTree.maximumNestingDepth
    else { return 0 }
    let writer = ValueWriter(style: .fallback)
    for written in [writer.inline(value, inFlow: false), writer.block(value, indentation: 0)] {
        let reread: YAMLValue
        do {
            let tree = try DocumentTree(parsing: written.text + "\n")
            guard let document = tree.documents.first else { fatalError("FINDING: no document in\n\(written.text)") }
            reread = try tree.value(of: document.root, in: document)
        } catch {
            fatalError("FINDING: the written value does not parse: \(error)\n\(written.text)")
        }
        guard reread.isSame(as: value) else {
            fatalError("FINDING: the written value reads back differently\n\(written.text)\n\(reread)\n\(value)")
        }
    }
    return 0
}

extension YAMLValue {
    /// Equality in which NaN equals NaN.
    func isSame(as other: YAMLValue) -> Bool {
        switch (self, other) {
        case (.double(let a), .double(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isSame(as: $1) }
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value.isSame(as: $1.value) }
        default: return self == other
        }
    }
}
