import Foundation

/// Finding a command as a shell would: the first executable file of that
/// name in the folders of PATH.
public enum SearchPath {
    /// The folders of `path` (else of the environment's PATH, else /usr/bin:/bin).
    public static func folders(_ path: String? = nil) -> [String] {
        (path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    }

    /// The full path of `command` in `folders`, or nil when none holds it.
    public static func locate(_ command: String, in folders: [String] = folders()) -> String? {
        folders.map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
