import GitOps
import ProjectConfig

/// `apply`, `bump`, `dispatch`: the requests of a ``DeployRequest`` applied one after the other
/// to the files as the attempt's base holds them, each hash update judged by the order guards
/// and holds first (docs/contract.md#deploy-order), all landing in one commit
/// (docs/contract.md#batches). An ordering key is recorded as a trailer per item it admitted.
struct RequestPlan: AttemptPlan {
    let request: DeployRequest
    let checks: OrderChecks
    /// The `--message` template.
    let template: String

    var subject: String {
        guard request.isBatch else { return request.operations[0].path.description }
        return "\(request.operations.count) operations on \(files.joined(separator: ", "))"
    }

    var facts: [(name: String, value: String)] {
        guard request.isBatch else {
            return [("Action", request.operations[0].action.rawValue), ("Path", request.operations[0].path.description)]
        }
        return [("Operations", String(request.operations.count)), ("Files", files.joined(separator: ", "))]
    }

    var file: String? { request.isBatch ? nil : request.operations[0].path.file }

    var branchNaming: (path: ResourcePath?, action: String) {
        request.isBatch ? (nil, "batch") : (request.operations[0].path, request.operations[0].action.rawValue)
    }

    /// The files the requests change, in the order they are first named.
    private var files: [String] {
        var seen: Set<String> = []
        return request.operations.map(\.path.file).filter { seen.insert($0).inserted }
    }

    func decide(at base: CommitSnapshot) throws -> PlannedAttempt {
        var texts: [String: [UInt8]] = [:]
        var trailers: [CommitTrailer] = []
        var warnings: [String: [ValidationIssue]] = [:]
        for (index, operation) in request.operations.enumerated() {
            do {
                let file = operation.path.file
                let current = try texts[file] ?? base.file(file)
                let edit = try ResourceEdit(request: operation).editedFile(of: current)
                var edited = edit.text
                if let hash = operation.writtenHash, let current, edited != current {
                    switch try checks.verdict(writing: hash, to: operation.path, current: current, at: base) {
                    case .proceed:
                        if let key = checks.order.key {
                            trailers.append(try CommitTrailer(key: OrderTrailer.key,
                                                              value: OrderTrailer.value(operation.path, key)))
                        }
                    case .unchanged:
                        edited = current
                    case .superseded(let reason):
                        let why = "\(operation.path): \(hash) \(reason)"
                        return .declined(DeclinedUpdate(kind: .superseded, reason: named(index, why)))
                    case .held(let reason):
                        let why = Self.held(operation.path, reason)
                        return .declined(DeclinedUpdate(kind: .held, reason: named(index, why)))
                    }
                }
                texts[file] = edited
                // The last edit that changed a file saw every problem it kept.
                if edited != current { warnings[file] = edit.warnings }
            } catch var error as ProjectConfigError where request.isBatch {
                error.message = "\(DeployRequest.operationName(index)): \(error.message)"
                throw error
            }
        }
        let updates = files.compactMap { file in texts[file].map { FileUpdate(path: file, bytes: $0) } }
        let kept = files.flatMap { file in (warnings[file] ?? []).map { FileWarning(file: file, issue: $0) } }
        return .write(updates, message: message, trailers: trailers, warnings: kept)
    }

    /// The commit message: the template for one request; for a batch, the template (default
    /// `batch: {count} operations on {files}`) and a body with one `<action> <path>` line each.
    private var message: String {
        guard request.isBatch else { return request.operations[0].commitMessage(template: template) }
        let subject = (template == RepositoryOptions.defaultMessage ? "batch: {count} operations on {files}" : template)
            .replacing("{count}", with: String(request.operations.count))
            .replacing("{files}", with: files.joined(separator: ", "))
        return subject + "\n\n" + request.operations.map { "\($0.action.rawValue) \($0.path)" }.joined(separator: "\n")
    }

    /// The notice of a held update of `path`.
    static func held(_ path: ResourcePath, _ reason: String) -> String {
        "\(path) is held (\(reason)); `config-api release \(path.project) \(path.name)` ends the hold"
    }

    private func named(_ index: Int, _ reason: String) -> String {
        request.isBatch ? "\(DeployRequest.operationName(index)): \(reason)" : reason
    }
}

extension DeployTransaction {
    /// Runs `request` with the order its payload and the flags ask for, together.
    func run(_ request: DeployRequest, order options: OrderOptions) throws {
        var plan: RequestPlan?
        try reportingFailures(annotating: actions) {
            let requirement = try options.requirement().combined(with: request.order)
            let checks = options.checks(requirement, credentials: credentials, repository: self.options,
                                        environment: environment)
            plan = RequestPlan(request: request, checks: checks, template: self.options.message)
        }
        if let plan { try run(plan) }
    }
}
