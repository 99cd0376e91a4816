/// The rule for a database's `version`, which the chart puts after the image name
/// (`image: <type>:<version>`).
enum ContainerImageNames {
    /// Nil when `tag` can follow `image:`, `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`, else why not (a
    /// phrase that follows the quoted tag).
    static func tagProblem(_ tag: String) -> String? {
        let allowed = tag.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "_.-".unicodeScalars.contains($0)
        }
        guard allowed, (1...128).contains(tag.utf8.count), !tag.hasPrefix("."), !tag.hasPrefix("-") else {
            return "cannot be an image tag (the chart runs <type>:<version>): letters, digits, '_', '.' and '-', "
                + "at most 128, not starting with '.' or '-'"
        }
        return nil
    }
}
