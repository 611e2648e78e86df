/// pyvs's version, and the commit it was built from (stamped at build time
/// by the CommitStamp plugin; nil when built outside a git checkout).
public enum PyvsVersion {
    public static let number = "0.4.0"

    public static let commit: String? = stampedCommit

    /// "pyvs 0.4.0 (commit 2deafa91c0de)".
    public static var description: String { "pyvs \(number)" + (commit.map { " (commit \($0))" } ?? "") }

    /// The version and commit as every report records them.
    public static var record: [String: String] {
        ["version": number].merging(commit.map { ["commit": $0] } ?? [:]) { $1 }
    }
}
