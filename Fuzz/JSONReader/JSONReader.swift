import ProjectConfig
@testable import YAMLPatch

/// Fuzz target `json-reader`: the strict JSON reader that reads every payload, spec and value
/// (`JSONText.parse`, then `DispatchPayload` for an event), and the value writers that put what
/// it read into a YAML file.
///
/// Never a crash, never a hang; a value it reads renders as JSON that reads back as the same
/// value; and written by the value writers in flow and in block style, it reads back as the
/// same value through libyaml (else an edit writing it would fail its verification).
@_cdecl("LLVMFuzzerTestOneInput")
public func readJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONText.parse(bytes, origin: "fuzz") else { return 0 }
    _ = try? DispatchPayload.request(fromEvent: value, origin: "fuzz")
    let rendered = JSONText.render(value)
    guard let again = try? JSONText.parse(rendered, origin: "rendered"), again.isSame(as: value) else {
        fatalError("FINDING: the rendered JSON does not read back the same\n\(rendered)")
    }
    // What an edit would refuse to write (duplicate keys, keys too long, too deep) is not written.
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
