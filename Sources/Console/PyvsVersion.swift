import Foundation

/// pyvs's version, and the commit of the checkout it was built from.
public enum PyvsVersion {
    public static let number = "0.4.0"

    /// The commit pyvs was built from, read from the checkout's .git (no
    /// git process); nil when the binary runs away from its checkout.
    public static let commit: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let git = root.appendingPathComponent(".git")
        guard let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
        guard head.hasPrefix("ref: ") else { return String(head.prefix(12)) }
        let ref = String(head.dropFirst(5))
        if let loose = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
            return String(loose.trimmingCharacters(in: .whitespacesAndNewlines).prefix(12))
        }
        let packed = (try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8)) ?? ""
        return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix(12)) }
    }()

    /// "pyvs 0.4.0 (commit 2deafa91c0de)".
    public static var description: String { "pyvs \(number)" + (commit.map { " (commit \($0))" } ?? "") }
}
