import YAMLPatch

/// What one run is asked to do: one resource request, or a batch of them applied together in
/// one commit (docs/contract.md#batches), and the order their hash updates must keep
/// (docs/contract.md#deploy-order).
public struct DeployRequest: Sendable, Equatable {
    /// The requests, in the order they are applied.
    public let operations: [ResourceRequest]
    /// The order hash updates must keep (the payload's `order`; flags may add to it).
    public let order: OrderRequirement
    /// Whether the requests came as a list (`--batch`, a payload's `operations`): messages then
    /// name the operation (`operations[3]`).
    public let isBatch: Bool

    public init(operations: [ResourceRequest], order: OrderRequirement = .none, isBatch: Bool = false) {
        self.operations = operations
        self.order = order
        self.isBatch = isBatch
    }

    /// A batch file (`apply --batch FILE`): a JSON or YAML list of request objects
    /// `{path, action, spec}`. An error names the operation (`operations[3]: …`) and, in the
    /// file, its line and column. An empty list is refused.
    public static func batch(fromText text: [UInt8], origin: String) throws(ProjectConfigError) -> DeployRequest {
        let list: YAMLValue
        var positions: [SourceMark] = []
        do {
            let tree = try DocumentTree(parsing: text)
            guard let document = tree.documents.first else { throw emptyBatch }
            list = try tree.value(of: document.root, in: document)
            if case .sequence(let nodes, _) = document.root.content { positions = nodes.map(\.start) }
        } catch let error as YAMLPatchError {
            throw ProjectConfigError(error, file: origin)
        } catch {
            var refusal = error as? ProjectConfigError ?? ProjectConfigError(.invalidRequest, "\(error)")
            refusal.file = origin
            throw refusal
        }
        do {
            return DeployRequest(operations: try operations(list, positions: positions), isBatch: true)
        } catch var error {
            error.file = origin
            throw error
        }
    }

    /// The requests of a list value; an error names the operation, at its position when known.
    static func operations(_ list: YAMLValue, positions: [SourceMark] = []) throws(ProjectConfigError)
        -> [ResourceRequest]
    {
        guard case .sequence(let items) = list else {
            throw ProjectConfigError(.invalidRequest, "a batch is a list of {path, action, spec}, not \(list.kindName)")
        }
        guard !items.isEmpty else { throw emptyBatch }
        var operations: [ResourceRequest] = []
        for (index, item) in items.enumerated() {
            do {
                operations.append(try ResourceRequest(payload: item))
            } catch var error {
                error.message = "\(operationName(index)): \(error.message)"
                if index < positions.count {
                    error.line = positions[index].line
                    error.column = positions[index].column
                }
                throw error
            }
        }
        return operations
    }

    /// `operations[3]`: how messages name the operation at `index`.
    public static func operationName(_ index: Int) -> String { "operations[\(index)]" }

    private static var emptyBatch: ProjectConfigError {
        ProjectConfigError(.invalidRequest, "the batch is empty; it is a list of {path, action, spec}")
    }
}
