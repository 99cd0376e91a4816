import YAMLPatch

/// `config-api release`: removes an application's hold (``DeployedItem/holdKey``), exactly its
/// line, then validates the file (docs/contract.md#history-rollback-and-holds): problems the
/// file already had are warnings, as for any edit (docs/contract.md#validation). An application
/// without a hold is left as it is.
public struct HoldRelease: Sendable {
    /// The application.
    public let path: ResourcePath

    public init(path: ResourcePath) {
        self.path = path
    }

    /// The new text of the project file given its `current` text, and the problems it already
    /// had; `current` when there is no hold.
    public func editedFile(of current: [UInt8]?) throws(ProjectConfigError) -> ResourceEdit.EditedFile {
        guard let current else {
            throw ProjectConfigError(
                .missingProject, "no such project '\(path.project)': the branch has no \(path.file)")
        }
        do {
            let tree = try DocumentTree(parsing: current)
            guard let item = try DeployedItem.read(path, in: tree) else {
                throw ProjectConfigError(
                    .conflict, "no \(path.kind.singular) named '\(path.name)' in \(path.file)", file: path.file)
            }
            guard item.value[DeployedItem.holdKey] != nil else { return .init(text: current, warnings: []) }
            let hold = YAMLPath(steps: path.selector.steps + [.key(DeployedItem.holdKey)])
            let edit = try tree.applyingWithTree(.delete, at: hold)
            let warnings = try ProjectValidation.problemsKept(editing: tree, into: edit.tree, file: path.file)
            return .init(text: edit.result.text, warnings: warnings)
        } catch let error as YAMLPatchError {
            throw ProjectConfigError(error, file: path.file)
        } catch {
            throw error as? ProjectConfigError ?? ProjectConfigError(.edit(.verification), "\(error)", file: path.file)
        }
    }
}
