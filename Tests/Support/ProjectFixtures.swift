/// Project files that tests of several modules share.
public enum ProjectFixtures {
    /// `projects/shop.yaml` after a bad hand edit: app0's port is out of range (line 4, column
    /// 13), app1 is held, app2 is valid.
    public static let shopWithBrokenApp0 = """
        applications:
            - name: app0
              git: {type: github, owner: o, repo: r0, branch: main, hash: ~}
              port: 0
            - name: app1
              git: {type: github, owner: o, repo: r1, branch: main, hash: ~}
              port: 81
              hold: incident 7
            - name: app2
              git: {type: github, owner: o, repo: r2, branch: main, hash: ~}
              port: 82

        """
}
