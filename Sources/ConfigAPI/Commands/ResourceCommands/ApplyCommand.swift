import ArgumentParser
import ProjectConfig

/// `config-api apply`: one resource request, committed and pushed exactly once.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Merge, create or delete an application or database, then commit and push.",
        discussion: """
            --path names the item: projects/<project>/applications/<name> or \
            projects/<project>/databases/<name>, in projects/<project>.yaml.
              apply   deep-merges --spec into the item (refused if it is absent)
              create  appends {name: <name>, ...spec} to the list (refused if it exists)
              delete  removes the item and its own comment lines (refused if absent)
            Every other byte of the file stays as it was. The whole file is validated before \
            every commit (see `config-api validate --help`); an invalid result is never committed.

            The update is a transaction on the git object database: fetch the branch, edit the \
            file as it is at the tip, commit with the tip as parent, push. When another writer \
            got there first, it fetches and re-applies the edit on the new tip, with jittered \
            exponential backoff. No change means no commit. Credentials: CONFIG_API_TOKEN or \
            GITHUB_TOKEN for HTTPS, the SSH agent for SSH (the host's key must be in \
            ~/.ssh/known_hosts); a token is never printed.

            A token goes only over HTTPS or to loopback (--allow-insecure-http sends it over \
            plain http:// anyway), and never across a redirect to another origin (scheme, host, \
            port): such a redirect is refused. Connecting waits at most --connect-timeout, a \
            silent connection at most --idle-timeout; an unreachable or failing server \
            (refused, reset, DNS, HTTP 5xx, a timeout) is retried --network-attempts times with \
            the same backoff, then exits 69 naming the remote and the timeout that fired.

            A remote given as a path runs its pre-receive, update, post-receive and post-update \
            hooks (core.hooksPath honoured) as `git push` to a path does: the new objects wait in \
            a quarantine inside the remote until pre-receive and update accept them; a refusal \
            exits 73 with the hook's output, and nothing lands.

            A run killed half-way leaves a journal in the git folder; the next run removes the \
            lock files it left and completes its update of the clone. A lock file of another \
            process is reported at once (73) with its path. Once the push has landed the run \
            succeeds (exit 0): a clone that cannot follow (a full disk, uncommitted changes) gets \
            a warning on stderr, and is brought up to date by a later run.

            Signed and traceable commits: --sign ssh|gpg signs every commit as git does \
            (ssh-keygen -Y sign -n git, gpg --detach-sign --armor; each retry signs its new \
            commit) with --signing-key, else CONFIG_API_SIGNING_KEY (the private key itself, for a \
            CI secret: kept in a private temporary file or GnuPG home, removed afterwards, never \
            printed), else git config user.signingKey. The key is tried on a probe before the \
            first attempt. --trailer "Key: value" and --signoff add trailers; in GitHub Actions \
            (GitHub-Run, GitHub-Event, GitHub-Actor) and in an Argo workflow (Argo-Workflow, \
            Argo-Workflow-UID, from ARGO_WORKFLOW_NAME and ARGO_WORKFLOW_UID) provenance trailers \
            are added unless --no-provenance. --push-to sends the commit, still built on the \
            branch's tip, to another branch for a pull request: created, or replaced only if it \
            is still what the attempt fetched (a lease); the branch itself is never touched.

            Exit codes: 0 done (also: pushed, with a warning about the clone), 64 usage, 65 bad \
            data, 66 no such repository, branch or project, 69 remote unavailable (unreachable, \
            timeout, HTTP 5xx, redirect to another origin, after retries), libgit2 missing, or \
            ssh-keygen/gpg missing for --sign, 70 internal (a bug), 73 cannot write (hook or \
            server refusal, a lock file held by another process, uncommitted changes in the way), \
            75 the branch kept moving (retries exhausted), 77 authentication refused, token \
            refused over plain HTTP, a server whose identity cannot be verified, or a signing key \
            that is missing or cannot sign.

            Examples:
              config-api apply --path projects/myproject/applications/api --spec '{"git":{"hash":"3f2c1a9"}}'
              config-api apply --path projects/myproject/databases/cache --action create \\
                  --spec '{"type":"redis","version":"7.0","port":6379,"size":"1Gi"}'
              config-api apply --path projects/myproject/applications/api --action delete --dry-run
              config-api apply --remote https://github.com/org/gitops.git --branch main \\
                  --path projects/myproject/applications/api --spec '{"port":8081}'
              config-api apply --path projects/myproject/applications/api \\
                  --spec '{"port":8081}' --sign ssh --signing-key ~/.ssh/id_ed25519.pub \\
                  --signoff --trailer "Ticket: OPS-7"
              config-api bump myproject api 3f2c1a9 --push-to 'config-api/{project}/{name}'
              config-api apply --remote https://git.example.com/gitops.git -q \\
                  --connect-timeout 5 --idle-timeout 20 --network-attempts 2 \\
                  --path projects/myproject/applications/api --spec '{"port":8081}'
            """
    )

    @Option(help: ArgumentHelp("The item: projects/<project>/(applications|databases)/<name>.", valueName: "PATH"))
    var path: String

    @Option(help: ArgumentHelp("A JSON object (needed by apply and create).", valueName: "JSON"))
    var spec: String?

    @Option(help: "apply (merge), create or delete.")
    var action: ResourceAction = .apply

    @OptionGroup var repository: RepositoryOptions

    func run() throws {
        var request: ResourceRequest?
        try reportingFailures { request = try ResourceRequest(path: path, action: action, specJSON: spec) }
        guard let request else { return }
        try RequestTransaction(request: request, options: repository).run()
    }
}

extension ResourceAction: ExpressibleByArgument {}
