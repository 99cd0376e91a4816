import ProjectConfig
import YAMLPatch

/// The documented exit codes (sysexits.h; docs/contract.md#exit-codes).
enum SysexitCode: Int32 {
    case usage = 64
    case dataError = 65
    case noInput = 66
    case unavailable = 69
    case software = 70
    case cannotCreate = 73
    case ioError = 74
    case temporaryFailure = 75
    case noPermission = 77

    /// A refused request, payload or project file: 66 for a missing project, 70 for an edit
    /// that failed its verification (a bug), 65 for the rest.
    init(_ kind: ProjectConfigError.Kind) {
        switch kind {
        case .missingProject: self = .noInput
        case .edit(let kind): self.init(kind)
        case .invalidRequest, .invalidJSON, .conflict, .invalidProject: self = .dataError
        }
    }

    /// A YAMLPatch refusal: 70 for a failed verification (a bug, nothing written), else 65.
    init(_ kind: YAMLPatchError.Kind) {
        self = kind == .verification ? .software : .dataError
    }
}
