/// The storage size of a database: a Kubernetes resource quantity as a PersistentVolumeClaim's
/// `resources.requests.storage` takes it (`5Gi`, `500Mi`, `1G`, `1024`).
enum KubernetesQuantity {
    /// Binary and decimal suffixes that make sense for bytes. The milli/micro/nano suffixes are
    /// valid quantities but never a sensible disk size (`500m` is half a byte, not 500 MiB).
    static let suffixes = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "k", "M", "G", "T", "P", "E", ""]

    /// Nil when `text` is a positive storage quantity, or what is wrong with it (a phrase that
    /// follows the quoted text).
    static func storageProblem(_ text: String) -> String? {
        let digitsEnd =
            text.unicodeScalars.firstIndex { !("0"..."9").contains($0) && $0 != "." } ?? text.unicodeScalars.endIndex
        let number = String(text.unicodeScalars[..<digitsEnd])
        let suffix = String(text.unicodeScalars[digitsEnd...])
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        let isDecimal = !number.isEmpty && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty }
        guard isDecimal, suffixes.contains(suffix) else {
            let fractions = ["m": "milli", "u": "micro", "n": "nano"]
            if let prefix = fractions[suffix] {
                return "is \(number) \(prefix)bytes; write \(number)Mi or \(number)M for megabytes"
            }
            if let unit = suffix.first.map({ String($0).uppercased() }), "KMGTPE".contains(unit),
                suffix.hasSuffix("B") || suffix.hasSuffix("b")
            {
                let decimal = unit == "K" ? "k" : unit
                return "is not a Kubernetes quantity; write \(number)\(unit)i or \(number)\(decimal) (no B)"
            }
            return "is not a Kubernetes quantity like 5Gi, 500Mi, 1G or 1024"
        }
        if Double(number) == 0 { return "is zero; a volume needs a positive size" }
        return nil
    }
}
