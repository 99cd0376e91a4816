/// The rules for the `git` block of an application: what GitHub accepts as an owner or a
/// repository, what git accepts as a branch, and what the chart can put into a kaniko context
/// URL (`git://github.com/OWNER/REPO.git#refs/heads/BRANCH#HASH`) and an image tag.
///
/// Each check returns nil when the text is acceptable, or a phrase saying what is wrong that
/// follows the quoted text in a message.
enum GitHubNames {
    /// GitHub's longest user or organisation name.
    static let maximumOwnerLength = 39
    /// GitHub's longest repository name.
    static let maximumRepositoryLength = 100
    /// The longest branch name accepted here.
    static let maximumBranchLength = 255

    /// A GitHub user or organisation: letters, digits and single hyphens, not at either end,
    /// at most 39 characters.
    static func ownerProblem(_ owner: String) -> String? {
        if owner.isEmpty { return "is empty" }
        if owner.utf8.count > maximumOwnerLength {
            return "is \(owner.utf8.count) characters long; GitHub allows at most \(maximumOwnerLength)"
        }
        if let bad = owner.unicodeScalars.first(where: { !isASCIIAlphanumeric($0) && $0 != "-" }) {
            return "contains '\(DisplayText.visible(bad))'; GitHub owners are letters, digits and single hyphens"
        }
        if owner.hasPrefix("-") || owner.hasSuffix("-") || owner.contains("--") {
            return "has a hyphen at an end or two in a row, which GitHub does not allow"
        }
        return nil
    }

    /// A GitHub repository: letters, digits, `.`, `_` and `-`, at most 100 characters, not `.`
    /// or `..`, and without the `.git` suffix the chart appends itself.
    static func repositoryProblem(_ repository: String) -> String? {
        if repository.isEmpty { return "is empty" }
        if repository.utf8.count > maximumRepositoryLength {
            return "is \(repository.utf8.count) characters long; GitHub allows at most \(maximumRepositoryLength)"
        }
        if let bad = repository.unicodeScalars.first(where: {
            !isASCIIAlphanumeric($0) && !"._-".unicodeScalars.contains($0)
        }) {
            return "contains '\(DisplayText.visible(bad))'; GitHub repositories are letters, digits, '.', '_' and '-'"
        }
        if repository == "." || repository == ".." { return "is not a repository name" }
        if repository.hasSuffix(".git") { return "ends with .git; write the name without it (the chart appends .git)" }
        return nil
    }

    /// A branch name valid for git (`git check-ref-format --branch`) and safe in the chart:
    /// letters, digits, `.`, `_`, `-` and `/` only — a `#` would cut the kaniko context URL, a
    /// `"` would end the quoted sensor filter — with git's rules on dots, slashes and `.lock`.
    static func branchProblem(_ branch: String) -> String? {
        if branch.isEmpty { return "is empty" }
        if branch.utf8.count > maximumBranchLength {
            return "is \(branch.utf8.count) characters long; at most \(maximumBranchLength) are allowed"
        }
        if let bad = branch.unicodeScalars.first(where: {
            !isASCIIAlphanumeric($0) && !"._-/".unicodeScalars.contains($0)
        }) {
            return "contains '\(DisplayText.visible(bad))'; branches here are letters, digits, '.', '_', '-' and '/' "
                + "(git, the kaniko context URL or the sensor's ref filter would break on it)"
        }
        if branch.hasPrefix("-") { return "starts with '-', which git refuses for a branch" }
        if branch.hasPrefix("/") || branch.hasSuffix("/") || branch.contains("//") {
            return "has an empty path component ('/' at an end or '//'), which git refuses"
        }
        if branch.hasSuffix(".") || branch.contains("..") { return "has '..' or ends with '.', which git refuses" }
        for component in branch.split(separator: "/") {
            if component.hasPrefix(".") { return "has a component starting with '.', which git refuses" }
            if component.hasSuffix(".lock") { return "has a component ending with '.lock', which git refuses" }
        }
        return nil
    }

    /// A commit hash as a build writes it: 7 to 40 hexadecimal digits.
    static func hashProblem(_ hash: String) -> String? {
        if hash.isEmpty { return "is empty; write ~ (null) for an application that has not been built" }
        guard (7...40).contains(hash.utf8.count), hash.unicodeScalars.allSatisfy(isHexDigit) else {
            return "is not a commit hash (7 to 40 hexadecimal digits)"
        }
        return nil
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }
}
