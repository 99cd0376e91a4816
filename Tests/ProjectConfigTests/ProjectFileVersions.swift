import TestSupport

/// Generated histories of a project file, for the history tracker's tests: a model of the file
/// (applications, databases, and the ways they are written) changed one random step at a
/// time, each version rendered to text. Most steps bump one hash, as the build pipeline does;
/// the others add, remove, rename, reorder, comment, re-indent, and write parts in forms the
/// tracker must parse (flow lists, block scalars, anchors and aliases, broken YAML).
struct ProjectFileVersions {
    struct Application {
        var name: String
        var hash: String?
        var port = 8080
        var domains: [String] = []
        var comment: String?
        var flowDomains = false
        var notes: String?
        var anchoredGit = false
    }

    var applications: [Application]
    var databases: [(name: String, version: String)] = [("mysql", "8.0"), ("cache", "7.0")]
    var indent = 4
    var broken = false
    var aliasing = false

    init(applications count: Int) {
        applications = (0..<count).map { Application(name: "app-\($0)", hash: nil, domains: ["app-\($0).example.com"]) }
    }

    /// `count` versions, oldest first: the start, then one random step each.
    static func history(_ count: Int, applications: Int, using generator: inout SeededGenerator) -> [String] {
        var model = ProjectFileVersions(applications: applications)
        var versions = [model.text]
        var counter = 0
        while versions.count < count {
            counter += 1
            model.step(counter, using: &generator)
            let text = model.text
            if text != versions.last { versions.append(text) }
        }
        return versions
    }

    mutating func step(_ counter: Int, using generator: inout SeededGenerator) {
        broken = false
        aliasing = false
        for index in applications.indices {
            applications[index].notes = nil
            applications[index].anchoredGit = false
        }
        let index = Int.random(in: 0..<max(1, applications.count), using: &generator)
        let hex = String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 16)
        let digits = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        switch Int.random(in: 0..<100, using: &generator) {
        case 0..<70 where !applications.isEmpty: applications[index].hash = String(digits.prefix(7 + counter % 9))
        case 70..<74 where !applications.isEmpty: applications[index].port = 8000 + counter % 1000
        case 74..<77 where !applications.isEmpty: applications[index].domains.append("d\(counter).example.com")
        case 77..<79 where !applications.isEmpty:
            applications[index].comment = counter % 2 == 0 ? nil : "note \(counter)"
        case 79..<81: applications.insert(Application(name: "new-\(counter)", hash: nil), at: index)
        case 81..<83 where !applications.isEmpty: applications.remove(at: index)
        case 83..<84 where !applications.isEmpty: applications[index].name = "renamed-\(counter)"
        case 84..<85 where applications.count > 1: applications.swapAt(index, (index + 1) % applications.count)
        case 85..<87 where !applications.isEmpty: applications[index].flowDomains.toggle()
        case 87..<88 where !applications.isEmpty: applications[index].notes = "line one\nline \(counter)"
        case 88..<89 where applications.count > 1:
            applications[1].anchoredGit = true
            aliasing = true
        case 90..<91: indent = indent == 4 ? 2 : 4
        case 91..<93: broken = true
        case 93..<96: databases[counter % databases.count].version = "\(counter % 20).\(counter % 7)"
        case 96..<98 where applications.count > 1:
            applications[index].name = applications[(index + 1) % applications.count].name
        default: if !applications.isEmpty { applications[index].hash = nil }
        }
    }

    var text: String {
        let pad = String(repeating: " ", count: indent)
        var lines = ["# generated project", "applications:"]
        for (index, application) in applications.enumerated() {
            if let comment = application.comment { lines.append("\(pad)# \(comment)") }
            lines.append("\(pad)- name: \(application.name)")
            let field = pad + "  "
            lines.append(application.anchoredGit ? "\(field)git: &git-\(index)" : "\(field)git:")
            let git = [("type", "github"), ("owner", "myorg"), ("repo", application.name), ("branch", "main")]
            for (key, value) in git {
                lines.append("\(field)\(pad)\(key): \(value)")
            }
            lines.append("\(field)\(pad)hash: \(application.hash.map { "\"\($0)\"" } ?? "~")")
            lines.append("\(field)port: \(application.port)")
            if application.flowDomains {
                lines.append("\(field)domains: [\(application.domains.joined(separator: ", "))]")
            } else if !application.domains.isEmpty {
                lines.append("\(field)domains:")
                lines += application.domains.map { "\(field)\(pad)- \($0)" }
            }
            if let notes = application.notes {
                lines.append("\(field)x-notes: |")
                lines += notes.split(separator: "\n").map { "\(field)\(pad)\($0)" }
            }
            if aliasing, index == 0, applications.count > 1 { lines.append("\(field)x-copy: *git-1") }
            lines.append("")
        }
        lines.append("databases:")
        for database in databases {
            lines += ["\(pad)- name: \(database.name)", "\(pad)  type: mysql",
                      "\(pad)  version: \"\(database.version)\"", "\(pad)  port: 3306", "\(pad)  size: 1Gi"]
        }
        if broken { lines.append("  : : [") }
        return lines.joined(separator: "\n") + "\n"
    }
}
