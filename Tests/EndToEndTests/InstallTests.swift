import Foundation
import Processes
import Testing

/// `make install`'s script with the binary the tests run: the installed
/// pyvs reads its own copy of its data (not the checkout's), its man pages
/// and completions are in place, and uninstalling removes exactly what was
/// installed.
@Suite(.serialized) struct InstallTests {
    static let manualTool = ProcessInfo.processInfo.environment["PYVS_MANUAL_TOOL"] ?? ""

    /// Runs a command line; its status and what it printed.
    func shell(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 300) -> (status: Int32?, output: String) {
        var child = ChildProcess(arguments: arguments)
        child.timeout = timeout
        child.environment.merge(environment) { $1 }
        let outcome = child.run(in: Supervisor())
        let status: Int32? = if case .exited(let code) = outcome.ending { code } else { nil }
        return (status, String(decoding: outcome.stdout + outcome.stderr, as: UTF8.self))
    }

    /// Every path under `root`, relative to it, sorted.
    func tree(_ root: URL) -> [String] {
        (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test(.enabled(if: !manualTool.isEmpty, "make test builds generate-manual and names it in PYVS_MANUAL_TOOL"))
    func installedPyvsRunsFromItsOwnDataAndUninstallsCleanly() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("pyvs-install-test-\(getpid())")
        defer { try? FileManager.default.removeItem(at: prefix) }
        // Something of another package's, in a folder pyvs installs into: it must survive.
        let foreign = prefix.appendingPathComponent("share/man/man1/other.1")
        try FileManager.default.createDirectory(at: foreign.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "other".write(to: foreign, atomically: true, encoding: .utf8)
        let before = tree(prefix)

        let script = CLI.root.appendingPathComponent("tools/install.sh").path
        let install = shell([script, "install", CLI.binary, Self.manualTool], environment: ["PREFIX": prefix.path, "DESTDIR": ""])
        #expect(install.status == 0, "\(install.output)")

        // Run from another folder: the run names where its Python programs came from.
        let installed = prefix.appendingPathComponent("bin/pyvs").path
        let run = shell(["/bin/sh", "-c", "cd / && exec \"$0\" run cpu-bound --quick --only py.serial,swift.serial --format json --no-progress", installed])
        #expect(run.status == 0, "\(run.output.suffix(400))")
        let pyvs = CLI.json(run.output)?["pyvs"] as? [String: String]
        #expect(pyvs?["data"] == prefix.appendingPathComponent("share/pyvs").path)
        // The other runtimes' programs go with it.
        #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/pyvs/runtimes/go/massive.go").path))

        // A man page per command, named as `man pyvs-run` finds it, from the command definitions.
        let man = prefix.appendingPathComponent("share/man/man1")
        for command in ["pyvs", "pyvs-run", "pyvs-gil", "pyvs-claims", "pyvs-snippets", "pyvs-report", "pyvs-compare", "pyvs-list"] {
            let page = try String(contentsOf: man.appendingPathComponent("\(command).1"), encoding: .utf8)
            #expect(page.contains(".Dt \(command.uppercased()) 1"), "\(command)")
        }
        #expect(try String(contentsOf: man.appendingPathComponent("pyvs-run.1"), encoding: .utf8).contains("export-pyperf"))
        // The bash completion registers itself for pyvs.
        let completion = prefix.appendingPathComponent("share/bash-completion/completions/pyvs").path
        let bash = shell(["/bin/bash", "-c", "source \"$0\" && complete -p pyvs", completion])
        #expect(bash.status == 0 && bash.output.contains("pyvs"), "\(bash.output)")
        for file in ["share/zsh/site-functions/_pyvs", "share/fish/vendor_completions.d/pyvs.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "\(file)")
        }

        let uninstall = shell([script, "uninstall"], environment: ["PREFIX": prefix.path, "DESTDIR": ""])
        #expect(uninstall.status == 0, "\(uninstall.output)")
        #expect(tree(prefix) == before)
        let again = shell([script, "uninstall"], environment: ["PREFIX": prefix.path, "DESTDIR": ""])
        #expect(again.status == 1 && again.output.contains("nothing to uninstall"), "\(again.output)")
    }
}
