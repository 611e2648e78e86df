import Foundation
import PackagePlugin

/// Stamps the commit pyvs is built from into the BuildInfo target: before
/// every build, `git rev-parse` of the package's checkout is written to a
/// generated Swift file (rewritten only when it changes, so an unchanged
/// commit recompiles nothing). Outside a git checkout the commit is nil.
@main
struct CommitStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Stamp")
        let file = output.appendingPathComponent("Commit.swift").path
        let script = """
            mkdir -p "$2"
            c=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null)
            if [ -n "$c" ]; then v="\\"$c\\""; else v=nil; fi
            line="let stampedCommit: String? = $v"
            [ "$(cat "$3" 2>/dev/null)" = "$line" ] || printf '%s\\n' "$line" > "$3"
            """
        return [.prebuildCommand(displayName: "Stamping the commit pyvs is built from",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: ["-c", script, "stamp", context.package.directoryURL.path, output.path, file],
                                 outputFilesDirectory: output)]
    }
}
