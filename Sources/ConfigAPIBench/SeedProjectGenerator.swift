/// Writes a project file in the style of projects/myproject.yaml (4-space indentation, sequences indented by 4,
/// blank lines between items) with as many applications as asked.
enum SeedProjectGenerator {
    static func text(applications count: Int) -> [UInt8] {
        var text = "# Project \"benchmark\": generated in the style of projects/myproject.yaml.\napplications:\n"
        for index in 0..<count {
            text += """
                    - name: app-\(index)
                      git:
                          type: github
                          owner: myorg
                          repo: my-app-\(index)
                          branch: main
                          hash: ~
                      port: \(8000 + index % 1000)
                      domains:
                          - app-\(index).example.com

                """
        }
        text += "databases:\n    - name: mysql\n      type: mysql\n      version: \"8.0\"\n"
        text += "      port: 3306\n      size: 5Gi\n"
        return Array(text.utf8)
    }
}
