/// GitOps: commits and pushes edits of one file through libgit2 (placeholder until the transaction lands).
public enum GitOps {}
