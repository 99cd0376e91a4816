import YAMLPatch

/// An application or database as a project file holds it: what the order guards and holds
/// read at an attempt's base (docs/contract.md#deploy-order), and what `status` shows.
public struct DeployedItem: Sendable, Equatable {
    /// Which item.
    public let path: ResourcePath
    /// The item's mapping, as a value (aliases expanded).
    public let value: YAMLValue

    public init(path: ResourcePath, value: YAMLValue) {
        self.path = path
        self.value = value
    }

    /// The item `path` names in the project file `text`; nil when the file has no such item.
    /// The first item of that name counts (validation refuses a second).
    public static func read(_ path: ResourcePath, in text: [UInt8]) throws(ProjectConfigError) -> DeployedItem? {
        do {
            return try read(path, in: DocumentTree(parsing: text))
        } catch let error as YAMLPatchError {
            throw ProjectConfigError(error, file: path.file)
        } catch {
            throw ProjectConfigError(.invalidProject, "\(error)", file: path.file)
        }
    }

    /// The item `path` names in the parsed file `tree`; nil when there is none.
    public static func read(_ path: ResourcePath, in tree: DocumentTree) throws -> DeployedItem? {
        let match: PathMatch
        do {
            guard let first = try tree.matches(of: path.selector).first else { return nil }
            match = first
        } catch let error as YAMLPatchError where error.kind == .noMatch {
            return nil
        }
        return DeployedItem(path: path, value: try tree.value(of: match.node, in: tree.documents[match.documentIndex]))
    }

    /// Every application and database of the project file `text` of `project`, in file order
    /// (applications first); items whose name is not a valid resource name, or repeats an
    /// earlier one, are left out.
    public static func all(in text: [UInt8], project: String) throws(ProjectConfigError) -> [DeployedItem] {
        let value: YAMLValue
        do {
            let tree = try DocumentTree(parsing: text)
            guard let document = tree.documents.first else { return [] }
            value = try tree.value(of: document.root, in: document)
        } catch let error as YAMLPatchError {
            throw ProjectConfigError(error, file: "projects/\(project).yaml")
        } catch {
            throw ProjectConfigError(.invalidProject, "\(error)", file: "projects/\(project).yaml")
        }
        var seen: Set<ResourcePath> = []
        return ResourcePath.Kind.allCases.flatMap { kind -> [DeployedItem] in
            guard case .sequence(let items)? = value[kind.rawValue] else { return [] }
            return items.compactMap { item in
                guard case .string(let name)? = item["name"],
                      let path = try? ResourcePath(project: project, kind: kind, name: name),
                      seen.insert(path).inserted else { return nil }
                return DeployedItem(path: path, value: item)
            }
        }
    }

    /// What is deployed: an application's `git.hash` (nil before its first build), a
    /// database's `version`.
    public var deployed: String? { path.kind == .applications ? hash : version }

    /// `git.hash` when it is a string (an application that has been built).
    public var hash: String? { Self.text(value["git"]?["hash"]) }

    /// The reason of a hold (``DeployedItem/holdKey``), when the item has one.
    public var hold: String? { Self.text(value[Self.holdKey]) }

    /// A database's `version`, when it is a string.
    public var version: String? { Self.text(value["version"]) }

    /// `git.owner` and `git.repo`: where an application's source is on GitHub.
    public var source: (owner: String, repo: String)? {
        guard let owner = Self.text(value["git"]?["owner"]), let repo = Self.text(value["git"]?["repo"]) else {
            return nil
        }
        return (owner, repo)
    }

    /// The key of an application that holds its hash updates, with the reason as its value.
    public static let holdKey = "hold"

    private static func text(_ value: YAMLValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }
}
