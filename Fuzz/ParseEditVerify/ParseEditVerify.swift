/// Fuzz target `parse-edit-verify`: parse the input as YAML, then make a few edits chosen from
/// the input (set, merge, delete, append at paths that lead into the tree) and check them.
///
/// Never a crash, never a hang, and never a `.verification` error: the verifier refusing the
/// tool's own edit is a finding, so is an edited text that does not parse again, has
/// duplicate keys, or differs from the text of the tree the verifier built. Every other
/// refusal (`.syntax`, `.alias`, `.value`, `.limit`, ...) is a correct answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func parseEditVerify(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var (text, choices) = FuzzChoices.split(Array(UnsafeBufferPointer(start: data, count: size)))
    guard let tree = try? DocumentTree(parsing: text) else { return 0 }
    readEverything(tree)
    for _ in 0..<3 {
        let path = choices.path(in: tree)
        let operation = choices.operation(in: tree)
        do {
            if choices.chance(50) {
                check(try tree.applying(operation, at: path), tree, path, operation)
            } else {
                let edit = try tree.applyingWithTree(operation, at: path)
                check(edit.result, tree, path, operation)
                guard edit.tree.text == edit.result.text else {
                    finding("the verified tree is not the edited text's", tree, path, operation)
                }
            }
        } catch let error as YAMLPatchError where error.kind == .verification {
            let refused = try? tree.plan(operation, at: path).splices.reversed().reduce(into: tree.text) {
                $0.replaceSubrange($1.range, with: $1.replacement)
            }
            finding("the verifier refused the tool's own edit: \(error)", tree, path, operation, refused)
        } catch {
            continue
        }
    }
    return 0
}

/// What readers do with a tree: values with aliases expanded, every path's matches, the
/// source text of each document, the duplicate keys.
private func readEverything(_ tree: DocumentTree) {
    for document in tree.documents {
        _ = try? tree.value(of: document.root, in: document)
        _ = tree.sourceText(of: document.root)
    }
    _ = tree.duplicateKeys()
}

/// An edit that passed verification: its text parses, has no duplicate keys (the old text had
/// none, or the edit would have been refused), and is the old text with the splices.
private func check(_ result: EditResult, _ tree: DocumentTree, _ path: YAMLPath, _ operation: EditOperation) {
    var spliced = tree.text
    for splice in result.splices.reversed() { spliced.replaceSubrange(splice.range, with: splice.replacement) }
    guard spliced == result.text, result.changed == (result.text != tree.text) else {
        finding("the result is not the old text with its splices", tree, path, operation)
    }
    guard result.changed else { return }
    do {
        let edited = try DocumentTree(parsing: result.text)
        guard edited.duplicateKeys().isEmpty else {
            finding("the edited text has duplicate keys", tree, path, operation, result.text)
        }
        guard edited.documents.count == tree.documents.count else {
            finding("the edited text has another number of documents", tree, path, operation, result.text)
        }
        readEverything(edited)
    } catch {
        finding("the verified text does not parse: \(error)", tree, path, operation, result.text)
    }
}

/// Reports what went wrong and stops the process, so libFuzzer keeps the input.
private func finding(
    _ what: String, _ tree: DocumentTree, _ path: YAMLPath, _ operation: EditOperation, _ edited: [UInt8]? = nil
) -> Never {
    var report = "FINDING: \(what)\npath: \(path)\noperation: \(operation)\n--- text\n"
    report += String(decoding: tree.text, as: UTF8.self)
    if let edited { report += "\n--- edited\n" + String(decoding: edited, as: UTF8.self) }
    fatalError(report)
}
