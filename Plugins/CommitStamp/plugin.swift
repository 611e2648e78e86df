import Foundation
import PackagePlugin

/// Stamps the commit pyvs is built from into the BuildInfo target: a build
/// command writes `git rev-parse` of the package's checkout to a generated
/// Swift file. Its inputs are the checkout's HEAD and the branch it names
/// (loose and packed), so a new commit or a checkout re-stamps, and an
/// unchanged one recompiles nothing. Outside a git checkout the commit is nil.
@main
struct CommitStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Commit.swift")
        let script = """
            c=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null)
            if [ -n "$c" ]; then v="\\"$c\\""; else v=nil; fi
            printf 'let stampedCommit: String? = %s\\n' "$v" > "$2"
            """
        return [.buildCommand(displayName: "Stamping the commit pyvs is built from",
                              executable: URL(fileURLWithPath: "/bin/sh"),
                              arguments: ["-c", script, "stamp", package.path, output.path],
                              inputFiles: gitInputs(package),
                              outputFiles: [output])]
    }

    /// The files whose change means another commit: .git/HEAD, the branch
    /// it points at, and packed-refs (those that exist).
    func gitInputs(_ package: URL) -> [URL] {
        let git = package.appendingPathComponent(".git")
        let head = git.appendingPathComponent("HEAD")
        var inputs = [head, git.appendingPathComponent("packed-refs")]
        if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref: ") {
            inputs.append(git.appendingPathComponent(text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return inputs.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
